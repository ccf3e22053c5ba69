"""Staff power by role: the API checks the same model permissions as the admin, the four staff
groups hold what their work needs, and staff reading a CV is logged."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from rest_framework.test import APIClient

from tests import factories
from tests.profiles.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def _staff(*groups: str):  # type: ignore[no-untyped-def]
    user = factories.StaffFactory(is_superuser=False)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def test_the_staff_groups_exist_with_their_permissions():
    perms = {
        group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        for group in Group.objects.all()
    }
    assert "employers.change_employer" in perms["Verifiers"]
    assert "visas.change_visatype" in perms["Visa editors"]
    assert "training.add_course" in perms["Catalogue editors"]
    assert "profiles.view_graduateprofile" in perms["Support"]
    assert "employers.change_employer" not in perms["Support"]


def test_only_a_verifier_verifies_a_company_through_the_api():
    company = factories.EmployerFactory(unverified=True)
    for user, expected in ((_staff("Support"), 403), (_staff("Verifiers"), 200)):
        api = APIClient()
        api.force_authenticate(user)
        response = api.post(
            f"/api/v1/staff/employers/{company.pk}/verification/",
            {"status": "verified", "note": "Checked with the registry."},
            format="json",
        )
        assert response.status_code == expected


def test_the_admin_agrees_with_the_api():
    company = factories.EmployerFactory(unverified=True)
    support = Client()
    support.force_login(_staff("Support"))
    url = f"/admin/employers/employer/{company.pk}/change/"
    assert 'name="_save"' not in support.get(url).content.decode()  # read only
    response = support.post(url, {"verification_status": "verified"})
    assert response.status_code == 403
    company.refresh_from_db()
    assert not company.is_verified


def test_a_staff_cv_download_needs_the_permission_and_is_logged(caplog):
    from django.core.files.base import ContentFile

    profile = factories.GraduateProfileFactory()
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes()))
    url = f"/graduate/cv/{profile.pk}/"
    nobody = Client()
    nobody.force_login(_staff("Catalogue editors"))
    assert nobody.get(url).status_code == 404
    support_user = _staff("Support")
    support = Client()
    support.force_login(support_user)
    with caplog.at_level(logging.INFO, logger="talentbridge.audit"):
        assert support.get(url).status_code == 200
    assert f"staff {support_user.pk} read the CV of graduate profile {profile.pk}" in caplog.text
    assert profile.user.email not in caplog.text and profile.user.full_name not in caplog.text


def test_staff_opening_personal_records_in_the_admin_is_logged(staff_client, caplog):
    profile = factories.GraduateProfileFactory()
    with caplog.at_level(logging.INFO, logger="talentbridge.audit"):
        assert (
            staff_client.get(f"/admin/profiles/graduateprofile/{profile.pk}/change/").status_code
            == 200
        )
        staff_client.get(f"/admin/accounts/user/{profile.user.pk}/change/")
    assert f"opened profiles.GraduateProfile {profile.pk} in the admin" in caplog.text
    assert f"opened accounts.User {profile.user.pk} in the admin" in caplog.text
    assert profile.user.email not in caplog.text
