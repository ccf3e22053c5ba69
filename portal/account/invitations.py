"""A colleague's invitation carried through sign-up.

An anonymous visitor who opens an invitation link is remembered in the session: the sign-up
form then offers the invited address and the employer role, and a sign-up with that address
joins the company at once. The link's token proves the mailbox, so allauth is told the address
is verified (its `stash_verified_email`): no second confirmation e-mail."""

from allauth.account.adapter import get_adapter
from django.http import HttpRequest

from accounts.models import User
from employers.models import ColleagueInvitation, EmployerMember
from employers.services import (
    MembershipRefused,
    colleague_invitation_accept,
    colleague_invitation_for_token,
)

PENDING_INVITATION = "colleague_invitation"


def invitation_remember(
    request: HttpRequest, *, token: str, invitation: ColleagueInvitation
) -> None:
    request.session[PENDING_INVITATION] = token
    get_adapter(request).stash_verified_email(request, invitation.email)


def invitation_pending(request: HttpRequest) -> ColleagueInvitation | None:
    """The open invitation this visitor came from, if any."""
    token = request.session.get(PENDING_INVITATION)
    invitation = colleague_invitation_for_token(token=token) if token else None
    return invitation if invitation is not None and invitation.is_open else None


def invitation_signup_email(request: HttpRequest, *, email: str) -> None:
    """Before an account is made with `email`: the invitation vouches only for the address it was
    sent to. Signing up with another one forgets that (allauth would otherwise add the invited
    address to the account), so the typed address is confirmed by e-mail as usual."""
    invitation = invitation_pending(request)
    if invitation is not None and invitation.email.lower() != email.strip().lower():
        get_adapter(request).unstash_verified_email(request)
        request.session.pop(PENDING_INVITATION, None)


def invitation_accept_on_signup(request: HttpRequest, *, user: User) -> EmployerMember | None:
    """Join the company of the pending invitation if the new account may (an employer account
    with the invited address); otherwise leave the link to be used later."""
    token = request.session.pop(PENDING_INVITATION, None)
    if not token:
        return None
    try:
        return colleague_invitation_accept(token=token, user=user)
    except MembershipRefused:
        return None
