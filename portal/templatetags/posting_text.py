"""A posting's text as pages show it.

`{% skill_list skills "required" %}`: a list of the posting's skills (jobs.selectors.ListedSkill),
their levels, and a deal breaker marked where the list is not one of deal breakers alone; written
in Python, as a job page that nobody has opened yet renders it.

`{{ posting.description|markdown_safe }}`: plain text or Markdown as safe HTML.

Markdown renders first (line breaks kept, so plain text reads as typed), then nh3 keeps only an
allow-list of tags and attributes: raw HTML, scripts, event handlers and `javascript:` links in
the text are removed, and every link gets rel="noopener noreferrer nofollow"."""

from collections.abc import Iterable

import markdown
import nh3
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from jobs.models import Requirement
from jobs.selectors import ListedSkill

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


@register.simple_tag
def skill_list(skills: Iterable[ListedSkill], kind: str) -> SafeString:
    breaker = _("deal breaker")
    marked = kind != Requirement.DEAL_BREAKER  # a list of deal breakers alone marks none
    items = format_html_join(
        "",
        '<li><span class="skill-name">{}</span> <span class="skill-meta">{}{}</span></li>',
        (
            (
                skill.name,
                _("level %(level)s/5 or higher") % {"level": skill.min_level},
                f" · {breaker}" if marked and skill.requirement == Requirement.DEAL_BREAKER else "",
            )
            for skill in skills
        ),
    )
    return format_html('<ul class="skill-list skill-list-{}">{}</ul>', kind, items)
