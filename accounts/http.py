"""The signed-in user of a request, for pages and for the API."""

from django.http import HttpRequest
from rest_framework.request import Request

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """An HttpRequest whose `user` is a signed-in User, never AnonymousUser.

    Only a type for annotations (django-stubs' pattern): Django still passes plain HttpRequests,
    and `login_required` is what makes the annotation true."""

    user: User


def signed_in(request: HttpRequest | Request) -> User | None:
    """The signed-in user, or None for an anonymous visitor."""
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def signed_in_user(request: HttpRequest | Request) -> User:
    """The signed-in user, for views that let no anonymous caller in (`login_required`, or a
    permission class that needs a signed-in caller)."""
    user = signed_in(request)
    assert user is not None, "this view must let only signed-in callers in"
    return user
