"""An invited colleague without an account signs up from the invitation and is in the company
at once: the link carries through sign-up (its token proves the mailbox, so the address needs
no second confirmation). Someone who already has an account signs in and accepts."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from employers.models import EmployerMember, MemberRole
from employers.services import colleague_invite
from tests import factories

pytestmark = pytest.mark.django_db

STRONG = "Seoul-bound recruiter 2026!"


@pytest.fixture
def invited(employer, company) -> str:
    _invitation, token = colleague_invite(
        employer=company, by=employer, email="park@hanbit.example", role=MemberRole.RECRUITER
    )
    return reverse("employer:invitation_accept", args=[token])


def _sign_up(client: Client, email: str, role: str = Role.EMPLOYER) -> object:
    return client.post(
        reverse("account_signup"),
        {
            "role": role,
            "full_name": "Park Ji-won",
            "email": email,
            "password1": STRONG,
            "password2": STRONG,
            "agree_terms": "on",
        },
    )


def test_an_anonymous_visitor_sees_the_invitation_with_a_way_to_sign_up(client, company, invited):
    page = client.get(invited)
    assert page.status_code == 200
    text = page.content.decode()
    assert company.name in text
    assert reverse("account_signup") in text
    assert reverse("account_login") in text


def test_sign_up_from_the_invitation_joins_the_company_without_a_second_mail(
    client, company, invited
):
    client.get(invited)
    form = client.get(reverse("account_signup")).content.decode()
    assert 'value="park@hanbit.example"' in form  # the invited address, filled in
    assert re.search(r'<input[^>]*value="employer"[^>]*checked', form)  # the employer role

    response = _sign_up(client, "park@hanbit.example")
    assert response.status_code == 302
    user = User.objects.get(email="park@hanbit.example")
    member = EmployerMember.objects.get(user=user)
    assert (member.employer, member.role) == (company, MemberRole.RECRUITER)
    assert EmailAddress.objects.get(user=user).verified
    assert not [m for m in mail.outbox if "confirm" in m.subject.lower()]
    landing = client.get(reverse("dashboard"), follow=True)
    assert landing.request["PATH_INFO"] == reverse("employer:dashboard")
    assert client.get(invited).status_code == 404  # used


def test_signing_up_with_another_address_does_not_join(client, company, invited):
    client.get(invited)
    _sign_up(client, "someone.else@hanbit.example")
    user = User.objects.get(email="someone.else@hanbit.example")
    assert not EmployerMember.objects.filter(user=user).exists()
    assert not EmailAddress.objects.get(user=user).verified  # that address still confirms


def test_an_invited_address_signing_up_as_a_graduate_does_not_join(client, company, invited):
    client.get(invited)
    _sign_up(client, "park@hanbit.example", role=Role.GRADUATE)
    user = User.objects.get(email="park@hanbit.example")
    assert user.role == Role.GRADUATE
    assert not EmployerMember.objects.filter(user=user).exists()


def test_an_existing_account_signs_in_and_comes_back_to_accept(client, company, invited):
    user = factories.UserFactory(role=Role.EMPLOYER, email="park@hanbit.example")
    page = client.get(invited).content.decode()
    login = f"{reverse('account_login')}?next={invited}"
    assert login in page
    response = client.post(login, {"login": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302 and response.url == invited
    assert client.post(invited).status_code == 302
    assert EmployerMember.objects.get(user=user).employer == company


def test_a_graduate_signed_in_still_gets_404(graduate_client, invited):
    assert graduate_client.get(invited).status_code == 404
