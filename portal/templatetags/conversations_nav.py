"""The nav's figure for conversations: how many of the signed-in user's threads are unread."""

from typing import Any

from django import template

from accounts.models import User
from conversations.selectors import unread_total
from profiles.permissions import signed_in_graduate_if_read

register = template.Library()


@register.simple_tag(takes_context=True)
def conversations_unread(context: dict[str, Any]) -> int:
    return unread_for_request(context.get("request"))


def unread_for_request(request: Any) -> int:
    """The figure for the request's user, read once per request (the nav's key and the nav
    itself both ask); a graduate's with the profile the page has read, if it has."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return 0
    if not hasattr(request, "_conversations_unread"):
        graduate = signed_in_graduate_if_read(request)
        request._conversations_unread = unread_total(user=user, graduate=graduate)
    count: int = request._conversations_unread
    return count
