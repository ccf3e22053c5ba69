"""`{{ posting.description|markdown_safe }}`: plain text or Markdown as safe HTML.

Markdown renders first (line breaks kept, so plain text reads as typed), then nh3 keeps only an
allow-list of tags and attributes: raw HTML, scripts, event handlers and `javascript:` links in
the text are removed, and every link gets rel="noopener noreferrer nofollow"."""

import markdown
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> str:
    # Headings start at h2: the page's own title is the h1.
    html = markdown.markdown(
        text or "", extensions=["nl2br", "sane_lists", "tables"], output_format="html"
    )
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@register.filter(name="markdown_safe")
def markdown_safe(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 above
