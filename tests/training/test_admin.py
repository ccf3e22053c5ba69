"""Admin: courses with skills inline, the CSV import page (dry run, then confirm), and the
sponsorship interest list for staff."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests import factories
from tests.training.factories import SponsorshipInterestFactory
from tests.training.test_import import GOOD, HEADER
from training.models import Course

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:training_course_import_csv")


@pytest.fixture
def skills(db: None) -> None:
    for name in ("PLC programming", "Python", "Korean (basic)"):
        factories.SkillFactory(name=name)


def _upload(client: Client, text: str):  # type: ignore[no-untyped-def]
    upload = io.BytesIO(text.encode())
    upload.name = "courses.csv"
    return client.post(IMPORT, {"file": upload})


def test_dry_run_then_confirm_imports_the_file(staff_client: Client, skills: None) -> None:
    response = _upload(staff_client, GOOD)
    assert response.status_code == 200
    assert "Dry run: the file is good" in response.content.decode()
    assert not Course.objects.exists()
    digest = response.context["digest"]
    response = staff_client.post(IMPORT, {"confirm": "1", "digest": digest})
    assert response.status_code == 302
    assert Course.objects.count() == 3
    again = staff_client.post(IMPORT, {"confirm": "1", "digest": digest})  # used up
    assert again.status_code == 302 and again["Location"] == IMPORT
    assert Course.objects.count() == 3


def test_bad_file_lists_every_problem_and_offers_no_confirmation(
    staff_client: Client, skills: None
) -> None:
    bad = HEADER + "X,technical_college,VN,,<b>T</b>,vocational,walk,,,,,,,,,,,Nope:3\n"
    response = _upload(staff_client, bad)
    body = response.content.decode()
    assert "2 problems: nothing was imported" in body
    assert "unknown skill “Nope”" in body and 'name="confirm"' not in body
    assert not Course.objects.exists()


def test_import_page_is_for_staff_only(client: Client, graduate: User, employer: User) -> None:
    for user in (graduate, employer):
        client.force_login(user)
        response = client.get(IMPORT)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_course_admin_pages_and_the_import_link_render(staff_client: Client) -> None:
    course = factories.CourseFactory()
    factories.CourseSkillFactory(course=course)
    changelist = staff_client.get(reverse("admin:training_course_changelist"), {"q": "process"})
    assert changelist.status_code == 200 and IMPORT in changelist.content.decode()
    change = staff_client.get(reverse("admin:training_course_change", args=[course.pk]))
    assert change.status_code == 200


def test_staff_see_sponsorship_interest(staff_client: Client) -> None:
    interest = SponsorshipInterestFactory(note="Ten places")
    response = staff_client.get(reverse("admin:training_sponsorshipinterest_changelist"))
    assert response.status_code == 200 and interest.employer.name in response.content.decode()
    detail = staff_client.get(
        reverse("admin:training_sponsorshipinterest_change", args=[interest.pk])
    )
    assert "Ten places" in detail.content.decode()


def test_import_page_lists_the_columns_and_serves_the_sample_to_staff_only(
    staff_client: Client, client: Client, graduate: User
) -> None:
    page = staff_client.get(IMPORT).content.decode()
    assert "<code>provider</code>" in page and "<code>skills</code>" in page
    sample_url = reverse("admin:training_course_import_csv_sample")
    sample = staff_client.get(sample_url)
    assert sample.status_code == 200
    assert sample["Content-Disposition"] == 'attachment; filename="courses-sample.csv"'
    assert sample.content.decode().startswith("provider,")
    client.force_login(graduate)
    assert client.get(sample_url).status_code == 302  # to the admin login
