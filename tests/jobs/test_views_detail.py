"""Job detail for a graduate (how you match, courses for the gaps) and applying."""

import pytest
from django.test import Client
from django.urls import reverse

from jobs.models import Application
from profiles.models import GraduateSkill
from profiles.services import education_record_save, graduate_skills_set
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def posting(graduate):
    etch = factories.SkillFactory(name="Dry etching")
    cmp_ = factories.SkillFactory(name="Chemical mechanical polishing")
    posting = factories.JobPostingFactory(title="Etch & CMP engineer", min_topik=4)
    factories.PostingSkillFactory(posting=posting, skill=etch, min_level=3)
    factories.PostingSkillFactory(posting=posting, skill=cmp_, min_level=3)
    factories.GraduateSkillFactory(profile=graduate.graduate_profile, skill=etch, level=4)
    course = factories.CourseFactory(title="CMP in practice", hours=40)
    factories.CourseSkillFactory(course=course, skill=cmp_, level_reached=3)
    return posting


def detail(posting) -> str:
    return reverse("jobs:detail", args=[posting.pk])


def apply(posting) -> str:
    return reverse("jobs:apply", args=[posting.pk])


def test_how_you_match_lists_met_missing_skills_and_constraints(graduate_client, posting):
    response = graduate_client.get(detail(posting))
    page = response.content.decode()
    assert "How you match" in page
    skills = {item.label: item.status for item in response.context["skill_checks"]}
    assert skills == {"Dry etching": "met", "Chemical mechanical polishing": "missing"}
    constraints = {item.label: item.status for item in response.context["constraint_checks"]}
    assert constraints["Korean (TOPIK)"] == "missing"  # the persona has TOPIK 3
    assert "TOPIK 4 required; you have 3" in page
    assert "CMP in practice" in page


