"""The guided profile: each step's form, validation that keeps the typed values, ownership."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Consent
from matching.models import MatchingChange
from portal.graduate.steps import STEP_SLUGS
from profiles.models import EducationRecord, FieldOfStudy, GraduateProfile, UnmatchedSkill
from tests import factories
from tests.profiles.factories import WorkExperienceFactory

pytestmark = pytest.mark.django_db


def step(slug: str) -> str:
    return reverse("graduate:step", kwargs={"step": slug})


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_every_step_shows_its_position_and_completeness(graduate_client, slug):
    response = graduate_client.get(step(slug))
    assert response.status_code == 200
    page = response.content.decode()
    number = STEP_SLUGS.index(slug) + 1
    assert f"Step {number} of 8" in page
    assert "% complete" in page
    assert 'aria-current="step"' in page


@pytest.mark.parametrize("slug", ["basics", "skills"])
def test_steps_need_a_signed_in_graduate(client, employer_client, staff_client, slug):
    assert client.get(step(slug)).url.startswith(reverse("account_login"))
    assert employer_client.get(step(slug)).url == reverse("dashboard")
    assert staff_client.get(step(slug)).url == reverse("dashboard")


def test_unknown_step_is_404(graduate_client):
    assert graduate_client.get("/graduate/profile/nonsense/").status_code == 404


def test_outsider_without_a_profile_gets_one_on_first_visit(outsider):
    client = Client()
    client.force_login(outsider)
    assert client.get(step("basics")).status_code == 200
    assert GraduateProfile.objects.filter(user=outsider).exists()


def test_basics_saves_and_continues_and_queues_a_rematch(graduate, graduate_client):
    response = graduate_client.post(
        step("basics"),
        {
            "full_name": "Tran Van Minh",
            "nationality": "TH",
            "date_of_birth": "1999-02-03",
            "headline": "Battery engineer",
            "continue": "1",
        },
    )
    assert response.status_code == 302
    assert response.url == step("education")
    profile = GraduateProfile.objects.select_related("user").get(user=graduate)
    assert profile.nationality == "TH" and profile.headline == "Battery engineer"
    assert profile.user.full_name == "Tran Van Minh"
    assert MatchingChange.objects.filter(kind="graduate", entity_id=profile.pk).exists()


@pytest.mark.parametrize(
    ("status", "needs_sponsorship"), [("F-4", False), ("F-6", False), ("D-10", True)]
)
def test_the_declared_status_decides_whether_a_sponsor_is_needed(
    graduate, graduate_client, status, needs_sponsorship
):
    """F-4 and F-6 can be declared; no separate box can contradict what the status says."""
    response = graduate_client.post(
        step("basics"),
        {
            "full_name": "Tran Van Minh",
            "nationality": "VN",
            "date_of_birth": "1999-02-03",
            "current_visa": status,
            "continue": "1",
        },
    )
    assert response.status_code == 302
    profile = GraduateProfile.objects.get(user=graduate)
    assert profile.current_visa == status
    assert profile.needs_visa_sponsorship is needs_sponsorship


def test_save_and_finish_later_goes_to_the_dashboard(graduate_client):
    response = graduate_client.post(
        step("basics"),
        {"full_name": "A B", "nationality": "VN", "date_of_birth": "2000-01-01", "later": "1"},
    )
    assert response.url == reverse("graduate:dashboard")


def test_basics_errors_keep_what_was_typed_and_escape_it(graduate, graduate_client):
    response = graduate_client.post(
        step("basics"),
        {
            "full_name": "<script>alert(1)</script>",
            "nationality": "VN",
            "date_of_birth": "2024-01-01",
            "headline": "My <b>headline</b>",
            "current_city": "Hà Nội",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "you must be 15 to 80" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "My &lt;b&gt;headline&lt;/b&gt;" in page
    assert "Hà Nội" in page
    assert GraduateProfile.objects.get(user=graduate).headline == "Electronics engineer"


def test_skills_resolve_names_aliases_and_korean_names(graduate, graduate_client):
    plc = factories.SkillFactory(name="PLC programming", name_ko="PLC 프로그래밍")
    plc.aliases.create(
        alias="Programmable logic controllers", normalised="programmable logic controllers"
    )
    welding = factories.SkillFactory(name="Welding", name_ko="용접")
    python = factories.SkillFactory(name="Python")
    data = {
        "skills-TOTAL_FORMS": "4", "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0", "skills-MAX_NUM_FORMS": "40",
        "skills-0-name": "programmable logic controllers", "skills-0-level": "4",
        "skills-1-name": "용접", "skills-1-level": "2",
        "skills-2-name": "python", "skills-2-level": "5",
        "skills-3-name": "", "skills-3-level": "3",
        "continue": "1",
    }  # fmt: skip
    response = graduate_client.post(step("skills"), data)
    assert response.status_code == 302
    levels = dict(graduate.graduate_profile.skills.values_list("skill_id", "level"))
    assert levels == {plc.pk: 4, welding.pk: 2, python.pk: 5}


def test_an_unknown_skill_is_kept_for_review_and_the_page_says_so(graduate, graduate_client):
    factories.SkillFactory(name="Python")
    data = {
        "skills-TOTAL_FORMS": "2", "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0", "skills-MAX_NUM_FORMS": "40",
        "skills-0-name": "Python", "skills-0-level": "3",
        "skills-1-name": "Wafer <i>whispering</i>", "skills-1-level": "4",
        "more": "1",
    }  # fmt: skip
    response = graduate_client.post(step("skills"), data, follow=True)
    page = response.content.decode()
    unmatched = UnmatchedSkill.objects.get(profile=graduate.graduate_profile)
    assert (unmatched.label, unmatched.level) == ("Wafer <i>whispering</i>", 4)
    assert "Waiting for review" in page
    assert "Wafer &lt;i&gt;whispering&lt;/i&gt;" in page and "<i>whispering" not in page
    # The row comes back in the form, so saving again does not lose it.
    assert 'value="Wafer &lt;i&gt;whispering&lt;/i&gt;"' in page


def test_removing_an_unknown_skill_row_drops_the_pending_label(graduate, graduate_client):
    profile = graduate.graduate_profile
    UnmatchedSkill.objects.create(profile=profile, label="Wafer whispering", level=2)
    data = {
        "skills-TOTAL_FORMS": "1", "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0", "skills-MAX_NUM_FORMS": "40",
        "skills-0-name": "", "skills-0-level": "3", "continue": "1",
    }  # fmt: skip
    graduate_client.post(step("skills"), data)
    assert not UnmatchedSkill.objects.filter(profile=profile).exists()


def test_a_skill_listed_twice_is_an_error_that_keeps_the_rows(graduate, graduate_client):
    data = {
        "skills-TOTAL_FORMS": "2", "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0", "skills-MAX_NUM_FORMS": "40",
        "skills-0-name": "Python", "skills-0-level": "3",
        "skills-1-name": "python", "skills-1-level": "4",
    }  # fmt: skip
    response = graduate_client.post(step("skills"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "listed twice" in page
    assert 'value="python"' in page


def test_skills_page_feeds_the_datalist_from_the_autocomplete(graduate_client):
    page = graduate_client.get(step("skills")).content.decode()
    assert 'hx-get="/skills/autocomplete/"' in page
    assert 'list="skill-options"' in page and '<datalist id="skill-options">' in page


def test_languages_need_a_score_in_the_tests_range(graduate, graduate_client):
    response = graduate_client.post(
        step("languages"),
        {"topik_level": "4", "kiip_stage": "0", "english_test": "ielts", "english_score": "12"},
    )
    assert response.status_code == 200
    assert "between 0 and 9" in response.content.decode()
    response = graduate_client.post(
        step("languages"),
        {"topik_level": "4", "kiip_stage": "2", "english_test": "ielts", "english_score": "6.5"},
    )
    assert response.status_code == 302
    profile = GraduateProfile.objects.get(user=graduate)
    assert (profile.topik_level, profile.kiip_stage, float(profile.english_score)) == (4, 2, 6.5)


def test_preferences_save_through_the_matching_path(graduate, graduate_client):
    response = graduate_client.post(
        step("preferences"),
        {
            "preferred_industries": ["batteries", "automotive"],
            "preferred_regions": ["ulsan"],
            "preferred_job_types": ["full_time"],
            "min_salary_krw": "36000000",
            "willing_to_relocate": "on",
            "needs_visa_sponsorship": "on",
            "continue": "1",
        },
    )
    assert response.status_code == 302
    profile = GraduateProfile.objects.get(user=graduate)
    assert profile.preferred_industries == ["batteries", "automotive"]
    assert profile.min_salary_krw == 36_000_000
    assert MatchingChange.objects.filter(kind="graduate", entity_id=profile.pk).exists()


def test_preferences_reject_an_absurd_salary_and_keep_the_ticks(graduate_client):
    response = graduate_client.post(
        step("preferences"),
        {"preferred_industries": ["batteries"], "min_salary_krw": "12"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "between 10,000,000 and 500,000,000" in page
    assert 'value="batteries" id="id_preferred_industries_3" checked' in page or (
        'value="batteries"' in page and "checked" in page
    )


def test_education_rows_are_added_edited_and_deleted(graduate, graduate_client):
    field = FieldOfStudy.objects.get(code="0714")
    response = graduate_client.post(
        step("education"),
        {
            "new-level": "bachelor", "new-field_of_study": field.pk, "new-programme": "B.Eng.",
            "new-institution": "HCMUT", "new-country": "VN", "new-graduation_year": "2023",
            "add": "1",
        },
    )  # fmt: skip
    assert response.status_code == 302
    record = EducationRecord.objects.get(profile=graduate.graduate_profile)
    edit = reverse("graduate:education_edit", args=[record.pk])
    response = graduate_client.post(
        edit,
        {
            "level": "master", "field_of_study": field.pk, "programme": "M.Eng.",
            "institution": "KAIST", "country": "KR", "graduation_year": "2025",
        },
    )  # fmt: skip
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.level, record.institution) == ("master", "KAIST")
    graduate_client.post(reverse("graduate:education_delete", args=[record.pk]))
    assert not EducationRecord.objects.filter(pk=record.pk).exists()


def test_continue_with_an_empty_row_form_just_moves_on(graduate_client):
    response = graduate_client.post(step("education"), {"continue": "1"})
    assert response.url == step("skills")


def test_someone_elses_education_and_experience_are_404(graduate_client, other_graduate):
    record = factories.EducationRecordFactory(profile=other_graduate.graduate_profile)
    job = WorkExperienceFactory(profile=other_graduate.graduate_profile)
    for url in (
        reverse("graduate:education_edit", args=[record.pk]),
        reverse("graduate:experience_edit", args=[job.pk]),
    ):
        assert graduate_client.get(url).status_code == 404
    assert (
        graduate_client.post(reverse("graduate:education_delete", args=[record.pk])).status_code
        == 404
    )
    assert (
        graduate_client.post(reverse("graduate:experience_delete", args=[job.pk])).status_code
        == 404
    )
    assert EducationRecord.objects.filter(pk=record.pk).exists()


def test_experience_end_before_start_is_refused_with_the_values_kept(graduate_client):
    response = graduate_client.post(
        step("experience"),
        {
            "new-title": "Line engineer", "new-employer_name": "Samsung <Display>",
            "new-country": "KR", "new-start_date": "2024-05-01", "new-end_date": "2023-01-01",
            "add": "1",
        },
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "on or after the start date" in page
    assert 'value="Samsung &lt;Display&gt;"' in page
    assert 'value="2024-05-01"' in page


def test_becoming_discoverable_records_consent_and_leaving_records_withdrawal(
    outsider,
):
    client = Client()
    client.force_login(outsider)
    client.post(step("visibility"), {"visibility": "discoverable", "continue": "1"})
    client.post(step("visibility"), {"visibility": "discoverable", "continue": "1"})
    client.post(step("visibility"), {"visibility": "hidden", "continue": "1"})
    log = list(
        Consent.objects.filter(user=outsider, purpose="discovery")
        .order_by("recorded_at", "id")
        .values_list("given", flat=True)
    )
    assert log == [True, False]
    assert GraduateProfile.objects.get(user=outsider).visibility == "hidden"


def test_profile_start_resumes_at_the_first_step_that_needs_work(graduate_client):
    response = graduate_client.get(reverse("graduate:profile"))
    assert response.url == step("education")  # basics are filled, education is not


def test_experience_rows_are_added_and_edited(graduate, graduate_client):
    response = graduate_client.post(
        step("experience"),
        {
            "new-title": "Line engineer", "new-employer_name": "Busan Marine",
            "new-country": "KR", "new-start_date": "2023-05-01", "add": "1",
        },
    )  # fmt: skip
    assert response.status_code == 302
    job = graduate.graduate_profile.experience.get()
    response = graduate_client.post(
        reverse("graduate:experience_edit", args=[job.pk]),
        {
            "title": "Senior line engineer", "employer_name": "Busan Marine",
            "country": "KR", "start_date": "2023-05-01", "end_date": "2025-01-31",
        },
    )  # fmt: skip
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.title, str(job.end_date)) == ("Senior line engineer", "2025-01-31")


def test_graduate_nav_links_profile_applications_training_and_account(graduate_client):
    page = graduate_client.get(reverse("graduate:dashboard")).content.decode()
    for name in ("graduate:profile", "graduate:applications", "graduate:account"):
        assert f'href="{reverse(name)}"' in page
    assert 'href="/training/' in page
