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
    return unread_total(user=user)
