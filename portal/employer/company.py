"""The company profile: registering it, editing it, colleagues and their invitations."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from employers.models import ColleagueInvitation, EmployerMember
from employers.permissions import signed_in_member
from employers.selectors import (
    employer_members,
    employer_open_invitations,
)
from employers.services import (
    MembershipRefused,
    colleague_invitation_accept,
    colleague_invitation_for_token,
    colleague_invitation_revoke,
    colleague_invite,
    employer_close,
    employer_register,
    employer_update,
    member_leave,
    member_remove,
)
from portal.account.invitations import invitation_remember
from portal.employer.access import company_member, employer_account, form_errors, membership
from portal.employer.forms import (
    ColleagueInviteForm,
    CompanyCloseForm,
    CompanyForm,
    location_entries,
    location_formset,
)


@employer_account
def company_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if signed_in_member(request) is not None:
        return redirect("employer:company")
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer_register(user=request.user, employer=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your company is registered. Staff will verify it; meanwhile prepare postings."),
            )
            return redirect("employer:dashboard")
    return render(request, "employer/company_form.html", {"form": form, "creating": True})


@company_member
def company_detail(request: AuthenticatedHttpRequest) -> HttpResponse:
    member = membership(request)
    return render(
        request,
        "employer/company_detail.html",
        {
            "membership": member,
            "employer": member.employer,
            "members": employer_members(employer=member.employer),
            "invitations": employer_open_invitations(employer=member.employer),
            "invite_form": ColleagueInviteForm(),
        },
    )


@company_member
def company_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The details, the support for foreign hires and the sites; "Save and add another
    location" saves and comes back with a fresh blank row (no JavaScript needed)."""
    member = membership(request)
    form = CompanyForm(request.POST or None, instance=member.employer)
    locations = location_formset(request.POST or None, employer=member.employer)
    if request.method == "POST" and all([form.is_valid(), locations.is_valid()]):
        try:
            employer_update(
                employer=form.instance, by=request.user, locations=location_entries(locations)
            )
        except ValidationError as error:
            for text in form_errors(error):
                form.add_error(None, text)
        else:
            messages.success(request, _("The company profile is saved."))
            if "add_location" in request.POST:
                return redirect(reverse("employer:company_edit") + "#locations-title")
            return redirect("employer:company")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "employer/company_form.html",
        {"form": form, "locations": locations, "creating": False},
        status=status,
    )


@company_member
@require_POST
def colleague_invite_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    member = membership(request)
    form = ColleagueInviteForm(request.POST)
    if form.is_valid():
        try:
            colleague_invite(
                employer=member.employer,
                by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_error("email" if hasattr(error, "error_dict") else None, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("employer:company")
    return render(
        request,
        "employer/company_detail.html",
        {
            "membership": member,
            "employer": member.employer,
            "members": employer_members(employer=member.employer),
            "invitations": employer_open_invitations(employer=member.employer),
            "invite_form": form,
        },
        status=400,
    )


@company_member
@require_POST
def member_leave_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        member_leave(member=membership(request))
    except MembershipRefused as error:
        for text in form_errors(error):
            messages.error(request, text)
        return redirect("employer:company")
    messages.success(request, _("You left the company."))
    return redirect("employer:dashboard")


@company_member
@require_POST
def member_remove_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An owner removes a colleague (someone of another company: 404)."""
    employer = membership(request).employer
    member = get_object_or_404(
        EmployerMember.objects.select_related("user"), pk=pk, employer=employer
    )
    try:
        member_remove(member=member, by=request.user)
    except MembershipRefused as error:
        for text in form_errors(error):
            messages.error(request, text)
    else:
        messages.success(
            request, _("%(name)s no longer belongs to the company.") % {"name": member.user}
        )
    return redirect("employer:company")


@company_member
@require_POST
def invitation_revoke_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    employer = membership(request).employer
    invitation = get_object_or_404(ColleagueInvitation, pk=pk, employer=employer)
    try:
        colleague_invitation_revoke(invitation=invitation, by=request.user)
    except MembershipRefused as error:
        for text in form_errors(error):
            messages.error(request, text)
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("employer:company")


@company_member
def company_close(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Close the company account, after typing its name (a page of its own: no slip of a click)."""
    employer = membership(request).employer
    form = CompanyCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer_close(
                employer=employer, by=request.user, confirm_name=form.cleaned_data["confirm_name"]
            )
        except ValidationError as error:
            form.add_error(None, error)  # a ValidationError keyed by field: the form places it
        else:
            messages.success(request, _("The company account is closed."))
            return redirect("employer:company_create")
    status = 400 if form.errors else 200
    return render(
        request, "employer/company_close.html", {"form": form, "employer": employer}, status=status
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponseBase:
    """The invitation link: a signed-in employer account accepts it; an anonymous visitor sees
    whom it is from and signs up (the invitation carries through) or signs in first."""
    if request.user.is_authenticated:
        return _invitation_accept_signed_in(request, token)
    invitation = colleague_invitation_for_token(token=token)
    valid = invitation is not None and invitation.is_open
    if request.method == "POST":
        return redirect_to_login(request.path)
    if valid:
        invitation_remember(request, token=token, invitation=invitation)  # type: ignore[arg-type]
    context = {
        "invitation": invitation if valid else None,
        "login_url": f"{reverse('account_login')}?next={quote(request.path, safe='/')}",
    }
    return render(request, "employer/invitation_accept.html", context, status=200 if valid else 404)


@employer_account
def _invitation_accept_signed_in(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    invitation = colleague_invitation_for_token(token=token)
    error = ""
    if request.method == "POST":
        try:
            colleague_invitation_accept(token=token, user=request.user)
        except MembershipRefused as refused:
            error = " ".join(form_errors(refused))
        else:
            messages.success(
                request,
                _("Welcome to %(company)s.") % {"company": invitation.employer.name},  # type: ignore[union-attr]
            )
            return redirect("employer:dashboard")
    valid = invitation is not None and invitation.is_open
    return render(
        request,
        "employer/invitation_accept.html",
        {"invitation": invitation if valid else None, "error": error},
        status=200 if valid else 404,
    )
