from functools import cache

from django.http import HttpRequest

from conversations.selectors import unread_total


def conversations(request: HttpRequest) -> dict[str, object]:
    """How many of the signed-in user's threads have unread messages, for the nav: counted on
    first use in a page, not at all on pages without it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"conversations_unread": cache(lambda: unread_total(user=user))}
