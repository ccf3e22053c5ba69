"""Signing a company up, colleagues joining by invitation, and leaving (services and views)."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from employers.models import ColleagueInvitation, Employer, EmployerMember, MemberRole
from employers.services import (
    MembershipRefused,
    colleague_invitation_accept,
    colleague_invite,
    employer_register,
    member_leave,
)
from tests import factories

pytestmark = pytest.mark.django_db

COMPANY = {
    "name": "Cheongju Cell Tech",
    "name_ko": "청주셀테크",
    "business_registration_number": factories.valid_brn(4242),
    "industry": "batteries",
    "size_class": "sme",
    "region": "chungbuk",
    "address": "",
    "website": "",
    "description": "Pouch cells for e-bikes.",
}
LOCATIONS_NONE = {"locations-TOTAL_FORMS": "0", "locations-INITIAL_FORMS": "0"}


@pytest.fixture
def newcomer():
    """An employer account that has not set up or joined a company yet."""
    return factories.UserFactory(role=Role.EMPLOYER)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_registering_a_company_makes_it_pending_with_the_user_as_owner(newcomer):
    response = _client(newcomer).post(reverse("employer:company_create"), COMPANY)

    assert response.status_code == 302
    employer = Employer.objects.get(name="Cheongju Cell Tech")
    assert employer.verification_status == "pending" and employer.verified_at is None
    member = EmployerMember.objects.get(user=newcomer)
    assert (member.employer, member.role) == (employer, MemberRole.OWNER)


def test_a_bad_registration_number_is_refused_and_the_form_keeps_what_was_typed(newcomer):
    valid = COMPANY["business_registration_number"]
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    data = {**COMPANY, "business_registration_number": wrong}
    response = _client(newcomer).post(reverse("employer:company_create"), data)

    assert response.status_code == 200
    assert "check digit" in response.content.decode()
    assert f'value="{wrong}"' in response.content.decode()
    assert 'value="Cheongju Cell Tech"' in response.content.decode()
    assert not Employer.objects.filter(name="Cheongju Cell Tech").exists()


def test_a_company_registered_twice_points_to_joining_by_invitation(newcomer, company):
    data = {**COMPANY, "business_registration_number": company.business_registration_number}
    response = _client(newcomer).post(reverse("employer:company_create"), data)

    assert "Ask a colleague there to invite you" in response.content.decode()
    assert not EmployerMember.objects.filter(user=newcomer).exists()


def test_a_member_cannot_register_a_second_company(employer):
    with pytest.raises(MembershipRefused):
        employer_register(user=employer, employer=Employer(**COMPANY))


def test_a_graduate_cannot_register_a_company(graduate):
    with pytest.raises(MembershipRefused):
        employer_register(user=graduate, employer=Employer(**COMPANY))


def test_employer_without_company_is_sent_to_set_it_up(newcomer):
    client = _client(newcomer)
    assert client.get(reverse("employer:posting_list")).url == reverse("employer:company_create")
    page = client.get(reverse("employer:dashboard"))
    assert reverse("employer:company_create") in page.content.decode()


@pytest.mark.parametrize(
    "name", ["company_create", "company", "company_edit", "posting_list", "posting_create"]
)
def test_graduates_get_404_and_anonymous_visitors_sign_in(graduate_client: Client, name):
    assert graduate_client.get(reverse(f"employer:{name}")).status_code == 404
    response = Client().get(reverse(f"employer:{name}"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_owner_edits_the_profile_but_a_verified_name_stays(employer_client: Client, company):
    data = {
        **COMPANY,
        **LOCATIONS_NONE,
        "business_registration_number": company.business_registration_number,
    }
    response = employer_client.post(reverse("employer:company_edit"), data)
    assert "keeps its names" in response.content.decode()
    data["name"] = company.name
    response = employer_client.post(reverse("employer:company_edit"), data)  # Korean name too
    assert "keeps its names" in response.content.decode()
    company.refresh_from_db()
    assert company.name_ko != COMPANY["name_ko"]
    data["name_ko"] = company.name_ko
    response = employer_client.post(reverse("employer:company_edit"), data)
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.description == "Pouch cells for e-bikes."


def test_a_recruiter_cannot_edit_the_company_profile(company):
    recruiter = factories.EmployerMemberFactory(employer=company, role=MemberRole.RECRUITER).user
    data = {**COMPANY, **LOCATIONS_NONE, "name": company.name}
    data["business_registration_number"] = company.business_registration_number
    response = _client(recruiter).post(reverse("employer:company_edit"), data)
    assert "Only an owner" in response.content.decode()


# --- colleagues ------------------------------------------------------------------------------


def _link(mail) -> str:
    return re.search(r"http://[^\s\"]+/employer/join/[^\s\"/]+/", mail.body).group(0)


def test_an_invitation_mails_a_link_that_lets_the_colleague_join(
    employer_client: Client, company, newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = employer_client.post(
            reverse("employer:colleague_invite"), {"email": newcomer.email, "role": "recruiter"}
        )
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.to == [newcomer.email] and company.name in mail.subject
    path = _link(mail).split("127.0.0.1:8000", 1)[1]

    client = _client(newcomer)
    assert company.name in client.get(path).content.decode()
    assert client.post(path).status_code == 302

    member = EmployerMember.objects.get(user=newcomer)
    assert (member.employer, member.role) == (company, MemberRole.RECRUITER)
    assert client.get(path).status_code == 404  # used once


def test_the_invitation_works_only_for_the_address_it_was_sent_to(employer, company):
    _invitation, token = colleague_invite(employer=company, by=employer, email="kim@example.com")
    stranger = factories.UserFactory(role=Role.EMPLOYER, email="lee@example.com")
    with pytest.raises(MembershipRefused, match="another e-mail address"):
        colleague_invitation_accept(token=token, user=stranger)
    assert not EmployerMember.objects.filter(user=stranger).exists()


def test_an_invitation_cannot_be_used_by_a_graduate_or_a_member_of_another_company(
    employer, company, other_employer
):
    _invitation, token = colleague_invite(employer=company, by=employer, email=other_employer.email)
    with pytest.raises(MembershipRefused, match="already belong"):
        colleague_invitation_accept(token=token, user=other_employer)
    graduate = factories.UserFactory(role=Role.GRADUATE, email="grad@example.com")
    _invitation, token = colleague_invite(employer=company, by=employer, email=graduate.email)
    with pytest.raises(MembershipRefused, match="Only employer accounts"):
        colleague_invitation_accept(token=token, user=graduate)


def test_a_new_invitation_to_the_same_address_replaces_the_old_link(employer, company, newcomer):
    _first, old_token = colleague_invite(employer=company, by=employer, email=newcomer.email)
    _second, new_token = colleague_invite(employer=company, by=employer, email=newcomer.email)
    with pytest.raises(MembershipRefused, match="no longer valid"):
        colleague_invitation_accept(token=old_token, user=newcomer)
    colleague_invitation_accept(token=new_token, user=newcomer)
    assert ColleagueInvitation.objects.filter(accepted_by=newcomer).count() == 1


def test_only_owners_invite_owners_and_members_are_not_invited_twice(employer, company):
    recruiter = factories.EmployerMemberFactory(employer=company, role=MemberRole.RECRUITER).user
    with pytest.raises(MembershipRefused):
        colleague_invite(employer=company, by=recruiter, email="x@example.com", role="owner")
    with pytest.raises(ValidationError):
        colleague_invite(employer=company, by=employer, email=recruiter.email)


def test_a_member_of_another_company_cannot_invite_to_this_one(other_employer, company):
    with pytest.raises(PermissionDenied) as error:
        colleague_invite(employer=company, by=other_employer, email="x@example.com")
    assert "Not a member" in str(error.value)


def test_a_recruiter_can_leave(company):
    recruiter = factories.EmployerMemberFactory(employer=company, role=MemberRole.RECRUITER)
    response = _client(recruiter.user).post(reverse("employer:member_leave"))
    assert response.status_code == 302
    assert not EmployerMember.objects.filter(pk=recruiter.pk).exists()


def test_the_last_owner_cannot_leave(employer_client: Client, employer):
    response = employer_client.post(reverse("employer:member_leave"), follow=True)
    assert "last owner" in response.content.decode()
    assert EmployerMember.objects.filter(user=employer).exists()


def test_an_owner_can_leave_when_another_owner_stays(employer, company):
    factories.EmployerMemberFactory(employer=company, role=MemberRole.OWNER)
    member_leave(member=employer.employer_membership)
    assert not EmployerMember.objects.filter(user=employer).exists()


def test_company_page_lists_colleagues_and_open_invitations(employer_client, employer, company):
    colleague_invite(employer=company, by=employer, email="park@example.com")
    page = employer_client.get(reverse("employer:company")).content.decode()
    assert employer.email in page and "park@example.com" in page


def test_members_hear_when_staff_verify_or_reject_the_company(
    newcomer, django_capture_on_commit_callbacks, mailoutbox
):
    from employers.services import employer_register, employer_set_verification
    from notifications.models import Notification
    from notifications.texts import notification_text

    company = employer_register(user=newcomer, employer=Employer(**{**COMPANY}))
    staff = factories.StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        employer_set_verification(
            employer=company, status="rejected", by=staff, note="The number is not on the registry."
        )
    rejected = Notification.objects.get(user=newcomer, kind="company_verification")
    text = notification_text(rejected.kind, rejected.params)
    assert "not approved" in text.title and "The number is not on the registry." in text.body
    assert mailoutbox and company.name in mailoutbox[-1].subject

    with django_capture_on_commit_callbacks(execute=True):
        employer_set_verification(employer=company, status="verified", by=staff, note="Checked.")
    verified = Notification.objects.filter(user=newcomer, kind="company_verification").latest("id")
    assert "verified" in notification_text(verified.kind, verified.params).title
