"""Postings as the employer writes them: the form with skills, drafts, publishing (only when the
company is verified), closing, reopening, duplicating, the E-7 salary warning, and who may."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.models import JobPosting, PostingStatus
from jobs.selectors import posting_e7_salary_warning, posting_list_public
from jobs.services import PostingRefused, posting_close, posting_publish, posting_reopen
from portal.templatetags.posting_text import render_markdown
from tests import factories

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "title": "Battery cell engineer",
        "description": "## The role\nBuild **pouch cells**.",
        "occupation": "Electrochemical engineer",
        "isco_code": "2145",
        "e7_code": "2351",
        "min_education": "bachelor",
        "min_topik": "2",
        "english_requirement": "working",
        "salary_min_krw": "38000000",
        "salary_max_krw": "46000000",
        "region": "chungbuk",
        "job_type": "full_time",
        "visa_sponsorship": "on",
        "openings": "2",
        "deadline": "",
        "skills-TOTAL_FORMS": "3",
        "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0",
        "skills-MAX_NUM_FORMS": "30",
    }
    data.update(overrides)
    return data


def _skills(*rows: tuple[str, str, int]) -> dict:
    data = {}
    for n, (name, requirement, level) in enumerate(rows):
        data[f"skills-{n}-skill"] = name
        data[f"skills-{n}-requirement"] = requirement
        data[f"skills-{n}-min_level"] = str(level)
    return data


def test_creating_a_posting_saves_a_draft_with_its_skills(employer_client: Client, company):
    python = factories.SkillFactory(name="Python")
    cad = factories.SkillFactory(name="AutoCAD", name_ko="오토캐드")
    data = _form(**_skills(("Python", "required", 4), ("오토캐드", "nice", 2)))

    response = employer_client.post(reverse("employer:posting_create"), data)

    posting = JobPosting.objects.get(title="Battery cell engineer")
    assert response.url == reverse("employer:posting_detail", args=[posting.pk])
    assert (posting.employer, posting.status, posting.published_at) == (company, "draft", None)
    rows = {(s.skill_id, s.requirement, s.min_level) for s in posting.skills.all()}
    assert rows == {(python.pk, "required", 4), (cad.pk, "nice", 2)}


def test_an_unknown_skill_keeps_everything_typed_and_saves_nothing(employer_client: Client):
    data = _form(title="Keep <me>", **_skills(("Quantum knitting", "required", 3)))
    response = employer_client.post(reverse("employer:posting_create"), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "is not in the skill list" in page
    assert 'value="Quantum knitting"' in page and 'value="Keep &lt;me&gt;"' in page
    assert not JobPosting.objects.filter(title="Keep <me>").exists()


def test_a_salary_range_upside_down_is_refused_with_a_field_message(employer_client: Client):
    response = employer_client.post(
        reverse("employer:posting_create"),
        _form(salary_min_krw="50000000", salary_max_krw="40000000"),
    )
    assert response.status_code == 400
    assert "at least the lower salary" in response.content.decode()


def test_editing_replaces_the_skills(employer_client: Client, posting):
    factories.SkillFactory(name="Python")
    data = _form(**_skills(("Python", "required", 5)))
    data["skills-TOTAL_FORMS"] = "3"
    response = employer_client.post(reverse("employer:posting_edit", args=[posting.pk]), data)
    assert response.status_code == 302
    assert [s.skill.name for s in posting.skills.all()] == ["Python"]


def test_the_edit_form_shows_the_current_skills(employer_client: Client, posting):
    page = employer_client.get(reverse("employer:posting_edit", args=[posting.pk]))
    for row in posting.skills.all():
        assert f'value="{row.skill.name}"' in page.content.decode()


def test_a_verified_company_publishes_a_draft(employer_client: Client, company):
    draft = factories.JobPostingFactory(employer=company, status="draft", published_at=None)
    factories.PostingSkillFactory(posting=draft)
    response = employer_client.post(reverse("employer:posting_publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "open" and draft.published_at is not None
    assert Client().get(reverse("jobs:detail", args=[draft.pk])).status_code == 200


def test_an_unverified_company_prepares_postings_but_cannot_publish(unverified_employer):
    client = Client()
    client.force_login(unverified_employer)
    company = unverified_employer.employer_membership.employer
    draft = factories.JobPostingFactory(employer=company, status="draft", published_at=None)
    factories.PostingSkillFactory(posting=draft)

    response = client.post(reverse("employer:posting_publish", args=[draft.pk]), follow=True)

    assert "not verified yet" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    with pytest.raises(PostingRefused):
        posting_publish(posting=draft)


def test_an_unverified_companys_open_posting_is_not_public(unverified_employer, graduate):
    company = unverified_employer.employer_membership.employer
    posting = factories.JobPostingFactory(employer=company)  # open, as if verified earlier
    assert Client().get(reverse("jobs:detail", args=[posting.pk])).status_code == 404
    assert posting not in posting_list_public()


def test_publishing_needs_a_skill_and_a_deadline_in_the_future(company):
    draft = factories.JobPostingFactory(employer=company, status="draft", published_at=None)
    with pytest.raises(PostingRefused, match="at least one skill"):
        posting_publish(posting=draft)
    factories.PostingSkillFactory(posting=draft)
    draft.deadline = datetime.date(2020, 1, 1)
    with pytest.raises(PostingRefused, match="deadline has passed"):
        posting_publish(posting=draft)


def test_close_and_reopen_follow_the_status(employer_client: Client, posting):
    with pytest.raises(PostingRefused):
        posting_reopen(posting=posting)
    employer_client.post(reverse("employer:posting_close", args=[posting.pk]))
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
    with pytest.raises(PostingRefused):
        posting_close(posting=posting)
    employer_client.post(reverse("employer:posting_reopen", args=[posting.pk]))
    posting.refresh_from_db()
    assert posting.status == PostingStatus.OPEN


def test_duplicating_makes_a_draft_copy_with_skills_and_fields(employer_client: Client, posting):
    response = employer_client.post(reverse("employer:posting_duplicate", args=[posting.pk]))
    copy = JobPosting.objects.exclude(pk=posting.pk).get()
    assert response.url == reverse("employer:posting_edit", args=[copy.pk])
    assert copy.status == "draft" and copy.published_at is None
    assert copy.title == f"{posting.title} (copy)"
    assert {s.skill_id for s in copy.skills.all()} == {s.skill_id for s in posting.skills.all()}


@pytest.mark.parametrize(
    "name,method",
    [
        ("posting_detail", "get"),
        ("posting_edit", "get"),
        ("posting_edit", "post"),
        ("posting_publish", "post"),
        ("posting_close", "post"),
        ("posting_reopen", "post"),
        ("posting_duplicate", "post"),
        ("candidate_list", "get"),
        ("pipeline", "get"),
    ],
)
def test_another_companys_posting_gives_404(other_employer, posting, name, method):
    client = Client()
    client.force_login(other_employer)
    response = getattr(client, method)(reverse(f"employer:{name}", args=[posting.pk]))
    assert response.status_code == 404
    posting.refresh_from_db()
    assert posting.status == "open" and JobPosting.objects.count() == 1


@pytest.mark.parametrize("name", ["posting_detail", "candidate_list", "pipeline"])
def test_graduates_get_404_and_anonymous_visitors_sign_in(graduate_client, posting, name):
    url = reverse(f"employer:{name}", args=[posting.pk])
    assert graduate_client.get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_posting_list_queries_stay_constant(employer_client, company, django_assert_num_queries):
    factories.JobPostingFactory.create_batch(2, employer=company)
    employer_client.get(reverse("employer:posting_list"))  # the first fills the nav's cache
    with CaptureQueriesContext(connection) as few:
        employer_client.get(reverse("employer:posting_list"))
    factories.JobPostingFactory.create_batch(5, employer=company)
    with django_assert_num_queries(len(few)):
        page = employer_client.get(reverse("employer:posting_list"))
    assert page.content.decode().count("/employer/postings/") >= 7


def test_the_description_renders_markdown_without_scripts(employer_client, posting):
    posting.description = "**Bold** <script>alert(1)</script> [x](javascript:alert(1))"
    posting.save()
    page = employer_client.get(reverse("employer:posting_detail", args=[posting.pk]))
    html = page.content.decode()
    assert "<strong>Bold</strong>" in html
    assert "alert(1)" not in html


def test_the_posting_page_keeps_its_body_until_the_posting_changes(employer_client, posting):
    """The description, skills and details are kept rendered under the posting's last change
    (its skills' and fields' edits touch it too): a second visit reads none of its rows, and an
    edit through the form shows at once."""
    url = reverse("employer:posting_detail", args=[posting.pk])
    first = employer_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        assert employer_client.get(url).status_code == 200
    read = " ".join(q["sql"] for q in again.captured_queries)
    for table in ("jobs_postingskill", "jobs_screeningquestion", "accepted_fields"):
        assert table not in read

    factories.SkillFactory(name="Python")
    data = _form(**_skills(("Python", "required", 5)))
    edited = employer_client.post(reverse("employer:posting_edit", args=[posting.pk]), data)
    assert edited.status_code == 302
    page = employer_client.get(url).content.decode()
    assert "Python" in page and "Build <strong>pouch cells</strong>" in page
    assert "Electrochemical engineer" in page and "Electrochemical engineer" not in first


def test_markdown_keeps_plain_text_lines_and_drops_event_handlers():
    html = render_markdown('line one\nline two <img src=x onerror="alert(1)">')
    assert "line one<br" in html and "onerror" not in html and "<img" not in html


# --- the E-7 salary warning ------------------------------------------------------------------


@pytest.fixture
def visa_rules():
    from visas.services import visa_rules_load

    visa_rules_load()


ON = datetime.date(2026, 6, 1)  # E-7-1 minimum from 2026-02-01: KRW 31,120,000


def test_a_sponsored_posting_below_the_e7_minimum_is_warned(visa_rules, posting):
    posting.salary_min_krw, posting.salary_max_krw = 28_000_000, 30_000_000
    warning = posting_e7_salary_warning(posting=posting, on=ON)
    assert warning is not None
    assert (warning.threshold_krw, warning.whole_range_below) == (31_120_000, True)


def test_no_warning_at_the_minimum_without_sponsorship_or_for_eps_jobs(visa_rules, posting):
    posting.salary_min_krw, posting.salary_max_krw = 31_120_000, 35_000_000
    assert posting_e7_salary_warning(posting=posting, on=ON) is None
    posting.salary_min_krw = 25_000_000
    posting.visa_sponsorship = False
    assert posting_e7_salary_warning(posting=posting, on=ON) is None
    posting.visa_sponsorship, posting.is_eps_job = True, True
    assert posting_e7_salary_warning(posting=posting, on=ON) is None


def test_the_warning_reads_the_rules_each_process_keeps(
    visa_rules, posting, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The warning shows on every visit to a posting's page: it reads the dated rules the
    process keeps for visa guidance, not their rows again, and an edit shows at once."""
    from visas.models import SalaryThreshold
    from visas.services import visa_rules_changed

    posting.salary_min_krw, posting.salary_max_krw = 28_000_000, 30_000_000
    posting_e7_salary_warning(posting=posting, on=ON)
    with django_assert_num_queries(0):
        warning = posting_e7_salary_warning(posting=posting, on=ON)
    assert warning is not None and warning.threshold_krw == 31_120_000

    with django_capture_on_commit_callbacks(execute=True):
        SalaryThreshold.objects.filter(visa_type__code="E-7-1", amount_krw=31_120_000).update(
            amount_krw=27_000_000
        )
        visa_rules_changed()
    assert posting_e7_salary_warning(posting=posting, on=ON) is None


