"""Every model in the admin: its list and its add page open for staff."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.fixture
def some_rows(db: None) -> None:
    """One row of the main kinds, so change lists render real data, not only empty states."""
    factories.ApplicationFactory()
    factories.EmployerMemberFactory()
    factories.GraduateSkillFactory()
    factories.EducationRecordFactory()
    factories.PostingSkillFactory()
    factories.CourseSkillFactory()


def test_our_apps_are_all_registered():
    ours = {"accounts", "skills", "profiles", "employers", "jobs", "training", "matching", "core",
            "interviews"}  # fmt: skip
    assert ours <= {app for app, _ in REGISTERED}


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_opens_for_staff(staff_client: Client, some_rows, app_label, model_name):
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_add_page_opens_for_staff_where_adding_is_allowed(
    staff_client: Client, app_label, model_name
):
    model_admin = next(
        ma for m, ma in admin.site._registry.items()
        if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )  # fmt: skip
    url = reverse(f"admin:{app_label}_{model_name}_add")
    expected = 200 if model_admin.has_add_permission(_staff_request(staff_client)) else 403
    assert staff_client.get(url).status_code == expected


def _staff_request(client: Client):
    from django.test import RequestFactory

    from accounts.models import User

    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=client.session["_auth_user_id"])
    return request


def test_admin_changelist_is_closed_to_graduates(graduate_client: Client):
    response = graduate_client.get(reverse("admin:jobs_jobposting_changelist"))
    assert response.status_code == 302


def test_staff_verifies_an_employer_in_the_admin_with_who_and_when(staff_client, staff):
    employer = factories.EmployerFactory(unverified=True)
    url = reverse("admin:employers_employer_changelist")
    response = staff_client.post(
        url, {"action": "verify_selected", "_selected_action": [employer.pk]}
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.is_verified
    assert employer.verified_by == staff
    assert employer.verified_at is not None
