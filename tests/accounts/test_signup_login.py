import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from profiles.models import GraduateProfile
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

STRONG = "Seoul-bound engineer 2026!"


def _sign_up(client: Client, role: str, email: str) -> object:
    return client.post(
        reverse("account_signup"),
        {
            "role": role,
            "full_name": "Nguyen Thi Lan",
            "email": email,
            "password1": STRONG,
            "password2": STRONG,
            "agree_terms": "on",
        },
    )


def _confirm_from_mail(client: Client) -> object:
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    path = link.group(0).split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    return client.post(path)


def test_graduate_signs_up_verifies_and_lands_on_the_graduate_dashboard(client: Client):
    response = _sign_up(client, Role.GRADUATE, "lan@example.com")
    assert response.status_code == 302
    user = User.objects.get(email="lan@example.com")
    assert user.role == Role.GRADUATE
    assert user.full_name == "Nguyen Thi Lan"
    assert GraduateProfile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1

    response = _confirm_from_mail(client)
    assert EmailAddress.objects.get(user=user).verified
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("graduate:dashboard")
    assert client.get(response.url).status_code == 200


def test_employer_signs_up_and_lands_on_the_employer_dashboard(client: Client):
    _sign_up(client, Role.EMPLOYER, "recruiter@hanbit.example")
    user = User.objects.get(email="recruiter@hanbit.example")
    assert user.role == Role.EMPLOYER
    assert not GraduateProfile.objects.filter(user=user).exists()
    _confirm_from_mail(client)
    response = client.get(reverse("dashboard"))
    assert response.url == reverse("employer:dashboard")
    page = client.get(response.url)
    assert page.status_code == 200
    assert "company" in page.content.decode().lower()


def test_sign_up_cannot_choose_the_staff_role(client: Client):
    response = _sign_up(client, Role.STAFF, "sneaky@example.com")
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(email="sneaky@example.com").exists()


def test_sign_up_with_a_common_password_keeps_what_was_typed(client: Client):
    response = client.post(
        reverse("account_signup"),
        {
            "role": Role.GRADUATE,
            "full_name": "Budi Santoso",
            "email": "budi@example.com",
            "password1": "password123",
            "password2": "password123",
            "agree_terms": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'value="budi@example.com"' in response.content.decode()
    assert not User.objects.filter(email="budi@example.com").exists()


def test_unverified_user_cannot_log_in(client: Client):
    user = User.objects.create_user("unverified@example.com", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_verified_user_logs_in_by_email_and_out(client: Client):
    user = UserFactory(email="Mixed.Case@Example.com".lower())
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_without_saying_whether_the_account_exists(client: Client):
    UserFactory(email="known@example.com")
    known = client.post(reverse("account_login"), {"login": "known@example.com", "password": "x"})
    unknown = client.post(
        reverse("account_login"), {"login": "nobody@example.com", "password": "x"}
    )
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_dashboard_needs_login(client: Client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_dashboard_is_for_staff_only(client: Client, graduate_client: Client, staff_client):
    assert graduate_client.get(reverse("staff_dashboard")).status_code == 403
    assert staff_client.get(reverse("staff_dashboard")).status_code == 200
    assert client.get(reverse("staff_dashboard")).status_code == 302


def test_admin_login_refuses_a_non_staff_user(client: Client, graduate):
    response = client.post(
        reverse("admin:login"), {"username": graduate.email, "password": PASSWORD}
    )
    assert response.status_code == 302  # to the site's sign-in; the admin signs no one in
    assert client.get(reverse("admin:index")).status_code == 302
    client.post(reverse("account_login"), {"login": graduate.email, "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 302  # signed in, still not staff


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER])
def test_sign_up_link_preselects_the_role(client: Client, role: str):
    response = client.get(reverse("account_signup") + f"?role={role}")
    assert response.context["form"].initial["role"] == role


def test_sign_up_link_ignores_a_staff_role(client: Client):
    response = client.get(reverse("account_signup") + "?role=staff")
    assert response.context["form"].initial.get("role") != Role.STAFF


def test_sign_up_records_terms_and_privacy_consent(client: Client):
    _sign_up(client, Role.GRADUATE, "consent@example.com")
    user = User.objects.get(email="consent@example.com")
    purposes = sorted(user.consents.filter(given=True).values_list("purpose", flat=True))
    assert purposes == ["privacy", "terms"]


def test_sign_up_without_agreeing_is_refused_and_keeps_the_typed_values(client: Client):
    response = client.post(
        reverse("account_signup"),
        {
            "role": Role.GRADUATE,
            "full_name": "Siti <b>Aminah</b>",
            "email": "siti@example.com",
            "password1": STRONG,
            "password2": STRONG,
        },
    )
    assert response.status_code == 200
    assert "agree_terms" in response.context["form"].errors
    page = response.content.decode()
    assert "Tick the box to agree" in page
    assert 'value="siti@example.com"' in page
    assert "Siti &lt;b&gt;Aminah&lt;/b&gt;" in page
    assert not User.objects.filter(email="siti@example.com").exists()


def test_account_emails_greet_from_talent_bridge_not_from_the_host(client: Client):
    _sign_up(client, Role.GRADUATE, "lan@example.com")
    body = mail.outbox[-1].body
    assert body.startswith("Hello from Talent Bridge!")
    assert "Hello from testserver" not in body
    assert "Thank you for using Talent Bridge." in body
