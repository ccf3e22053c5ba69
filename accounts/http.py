"""The request that views behind `login_required` (or the admin) receive."""

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """An HttpRequest whose `user` is a signed-in User, never AnonymousUser.

    Only a type for annotations (django-stubs' pattern): Django still passes plain HttpRequests,
    and `login_required` is what makes the annotation true."""

    user: User
