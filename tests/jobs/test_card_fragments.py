"""Job cards and the job page's parts every reader sees alike are kept in the shared cache,
course cards per process; what they show changes with its rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from jobs.services import posting_skills_set
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


# --- the job page's parts every reader sees alike ------------------------------------------------


def _without_tokens(html: str) -> str:
    """The page without its CSRF tokens (masked anew on every response)."""
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", html)


def _job_page(client, posting, **headers) -> str:
    response = client.get(reverse("jobs:detail", args=[posting.pk]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_a_job_pages_kept_parts_are_not_read_or_rendered_again(client):
    posting = factories.JobPostingFactory(description="We etch **wafers** in Pyeongtaek.")
    factories.PostingSkillFactory(posting=posting, skill__name="Plasma etching")
    first = _job_page(client, posting)
    assert "Plasma etching" in first and "<strong>wafers</strong>" in first
    with CaptureQueriesContext(connection) as queries:
        assert _without_tokens(_job_page(client, posting)) == _without_tokens(first)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "jobs_postingskill" not in read and "jobs_jobposting_accepted_fields" not in read


def test_a_job_pages_kept_parts_are_read_together_in_one_round_trip(client, monkeypatch):
    from django.core.cache import cache

    posting = factories.JobPostingFactory(description="Etch process work.")
    first = _job_page(client, posting)
    reads: list[list[str]] = []
    get_many = cache.get_many

    def counted(keys, *args, **kwargs):
        found = get_many(keys, *args, **kwargs)
        if any(key.startswith("fragment:") for key in keys):
            reads.append([key for key in keys if key in found])
        return found

    monkeypatch.setattr(cache, "get_many", counted)
    assert _without_tokens(_job_page(client, posting)) == _without_tokens(first)
    assert len(reads) == 1 and len(reads[0]) == 4  # head, facts, about, requirements


def test_a_job_page_shows_new_skills_text_and_company_name_at_once(
    client, django_capture_on_commit_callbacks
):
    posting = factories.JobPostingFactory(description="Etch process work.")
    factories.PostingSkillFactory(posting=posting, skill__name="Plasma etching")
    _job_page(client, posting)
    welding = factories.SkillFactory(name="Orbital welding")
    with django_capture_on_commit_callbacks(execute=True):
        posting_skills_set(posting=posting, skills=[(welding.pk, "required", 3, 1.0)])
    html = _job_page(client, posting)
    assert "Orbital welding" in html and "Plasma etching" not in html
    posting.refresh_from_db()
    posting.description = "Now also deposition."
    posting.save()
    posting.employer.name = "Hanbit Semiconductor"
    posting.employer.save()
    html = _job_page(client, posting)
    assert "Now also deposition." in html and "Etch process work." not in html
    assert html.count("Hanbit Semiconductor") >= 3  # the header, the company card, the title


def test_a_job_pages_kept_parts_are_kept_per_language(client):
    posting = factories.JobPostingFactory(min_topik=0)
    assert "No TOPIK result required" in _job_page(client, posting)
    with translation.override("ko"):
        korean = _job_page(client, posting, HTTP_ACCEPT_LANGUAGE="ko")
    assert "No TOPIK result required" not in korean and "About the job" not in korean
