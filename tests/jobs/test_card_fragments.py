"""Job and course cards are kept rendered per process; what they show changes with its rows."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_job_card_shows_the_new_salary_and_company_name_at_once(client):
    posting = factories.JobPostingFactory(salary_min_krw=40_000_000, salary_max_krw=50_000_000)
    assert "50,000,000" in client.get(reverse("jobs:list")).content.decode()
    posting.salary_max_krw = 61_000_000
    posting.save()
    posting.employer.name = "Hanbit Cells"
    posting.employer.save()
    html = client.get(reverse("jobs:list")).content.decode()
    assert "61,000,000" in html and "50,000,000" not in html
    assert "Hanbit Cells" in html


def test_a_job_card_is_kept_per_language(client):
    factories.JobPostingFactory(visa_sponsorship=True)
    client.get(reverse("jobs:list"))
    with translation.override("ko"):
        html = client.get(reverse("jobs:list"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "Visa sponsorship" not in html


def test_a_kept_job_card_keeps_the_readers_own_parts_out(client):
    """The save button and the match are the reader's: a card kept from an anonymous visit
    shows them to a graduate."""
    posting = factories.JobPostingFactory()
    client.get(reverse("jobs:list"))
    graduate = factories.GraduateProfileFactory()
    client.force_login(graduate.user)
    html = client.get(reverse("jobs:list")).content.decode()
    assert reverse("jobs:save", args=[posting.pk]) in html


def test_a_course_card_shows_the_new_provider_name_and_hours(client):
    course = factories.CourseFactory(hours=40)
    assert "40 hours" in client.get(reverse("training:catalogue")).content.decode()
    course.hours = 55
    course.save()
    course.provider.name = "Busan Polytechnic"
    course.provider.save()
    html = client.get(reverse("training:catalogue")).content.decode()
    assert "55 hours" in html and "40 hours" not in html
    assert "Busan Polytechnic" in html