def test_no_rule_loaded_means_no_warning(posting):
    posting.salary_min_krw = 1_000_000
    assert posting_e7_salary_warning(posting=posting, on=ON) is None


def test_publishing_below_the_minimum_asks_for_confirmation_first(
    visa_rules, employer_client, company
):
    draft = factories.JobPostingFactory(
        employer=company,
        status="draft",
        published_at=None,
        salary_min_krw=20_000_000,
        salary_max_krw=24_000_000,
    )
    factories.PostingSkillFactory(posting=draft)
    url = reverse("employer:posting_publish", args=[draft.pk])

    response = employer_client.post(url, follow=True)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert "below the E-7 minimum" in response.content.decode()
    assert 'name="confirm_salary"' in response.content.decode()

    employer_client.post(url, {"confirm_salary": "1"})
    draft.refresh_from_db()
    assert draft.status == "open"


def test_saving_a_posting_below_the_minimum_shows_the_warning(visa_rules, employer_client, company):
    factories.SkillFactory(name="Python")
    data = _form(salary_min_krw="20000000", salary_max_krw="24000000")
    data.update(_skills(("Python", "required", 3)))
    response = employer_client.post(reverse("employer:posting_create"), data, follow=True)
    assert "below the E-7 minimum" in response.content.decode()