def test_the_plan_of_fewest_hours_comes_after_the_page(graduate_client, posting):
    page = graduate_client.get(detail(posting))
    html = page.content.decode()
    plan_url = reverse("jobs:course_plan", args=[posting.pk])
    # The page lists the gap's course at once and asks for the plan once it has loaded.
    assert "CMP in practice" in html and f'hx-get="{plan_url}"' in html
    assert page.context["course_plan"] is None

    fragment = graduate_client.get(plan_url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    plan = fragment.context["course_plan"]
    assert [step.course.title for step in plan.steps] == ["CMP in practice"]
    text = fragment.content.decode()
    assert "This plan of 40 hours would take your score from" in text
    assert "hx-get" not in text and 'id="gap-courses"' in text


def test_without_gaps_to_close_no_plan_is_asked_for(graduate, graduate_client, posting):
    for term in posting.skills.all():
        GraduateSkill.objects.update_or_create(
            profile=graduate.graduate_profile, skill=term.skill, defaults={"level": 5}
        )
    html = graduate_client.get(detail(posting)).content.decode()
    assert "course-plan" not in html


def test_only_a_signed_in_graduate_gets_a_plan(client, employer_client, graduate_client, posting):
    plan_url = reverse("jobs:course_plan", args=[posting.pk])
    for browser in (client, employer_client):
        assert browser.get(plan_url).status_code == 404
    draft = factories.JobPostingFactory(status="draft", published_at=None)
    assert graduate_client.get(reverse("jobs:course_plan", args=[draft.pk])).status_code == 404


def test_anonymous_and_employers_see_no_match_checklist(client, employer_client, posting):
    for browser in (client, employer_client):
        response = browser.get(detail(posting))
        assert response.status_code == 200
        assert "How you match" not in response.content.decode()


def test_apply_with_a_cover_letter(graduate, graduate_client, posting):
    factories.ready_to_apply(graduate.graduate_profile)
    response = graduate_client.post(apply(posting), {"cover_letter": "I run <b>etch</b> tools."})
    application = Application.objects.get(graduate=graduate.graduate_profile, posting=posting)
    assert response.url == reverse("graduate:application_detail", args=[application.pk])
    assert application.cover_letter == "I run <b>etch</b> tools."
    page = graduate_client.get(detail(posting)).content.decode()
    assert "You applied" in page


def test_applying_twice_is_refused_politely(graduate, graduate_client, posting):
    factories.ready_to_apply(graduate.graduate_profile)
    graduate_client.post(apply(posting), {"cover_letter": "First"})
    response = graduate_client.post(apply(posting), {"cover_letter": "Second"}, follow=True)
    assert response.status_code == 200
    assert "already applied" in response.content.decode()
    assert Application.objects.filter(graduate=graduate.graduate_profile).count() == 1


def test_a_too_long_cover_letter_is_shown_again_with_the_error(graduate_client, posting):
    text = "x" * 5001
    response = graduate_client.post(apply(posting), {"cover_letter": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 5000 characters" in page
    assert text in page
    assert not Application.objects.filter(posting=posting).exists()


def test_closed_or_unverified_postings_cannot_be_applied_to(graduate_client):
    closed = factories.JobPostingFactory(status="closed")
    hidden = factories.JobPostingFactory(employer=factories.EmployerFactory(unverified=True))
    assert graduate_client.post(apply(closed), {"cover_letter": ""}).status_code == 404
    assert graduate_client.post(apply(hidden), {"cover_letter": ""}).status_code == 404
    assert graduate_client.get(detail(hidden)).status_code == 404
    assert not Application.objects.exists()


def test_only_graduates_apply(client, employer_client, unverified_employer, posting):
    response = client.post(apply(posting), {"cover_letter": "hi"})
    assert response.url.startswith(reverse("account_login"))
    assert employer_client.post(apply(posting), {"cover_letter": "hi"}).status_code == 404
    other = Client()
    other.force_login(unverified_employer)
    assert other.post(apply(posting), {"cover_letter": "hi"}).status_code == 404
    assert not Application.objects.exists()


def test_apply_needs_post(graduate_client, posting):
    assert graduate_client.get(apply(posting)).status_code == 405


def test_the_description_renders_markdown_safely_for_everyone(client):
    posting = factories.JobPostingFactory(
        description="**Clean-room work** on the\n\n- etch line\n- CVD line\n\n"
        "<script>alert(1)</script> [more](javascript:alert(1))"
    )

    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()

    assert "<strong>Clean-room work</strong>" in html
    assert "<li>etch line</li>" in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:alert" not in html


def test_an_unready_profile_cannot_apply_and_keeps_the_cover_letter(graduate_client, posting):
    """The persona has a skill but no degree and no CV: the page says what is missing, links to
    the profile steps and shows the letter again."""
    response = graduate_client.post(apply(posting), {"cover_letter": "My etch story"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Your profile is not ready for an application yet" in page
    assert reverse("graduate:step", args=["education"]) in page
    assert reverse("graduate:step", args=["cv"]) in page
    assert "My etch story" in page
    assert not Application.objects.filter(posting=posting).exists()


def test_the_job_page_lists_what_is_missing_before_applying(graduate_client, posting):
    page = graduate_client.get(detail(posting)).content.decode()
    assert "Before you apply, add to your profile:" in page
    assert "At least one degree or diploma" in page
    assert "Apply without a CV" in page


def test_what_is_missing_follows_the_graduates_degrees_and_skills(
    graduate, graduate_client, posting, django_capture_on_commit_callbacks
):
    """The job page reads whether the graduate has a degree and a skill from their matching
    facts: each edit shows at once, in both directions."""
    profile = graduate.graduate_profile
    education_hint, skill_hint = "At least one degree or diploma", "At least one skill with its"

    def missing() -> tuple[bool, bool]:
        page = graduate_client.get(detail(posting)).content.decode()
        return education_hint in page, skill_hint in page

    assert missing() == (True, False)  # the persona has a skill, no degree
    with django_capture_on_commit_callbacks(execute=True):
        education_record_save(
            profile=profile, record=factories.EducationRecordFactory.build(profile=profile)
        )
    assert missing() == (False, False)
    with django_capture_on_commit_callbacks(execute=True):
        graduate_skills_set(profile=profile, levels={})
    assert missing() == (False, True)


def test_applying_without_a_cv_is_accepted_when_the_graduate_says_so(
    graduate, graduate_client, posting
):
    factories.EducationRecordFactory(profile=graduate.graduate_profile)
    response = graduate_client.post(apply(posting), {"cover_letter": "Hi", "without_cv": "on"})
    assert response.status_code == 302
    assert Application.objects.filter(graduate=graduate.graduate_profile).exists()


def test_a_job_without_screening_questions_reads_none_for_the_apply_box(graduate_client, posting):
    """Whether the posting asks questions comes with the posting: most ask none, and their
    page reads no question rows (one with questions shows them: test_screening_pages)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = graduate_client.get(detail(posting))
    assert page.status_code == 200 and "Questions from the employer" not in page.content.decode()
    assert not [
        q
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "jobs_screeningquestion"')
    ]
