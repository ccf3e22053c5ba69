"""Access that ends when it should: an owner removes a colleague or revokes an invitation, and
closes the company account; each only by an owner, each refused with a reason otherwise."""

import pytest
from django.test import Client
from django.urls import reverse

from employers.models import ColleagueInvitation, Employer, EmployerMember, MemberRole
from employers.services import colleague_invite
from jobs.models import Application, JobPosting
from tests import factories

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_an_owner_removes_a_colleague_who_then_sees_nothing(employer_client, company):
    recruiter = factories.EmployerMemberFactory(employer=company, role=MemberRole.RECRUITER)
    colleague = _client(recruiter.user)
    assert colleague.get(reverse("employer:company")).status_code == 200

    response = employer_client.post(reverse("employer:member_remove", args=[recruiter.pk]))

    assert response.status_code == 302
    assert not EmployerMember.objects.filter(pk=recruiter.pk).exists()
    assert colleague.get(reverse("employer:company"))["Location"].endswith("/company/new/")


def test_a_recruiter_cannot_remove_anyone_and_an_owner_not_themselves(employer, company):
    recruiter = factories.EmployerMemberFactory(employer=company, role=MemberRole.RECRUITER)
    owner = employer.employer_membership

    _client(recruiter.user).post(reverse("employer:member_remove", args=[owner.pk]))
    page = _client(employer).post(reverse("employer:member_remove", args=[owner.pk]), follow=True)

    assert EmployerMember.objects.filter(pk=owner.pk).exists()
    assert "Leave the company" in page.content.decode()  # told how to go instead


def test_another_companys_member_is_not_found(employer_client):
    stranger = factories.EmployerMemberFactory()
    response = employer_client.post(reverse("employer:member_remove", args=[stranger.pk]))
    assert response.status_code == 404 and EmployerMember.objects.filter(pk=stranger.pk).exists()


def test_a_revoked_invitation_no_longer_works(employer, employer_client, company):
    invitation, token = colleague_invite(employer=company, by=employer, email="kim@example.com")

    response = employer_client.post(reverse("employer:invitation_revoke", args=[invitation.pk]))

    assert response.status_code == 302
    assert not ColleagueInvitation.objects.filter(pk=invitation.pk).exists()
    invitee = factories.UserFactory(role="employer", email="kim@example.com")
    assert (
        _client(invitee).get(reverse("employer:invitation_accept", args=[token])).status_code == 404
    )


def test_closing_the_company_needs_its_name_and_removes_postings_and_applications(
    employer, employer_client, company
):
    posting = factories.JobPostingFactory(employer=company)
    factories.ApplicationFactory(posting=posting)
    url = reverse("employer:company_close")

    wrong = employer_client.post(url, {"confirm_name": "Something else"})
    assert wrong.status_code == 400 and Employer.objects.filter(pk=company.pk).exists()
    assert "Type the company&#x27;s name" in wrong.content.decode()

    response = employer_client.post(url, {"confirm_name": company.name})

    assert response.status_code == 302
    assert not Employer.objects.filter(pk=company.pk).exists()
    assert not JobPosting.objects.filter(pk=posting.pk).exists()
    assert not Application.objects.filter(posting_id=posting.pk).exists()
    employer.refresh_from_db()
    assert employer.is_active  # the person's account stays; they may register anew or delete it


def test_only_an_owner_closes_the_company(company):
    recruiter = factories.EmployerMemberFactory(employer=company, role=MemberRole.RECRUITER)
    _client(recruiter.user).post(reverse("employer:company_close"), {"confirm_name": company.name})
    assert Employer.objects.filter(pk=company.pk).exists()