def test_the_company_postings_come_in_pages_of_25_keeping_the_status(employer_client, company):
    for n in range(30):
        factories.JobPostingFactory(employer=company, title=f"Role {n}")
    url = reverse("employer:posting_list")
    first = employer_client.get(url, {"status": "open"})
    assert len(first.context["postings"]) == 25
    assert "status=open&amp;page=2" in first.content.decode()
    second = employer_client.get(url, {"status": "open", "page": "2"})
    assert len(second.context["postings"]) == 5


def test_the_postings_table_is_kept_and_shows_each_change_at_once(
    employer_client, company, graduate, monkeypatch
):
    """Each row of the table is rendered once and kept; a new application, a new title or a
    closed posting is a new row on the next visit, on the postings page and the dashboard."""
    from portal.templatetags import employer_portal

    posting = factories.JobPostingFactory(employer=company, title="Etch engineer")
    factories.JobPostingFactory(employer=company, title="CMP engineer")
    url = reverse("employer:posting_list")
    employer_client.get(url)
    rendered: list[int] = []
    real = employer_portal.get_template

    def counting(name: str):  # type: ignore[no-untyped-def]
        template = real(name)
        original = template.render

        def render(context=None, request=None):  # type: ignore[no-untyped-def]
            rendered.append(context["posting"].pk)
            return original(context, request)

        template.render = render
        return template

    monkeypatch.setattr(employer_portal, "get_template", counting)
    employer_client.get(url)
    assert rendered == []  # both rows kept
    factories.ApplicationFactory(posting=posting, graduate=graduate.graduate_profile)
    posting.title = "Dry etch engineer"
    posting.save()
    page = employer_client.get(url).content.decode()
    assert rendered == [posting.pk]
    assert "Dry etch engineer" in page and "Etch engineer<" not in page
    row = page[page.index("Dry etch engineer") :]
    assert 'badge badge-info">1<' in row[: row.index("</tr>")]  # the new application
    posting_close(posting=posting)
    dashboard = employer_client.get(reverse("employer:dashboard")).content.decode()
    assert "Dry etch engineer" not in dashboard  # the dashboard lists open postings
    assert "Closed" in employer_client.get(url).content.decode()
