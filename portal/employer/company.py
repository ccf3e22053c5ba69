"""The company profile: registering it, editing it, colleagues and their invitations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from employers.permissions import signed_in_member
from employers.selectors import (
    employer_members,
    employer_open_invitations,
)
from employers.services import (
    MembershipRefused,
    colleague_invitation_accept,
    colleague_invitation_for_token,
    colleague_invite,
    employer_register,
    employer_update,
    member_leave,
)
from portal.employer.access import company_member, employer_account, form_errors, membership
from portal.employer.forms import ColleagueInviteForm, CompanyForm


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
    member = membership(request)
    form = CompanyForm(request.POST or None, instance=member.employer)
    if request.method == "POST" and form.is_valid():
        try:
            employer_update(employer=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The company profile is saved."))
            return redirect("employer:company")
    return render(request, "employer/company_form.html", {"form": form, "creating": False})


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


@employer_account
def invitation_accept(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
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
