from functools import cache

from django.http import HttpRequest

from notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's unread count for the shared nav item: counted on first use in a
    page (one query, however often the nav is included), not at all on pages without it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": cache(lambda: unread_count(user=user))}
