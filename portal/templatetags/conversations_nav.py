"""The nav's figure for conversations: how many of the signed-in user's threads are unread."""

from typing import Any

from django import template

from accounts.models import User
from conversations.selectors import unread_total

register = template.Library()


@register.simple_tag(takes_context=True)
def conversations_unread(context: dict[str, Any]) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return 0
    if not hasattr(request, "_conversations_unread"):  # the nav is drawn twice (phone, desktop)
        request._conversations_unread = unread_total(user=user)  # type: ignore[union-attr]
    count: int = request._conversations_unread  # type: ignore[union-attr]
    return count
