"""The button that saves a posting or forgets it, the same on job cards, job pages and the saved
jobs page: `{% save_button posting.pk saved %}` (a bool), and after an htmx swap
(`save_button_html`).

It is written in Python, not a template: the job search shows twenty on a page, and each is
the reader's own (their form token, the page to come back to), so none can be kept. htmx posts
the form and swaps it in place, keeping the focus on the button (its id); without JavaScript
the form posts and `next` brings the reader back.
"""

from typing import Any

from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def save_button_html(*, posting_pk: int, saved: bool, csrf_token: Any, next_url: str) -> SafeString:
    """The form for one posting: `saved` shows "Saved" (and posts a removal), else "Save job".
    `csrf_token`: the reader's form token (the template context's `csrf_token`)."""
    url = reverse("jobs:save", args=[posting_pk])
    token = str(csrf_token or "")
    csrf = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
        if token and token != "NOTPROVIDED"  # noqa: S105 (Django's "no token" sentinel)
        else ""
    )
    action = mark_safe("")
    if saved:
        action = mark_safe('<input type="hidden" name="action" value="remove">')
        button = format_html(
            '<button type="submit" id="save-job-{}" class="btn btn-secondary btn-sm is-saved">'
            '{}<span class="visually-hidden"> {}</span></button>',
            posting_pk,
            _("Saved"),
            _("(select to remove from your saved jobs)"),
        )
    else:
        button = format_html(
            '<button type="submit" id="save-job-{}" class="btn btn-secondary btn-sm">{}</button>',
            posting_pk,
            _("Save job"),
        )
    return format_html(
        '<form method="post" action="{}" class="save-job" hx-post="{}" hx-swap="outerHTML">'
        '{}<input type="hidden" name="next" value="{}">{}{}</form>',
        url,
        url,
        csrf,
        next_url,
        action,
        button,
    )


@register.simple_tag(takes_context=True)
def save_button(context: Context, posting_pk: int, saved: bool) -> SafeString:
    """The save button for the page being rendered: its form token, and this page to come
    back to."""
    request = context.get("request")
    return save_button_html(
        posting_pk=posting_pk,
        saved=bool(saved),
        csrf_token=context.get("csrf_token"),
        next_url=request.get_full_path() if request is not None else "",
    )
