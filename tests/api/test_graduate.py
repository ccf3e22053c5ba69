"""A graduate's own data through the API: profile, languages, preferences, education, skills,
CV, visa guidance, applications and matches. Everyone else gets 401/403, or 404 for objects."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import Consent, User
from jobs.models import Application, ApplicationStatus, PostingStatus
from profiles.models import EducationRecord, GraduateProfile, UnmatchedSkill
from tests.api.helpers import assert_error, run_full_match
from tests.factories import (
    ApplicationFactory,
    EducationRecordFactory,
    GraduateSkillFactory,
    JobPostingFactory,
    PostingSkillFactory,
    SkillFactory,
    ready_to_apply,
)
from tests.profiles.factories import pdf_bytes

pytestmark = pytest.mark.django_db

G = "/api/v1/graduate"
OWN_DATA = [
    f"{G}/profile/",
    f"{G}/education/",
    f"{G}/skills/",
    f"{G}/applications/",
    f"{G}/matches/",
    f"{G}/conversations/",
    f"{G}/saved-jobs/",
    f"{G}/saved-searches/",
    "/api/v1/accounts/export/",
]
OUTSIDERS = [
    ("anonymous", 401),
    ("employer", 403),
    ("unverified_employer", 403),
    ("staff", 403),
    ("outsider", 403),  # a graduate account without a profile
]


def _profile(user: User) -> GraduateProfile:
    return GraduateProfile.objects.get(user=user)


@pytest.mark.parametrize("url", [u for u in OWN_DATA if "accounts" not in u])
@pytest.mark.parametrize(("persona", "code"), OUTSIDERS)
def test_only_graduates_reach_graduate_endpoints(
    persona_api: Any, persona: str, code: int, url: str
):
    response = persona_api(persona).get(url)

    assert response.status_code == code
    assert response.json()["error"]["code"] in ("not_authenticated", "permission_denied")


# --- profile, languages, preferences -----------------------------------------------------------


def test_profile_shows_own_data(graduate_api: APIClient, graduate: User):
    body = graduate_api.get(f"{G}/profile/").json()

    assert body["email"] == graduate.email and body["nationality"] == "VN"
    assert 0 <= body["completeness"] <= 100


def test_patch_basics_changes_only_what_is_sent(
    graduate_api: APIClient, graduate: User, other_graduate: User
):
    response = graduate_api.patch(
        f"{G}/profile/", {"headline": "<script>x</script> Etch engineer", "full_name": "Lan Tran"}
    )

    assert response.status_code == 200
    profile = _profile(graduate)
    assert profile.headline == "<script>x</script> Etch engineer"
    assert profile.user.full_name == "Lan Tran" and str(profile.nationality) == "VN"
    assert _profile(other_graduate).headline == "Electronics engineer"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"nationality": "KR"}, "nationality"),  # graduates come from ASEAN countries
        ({"date_of_birth": "yesterday"}, "date_of_birth"),
        ({"phone": "not a phone"}, "phone"),
    ],
)
def test_bad_basics_are_field_errors_and_change_nothing(
    graduate_api: APIClient, graduate: User, body: dict[str, str], field: str
):
    assert_error(graduate_api.patch(f"{G}/profile/", body), 400, "validation_error", field)
    assert str(_profile(graduate).nationality) == "VN"


def test_languages_update_and_validation(graduate_api: APIClient, graduate: User):
    ok = graduate_api.patch(f"{G}/languages/", {"topik_level": 5, "english_test": "ielts",
                                                "english_score": "7.5"})  # fmt: skip
    assert ok.status_code == 200, ok.content
    assert _profile(graduate).topik_level == 5
    assert_error(graduate_api.patch(f"{G}/languages/", {"topik_level": 9}), 400,
                 "validation_error", "topik_level")  # fmt: skip
    assert _profile(graduate).topik_level == 5


def test_preferences_update_and_discovery_consent(graduate_api: APIClient, graduate: User):
    GraduateProfile.objects.filter(user=graduate).update(visibility="applied_only")

    response = graduate_api.patch(
        f"{G}/preferences/",
        {
            "preferred_regions": ["busan"],
            "min_salary_krw": 40_000_000,
            "visibility": "discoverable",
        },
    )

    assert response.status_code == 200, response.content
    profile = _profile(graduate)
    assert profile.preferred_regions == ["busan"] and profile.visibility == "discoverable"
    assert Consent.objects.filter(user=graduate, purpose="discovery", given=True).exists()
    body = assert_error(
        graduate_api.patch(f"{G}/preferences/", {"preferred_regions": ["atlantis"]}),
        400,
        "validation_error",
    )
    assert "preferred_regions" in body["fields"]
    assert _profile(graduate).preferred_regions == ["busan"]


# --- education ---------------------------------------------------------------------------------


def test_education_create_list_update_delete(graduate_api: APIClient, graduate: User):
    created = graduate_api.post(
        f"{G}/education/",
        {"level": "master", "field_of_study": "0714", "institution": "KAIST", "country": "KR",
         "graduation_year": 2025},
    )  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert [r["id"] for r in graduate_api.get(f"{G}/education/").json()["results"]] == [pk]

    assert graduate_api.patch(f"{G}/education/{pk}/", {"graduation_year": 2026}).status_code == 200
    assert EducationRecord.objects.get(pk=pk).graduation_year == 2026
    assert graduate_api.delete(f"{G}/education/{pk}/").status_code == 204
    assert not EducationRecord.objects.filter(pk=pk).exists()


def test_education_validation(graduate_api: APIClient):
    body = {"level": "wizard", "field_of_study": "9999", "institution": "", "country": "VN",
            "graduation_year": 1800}  # fmt: skip
    error = assert_error(graduate_api.post(f"{G}/education/", body), 400, "validation_error")
    assert {"level", "field_of_study", "institution", "graduation_year"} <= set(error["fields"])


def test_another_graduates_education_is_not_found(graduate_api: APIClient, other_graduate: User):
    theirs = EducationRecordFactory(profile=_profile(other_graduate))

    for method in ("get", "patch", "delete"):
        response = getattr(graduate_api, method)(f"{G}/education/{theirs.pk}/")
        assert_error(response, 404, "not_found")
    assert EducationRecord.objects.filter(pk=theirs.pk).exists()


# --- skills ------------------------------------------------------------------------------------


def test_skills_replace_by_name_and_keep_unknown_names_for_review(
    graduate_api: APIClient, graduate: User
):
    SkillFactory(name="Verilog")
    GraduateSkillFactory(profile=_profile(graduate))

    response = graduate_api.put(
        f"{G}/skills/",
        {"skills": [{"skill": "verilog", "level": 4}, {"skill": "Quantum knitting", "level": 2}]},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert [(s["name"], s["level"]) for s in body["skills"]] == [("Verilog", 4)]
    assert body["unmatched"] == [{"label": "Quantum knitting", "level": 2}]
    assert UnmatchedSkill.objects.filter(profile=_profile(graduate)).count() == 1


def test_the_skills_a_get_gives_can_be_put_back_as_they_are(
    graduate_api: APIClient, graduate: User
):
    GraduateSkillFactory(profile=_profile(graduate), skill=SkillFactory(name="Verilog"), level=3)
    rows = graduate_api.get(f"{G}/skills/").json()["skills"]
    rows[0]["level"] = 5
    response = graduate_api.put(f"{G}/skills/", {"skills": rows})
    assert response.status_code == 200, response.content
    assert [(s["skill"], s["level"]) for s in response.json()["skills"]] == [("Verilog", 5)]


def test_skill_levels_are_checked(graduate_api: APIClient):
    response = graduate_api.put(f"{G}/skills/", {"skills": [{"skill": "Verilog", "level": 7}]})
    assert_error(response, 400, "validation_error", "skills.0.level")


# --- CV ----------------------------------------------------------------------------------------


def _upload(client: APIClient, name: str, content: bytes) -> Any:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.put(f"{G}/cv/", {"file": upload}, format="multipart")


def test_cv_upload_download_and_delete(
    graduate_api: APIClient, graduate: User, django_capture_on_commit_callbacks: Any
):
    content = pdf_bytes(pages=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(graduate_api, "Lan CV.pdf", content)
    assert response.status_code == 200, response.content
    assert response.json()["cv_filename"] == "Lan CV.pdf"

    download = graduate_api.get(f"{G}/cv/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"

    with django_capture_on_commit_callbacks(execute=True):
        assert graduate_api.delete(f"{G}/cv/").status_code == 204
    assert_error(graduate_api.get(f"{G}/cv/"), 404, "not_found")


@pytest.mark.parametrize(
    ("name", "content"),
    [("cv.pdf", b"MZ\x90\x00 an executable"), ("cv.exe", None), ("cv.pdf", b"")],
)
def test_a_file_that_is_not_a_readable_pdf_is_refused(
    graduate_api: APIClient, graduate: User, name: str, content: bytes | None
):
    response = _upload(graduate_api, name, pdf_bytes() if content is None else content)

    assert_error(response, 400, "validation_error", "file")
    assert not _profile(graduate).cv


def test_one_graduates_cv_is_not_anothers(
    graduate_api: APIClient, other_graduate_api: APIClient, django_capture_on_commit_callbacks: Any
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(graduate_api, "mine.pdf", pdf_bytes())

    assert_error(other_graduate_api.get(f"{G}/cv/"), 404, "not_found")


@pytest.mark.parametrize(("persona", "code"), OUTSIDERS)
def test_outsiders_cannot_upload_or_download_a_cv(persona_api: Any, persona: str, code: int):
    client = persona_api(persona)
    assert client.get(f"{G}/cv/").status_code == code
    assert _upload(client, "cv.pdf", pdf_bytes()).status_code == code


# --- visa guidance -----------------------------------------------------------------------------


@pytest.mark.usefixtures("loaded_visa_rules")
def test_visa_guidance_from_the_profile(graduate_api: APIClient, graduate: User):
    EducationRecordFactory(profile=_profile(graduate))

    body = graduate_api.get(f"{G}/visa-guidance/").json()

    codes = {p["code"] for p in body["pathways"]}
    assert {"E-7-1", "E-9"} <= codes
    assert body["offer_verdict"] is None


@pytest.mark.usefixtures("loaded_visa_rules")
def test_visa_guidance_without_nationality_names_the_field(graduate_api: APIClient, graduate: User):
    GraduateProfile.objects.filter(user=graduate).update(nationality="")

    assert_error(graduate_api.get(f"{G}/visa-guidance/"), 400, "validation_error", "nationality")


# --- applications ------------------------------------------------------------------------------


def test_apply_read_history_and_withdraw(graduate_api: APIClient, graduate: User):
    posting = JobPostingFactory()
    ready_to_apply(_profile(graduate))

    created = graduate_api.post(
        f"{G}/applications/", {"posting": posting.pk, "cover_letter": "Hello"}
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "applied" and body["posting"]["id"] == posting.pk
    assert [h["to_status"] for h in body["history"]] == ["applied"]
    listed = graduate_api.get(f"{G}/applications/").json()["results"]
    assert [a["id"] for a in listed] == [body["id"]]

    withdrawn = graduate_api.post(f"{G}/applications/{body['id']}/withdraw/", {})
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    again = graduate_api.post(f"{G}/applications/{body['id']}/withdraw/", {})
    assert_error(again, 400, "refused")


def test_applying_twice_is_refused_politely(graduate_api: APIClient, graduate: User):
    posting = JobPostingFactory()
    ready_to_apply(_profile(graduate))
    graduate_api.post(f"{G}/applications/", {"posting": posting.pk})

    body = assert_error(graduate_api.post(f"{G}/applications/", {"posting": posting.pk}), 400,
                        "refused")  # fmt: skip
    assert body["message"] == "You have already applied to this posting."
    assert Application.objects.filter(posting=posting).count() == 1


@pytest.mark.parametrize("kind", ["draft", "closed", "unverified", "missing"])
def test_only_open_public_postings_take_applications(graduate_api: APIClient, kind: str):
    from tests.factories import EmployerFactory

    posting_id = {
        "draft": lambda: JobPostingFactory(status=PostingStatus.DRAFT, published_at=None).pk,
        "closed": lambda: JobPostingFactory(status=PostingStatus.CLOSED).pk,
        "unverified": lambda: JobPostingFactory(employer=EmployerFactory(unverified=True)).pk,
        "missing": lambda: 999999,
    }[kind]()

    response = graduate_api.post(f"{G}/applications/", {"posting": posting_id})

    assert_error(response, 400, "validation_error", "posting")
    assert not Application.objects.exists()


def test_the_cover_letter_limit_is_a_field_error(graduate_api: APIClient):
    posting = JobPostingFactory()
    response = graduate_api.post(
        f"{G}/applications/", {"posting": posting.pk, "cover_letter": "x" * 5001}
    )
    assert_error(response, 400, "validation_error", "cover_letter")


def test_an_unready_profile_cannot_apply_and_is_told_what_is_missing(
    graduate_api: APIClient, graduate: User
):
    posting = JobPostingFactory()

    response = graduate_api.post(f"{G}/applications/", {"posting": posting.pk})

    body = assert_error(response, 400, "refused")
    assert "at least one degree" in body["message"] and "a CV (PDF)" in body["message"]
    assert not Application.objects.exists()


def test_applying_without_a_cv_needs_saying_so(graduate_api: APIClient, graduate: User):
    profile = _profile(graduate)
    EducationRecordFactory(profile=profile)
    GraduateSkillFactory(profile=profile)
    posting = JobPostingFactory()

    refused = graduate_api.post(f"{G}/applications/", {"posting": posting.pk})
    body = assert_error(refused, 400, "refused")
    assert "at least one degree" not in body["message"] and "a CV (PDF)" in body["message"]
    created = graduate_api.post(f"{G}/applications/", {"posting": posting.pk, "without_cv": True})
    assert created.status_code == 201, created.content


def test_another_graduates_application_is_not_found(graduate_api: APIClient, other_graduate: User):
    theirs = ApplicationFactory(graduate=_profile(other_graduate))

    assert_error(graduate_api.get(f"{G}/applications/{theirs.pk}/"), 404, "not_found")
    assert_error(graduate_api.post(f"{G}/applications/{theirs.pk}/withdraw/"), 404, "not_found")
    assert Application.objects.get(pk=theirs.pk).status == ApplicationStatus.APPLIED
    assert graduate_api.get(f"{G}/applications/").json()["count"] == 0


def test_the_employers_internal_note_never_reaches_the_graduate(
    graduate_api: APIClient, graduate: User, employer: User
):
    from jobs.services import application_move

    posting = JobPostingFactory(employer=employer.employer_membership.employer)
    application = ApplicationFactory(graduate=_profile(graduate), posting=posting)
    application_move(application=application, to_status="screening", by=employer,
                     note="SECRET internal note", message="We liked your CV")  # fmt: skip

    response = graduate_api.get(f"{G}/applications/{application.pk}/")

    assert "SECRET" not in response.content.decode()
    assert response.json()["history"][-1]["message"] == "We liked your CV"


def test_applying_is_throttled(graduate_api: APIClient, graduate: User, settings: Any):
    from rest_framework.settings import api_settings

    ready_to_apply(_profile(graduate))
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "apply": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    postings = JobPostingFactory.create_batch(3)

    codes = [
        graduate_api.post(f"{G}/applications/", {"posting": p.pk}).status_code for p in postings
    ]

    assert codes == [201, 201, 429]
    assert graduate_api.get(f"{G}/applications/").status_code == 200  # reading is not counted


# --- matches -----------------------------------------------------------------------------------


def test_matches_with_reasons_and_a_full_explanation(
    graduate_api: APIClient, graduate: User, django_capture_on_commit_callbacks: Any
):
    skill, missing = SkillFactory(name="Verilog"), SkillFactory(name="Cleanroom practice")
    posting = JobPostingFactory(title="Chip designer")
    PostingSkillFactory(posting=posting, skill=skill, min_level=2)
    PostingSkillFactory(posting=posting, skill=missing, min_level=3)
    GraduateSkillFactory(profile=_profile(graduate), skill=skill, level=4)
    run_full_match(django_capture_on_commit_callbacks)

    rows = graduate_api.get(f"{G}/matches/").json()["results"]

    assert [r["posting"]["id"] for r in rows] == [posting.pk]
    assert rows[0]["match"]["rank"] == 1 and rows[0]["reasons"]
    assert "Cleanroom practice" in rows[0]["main_gap"]
    explained = graduate_api.get(f"{G}/matches/{posting.pk}/").json()
    statuses = {term["name"]: term["status"] for term in explained["skills"]}
    assert statuses == {"Verilog": "matched", "Cleanroom practice": "missing"}
    assert sum(t["contribution"] for t in explained["skills"]) == pytest.approx(explained["fit"])


def test_no_run_means_no_matches_and_a_hidden_posting_has_no_explanation(
    graduate_api: APIClient,
):
    assert graduate_api.get(f"{G}/matches/").json()["results"] == []
    draft = JobPostingFactory(status=PostingStatus.DRAFT, published_at=None)
    assert_error(graduate_api.get(f"{G}/matches/{draft.pk}/"), 404, "not_found")
