"""Parts a page shows more than once, or the same for many readers.

`{% include_repeated "_nav.html" %}` renders the template the first time it is asked for in a
page and repeats the same HTML after (the header shows the navigation twice, for wide and for
narrow screens, from one rendering).

`{% site_nav %}` is the header's navigation: the same for every reader of one kind (anonymous,
graduate, employer member, staff) on one page, in one language, with the same unread figures, so
it is rendered once per process for each of those and kept (settings: template_fragments, as
the course cards). The two things in it that are the reader's own, the CSRF token of its forms and
the page the language menu returns to, are put in each time. Anything else the navigation comes
to show about its reader must join `_nav_key`.

`{% kept "job-page-about" posting.pk posting.updated_at %}...{% endkept %}` renders what it
encloses once and keeps it in the shared cache (core.fragments) under the values given and the
language: for a part that is the same for every reader, and shows nothing but what those
values stand for. Anything it shows beyond them (a skill's name) may be KEPT_PART_SECONDS old.
The first kept part a page renders reads all of the page's kept parts in one round trip.
"""

import secrets
from contextlib import suppress
from typing import Any, cast

from django import template
from django.core.cache import caches
from django.template.context import Context
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accounts.models import User
from core.fragments import kept_fragments, kept_fragments_read
from notifications.selectors import unread_count
from portal.templatetags.conversations_nav import unread_for_request

register = template.Library()

NAV_TEMPLATE = "_nav.html"
KEPT_PART_SECONDS = 600
NAV_KEPT_SECONDS = 600
# Stand-ins for the reader's own values while the kept HTML is rendered (new in each process).
_CSRF_MARK = f"tb-nav-csrf-{secrets.token_hex(8)}"
_NEXT_MARK = f"tb-nav-next-{secrets.token_hex(8)}"


@register.simple_tag(takes_context=True)
def include_repeated(context: Context, name: str) -> SafeString:
    state: Any = context.render_context
    rendered: dict[str, SafeString] = state.setdefault("include_repeated", {})
    if name not in rendered:
        html = get_template(name).template.render(context)  # type: ignore[attr-defined]
        rendered[name] = mark_safe(html)  # noqa: S308 (the template's own escaped output)
    return rendered[name]


@register.simple_tag(takes_context=True)
def site_nav(context: Context) -> SafeString:
    state: Any = context.render_context
    if "site_nav" not in state:
        state["site_nav"] = _site_nav(context)
    html: SafeString = state["site_nav"]
    return html


def _site_nav(context: Context) -> SafeString:
    request = context.get("request")
    if request is None or "csrf_token" not in context:
        return include_repeated(context, NAV_TEMPLATE)
    kept = caches["template_fragments"]
    key = _nav_key(request)
    html: str | None = kept.get(key)
    if html is None:
        with context.push(csrf_token=_CSRF_MARK, language_next=_NEXT_MARK):
            html = get_template(NAV_TEMPLATE).template.render(context)  # type: ignore[attr-defined]
        kept.set(key, html, NAV_KEPT_SECONDS)
    html = html.replace(_CSRF_MARK, escape(str(context["csrf_token"])))
    html = html.replace(_NEXT_MARK, escape(request.get_full_path()))
    return mark_safe(html)  # noqa: S308 (the template's escaped output, and escaped values)


def _nav_key(request: Any) -> str:
    """What the navigation shows differs by: the language, the kind of reader, the page (the
    current item), and the reader's unread conversations and notifications."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    page = match.view_name if match is not None else ""
    if not isinstance(user, User) or not user.is_authenticated:
        return f"nav:{get_language()}:anonymous:{page}"
    kind = "staff" if user.is_staff else user.role
    messages = 0
    if not user.is_staff and (user.is_graduate or user.is_employer_member):
        messages = unread_for_request(request)
    return f"nav:{get_language()}:{kind}:{page}:{messages}:{unread_count(user=user)}"


_READ_AHEAD = "kept-read-ahead"


class KeptNode(template.Node):
    def __init__(self, nodelist: template.NodeList, vary_on: list[Any]) -> None:
        self.nodelist, self.vary_on = nodelist, vary_on

    def key(self, context: Context) -> str:
        return repr((*(value.resolve(context) for value in self.vary_on), get_language()))

    def render(self, context: Context) -> SafeString:
        key = self.key(context)
        found = self._read_ahead(context, key).get(key)
        if found is not None:
            return found
        render = lambda _indexes: [self.nodelist.render(context)]  # noqa: E731
        return kept_fragments([key], render, seconds=KEPT_PART_SECONDS)[0]

    def _read_ahead(self, context: Context, key: str) -> dict[str, SafeString]:
        """The first kept part a template renders reads every kept part of the template in one
        round trip: their keys as they stand now. A key is the part's name and values, so a
        part read under a key that is not its own later (one in a loop) is never shown: that
        part reads its own."""
        state: Any = context.render_context
        found: dict[str, SafeString] | None = state.get(_READ_AHEAD)
        if found is None:
            keys = {key}
            page = context.template
            for node in page.nodelist.get_nodes_by_type(KeptNode) if page is not None else ():
                with suppress(Exception):  # a key that cannot be made now is read by its part
                    keys.add(cast(KeptNode, node).key(context))
            found = state[_READ_AHEAD] = kept_fragments_read(keys)
        return found


@register.tag("kept")
def kept(parser: template.base.Parser, token: template.base.Token) -> KeptNode:
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% kept %} needs a name and the values it varies on")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, [parser.compile_filter(bit) for bit in bits])
