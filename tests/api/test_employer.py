"""An employer's own company through the API: company profile, members, postings, candidates,
applications and their moves. Others get 401/403, another company's ids 404, and no body can
place anything in another company."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from employers.models import CandidateAccess, Employer, EmployerMember, VerificationStatus
from jobs.models import Application, ApplicationStatus, JobPosting, PostingStatus
from profiles.models import GraduateProfile
from tests.api.helpers import assert_error, run_full_match
from tests.factories import (
    ApplicationFactory,
    EmployerMemberFactory,
    GraduateSkillFactory,
    JobPostingFactory,
    PostingSkillFactory,
    SkillFactory,
    UserFactory,
    valid_brn,
)

pytestmark = pytest.mark.django_db

E = "/api/v1/employer"
OUTSIDERS = [("anonymous", 401), ("graduate", 403), ("staff", 403), ("outsider", 403)]


def _company(user: User) -> Employer:
    return EmployerMember.objects.select_related("employer").get(user=user).employer


def _posting_body(**extra: Any) -> dict[str, Any]:
    SkillFactory(name="Verilog")
    return {
        "title": "Verification engineer",
        "description": "UVM testbenches for mixed-signal chips.",
        "salary_min_krw": 40_000_000,
        "salary_max_krw": 52_000_000,
        "region": "gyeonggi",
        "skills": [{"skill": "verilog", "min_level": 3}],
        "accepted_fields": ["0714"],
        **extra,
    }


@pytest.mark.parametrize(
    ("url", "persona", "code"),
    [
        (url, persona, code)
        for url in (
            f"{E}/company/",
            f"{E}/members/",
            f"{E}/postings/",
            f"{E}/conversations/",
            "/api/v1/staff/employers/",
        )
        for persona, code in OUTSIDERS
        if not (url.startswith("/api/v1/staff/") and persona == "staff")  # staff's own endpoint
    ],
)
def test_only_employers_reach_employer_endpoints(
    persona_api: Any, persona: str, code: int, url: str
):
    assert persona_api(persona).get(url).status_code == code


# --- company and members -----------------------------------------------------------------------


def test_company_profile_is_the_callers_own(employer_api: APIClient, employer: User):
    body = employer_api.get(f"{E}/company/").json()

    assert body["id"] == _company(employer).pk and body["is_verified"] is True


def test_an_owner_edits_the_company_but_a_verified_name_stays(
    employer_api: APIClient, employer: User
):
    ok = employer_api.patch(f"{E}/company/", {"description": "We make wafers."})
    assert ok.status_code == 200 and _company(employer).description == "We make wafers."

    refused = employer_api.patch(f"{E}/company/", {"name": "Something else"})
    assert_error(refused, 400, "refused")
    assert _company(employer).name != "Something else"


def test_a_new_employer_account_registers_a_pending_company(api_client_for: Any):
    user = UserFactory(role="employer")
    client = api_client_for(user)
    assert_error(client.get(f"{E}/company/"), 404, "not_found")

    response = client.post(
        f"{E}/company/",
        {"name": "Daehan Robotics", "business_registration_number": valid_brn(4242),
         "industry": "automotive", "size_class": "sme", "region": "ulsan",
         "verification_status": "verified"},
    )  # fmt: skip

    assert response.status_code == 201, response.content
    assert response.json()["verification_status"] == VerificationStatus.PENDING
    assert _company(user).name == "Daehan Robotics"
    assert_error(client.post(f"{E}/company/", {"name": "Again"}), 400, "validation_error")


def test_a_bad_registration_number_is_a_field_error(api_client_for: Any):
    client = api_client_for(UserFactory(role="employer"))
    body = {"name": "X", "business_registration_number": "123-45-67890", "industry": "batteries",
            "size_class": "sme", "region": "seoul"}  # fmt: skip
    assert_error(client.post(f"{E}/company/", body), 400, "validation_error",
                 "business_registration_number")  # fmt: skip


def test_members_list_invite_and_the_last_owner_cannot_leave(
    employer_api: APIClient, employer: User, other_employer: User
):
    company = _company(employer)
    colleague = EmployerMemberFactory(employer=company, role="recruiter")

    emails = {m["email"] for m in employer_api.get(f"{E}/members/").json()["results"]}
    assert emails == {employer.email, colleague.user.email}
    assert other_employer.email not in emails

    invited = employer_api.post(f"{E}/members/invitations/", {"email": "new@hanbit.example"})
    assert invited.status_code == 201 and "token" not in invited.json()
    assert_error(employer_api.post(f"{E}/members/invitations/", {"email": "bad"}), 400,
                 "validation_error", "email")  # fmt: skip

    assert_error(employer_api.post(f"{E}/members/leave/"), 400, "refused")
    assert EmployerMember.objects.filter(user=employer).exists()


# --- postings ----------------------------------------------------------------------------------


def test_create_a_draft_in_the_callers_company_whatever_the_body_says(
    employer_api: APIClient, employer: User, other_employer: User
):
    other = _company(other_employer)

    response = employer_api.post(
        f"{E}/postings/", _posting_body(employer=other.pk, employer_id=other.pk, status="open")
    )

    assert response.status_code == 201, response.content
    posting = JobPosting.objects.get(pk=response.json()["id"])
    assert posting.employer == _company(employer) and posting.status == PostingStatus.DRAFT
    assert [s.skill.name for s in posting.skills.all()] == ["Verilog"]
    assert [f.code for f in posting.accepted_fields.all()] == ["0714"]
    assert not JobPosting.objects.filter(employer=other).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"salary_max_krw": 1}, "salary_max_krw"),
        ({"region": "mars"}, "region"),
        ({"skills": [{"skill": "Underwater basket weaving"}]}, "skills.0.skill"),
        ({"skills": [{"skill": "Verilog", "min_level": 9}]}, "skills.0.min_level"),
        ({"skills": [{"skill": "Verilog"}, {"skill": "verilog"}]}, "skills"),
        ({"accepted_fields": ["9999"]}, "accepted_fields"),
        ({"title": ""}, "title"),
    ],
)
def test_posting_validation_names_the_field(
    employer_api: APIClient, change: dict[str, Any], field: str
):
    response = employer_api.post(f"{E}/postings/", _posting_body(**change))

    assert_error(response, 400, "validation_error", field)
    assert not JobPosting.objects.exists()


def test_update_publish_close_reopen_duplicate(employer_api: APIClient, employer: User):
    pk = employer_api.post(f"{E}/postings/", _posting_body()).json()["id"]

    assert employer_api.patch(f"{E}/postings/{pk}/", {"openings": 3}).status_code == 200
    posting = JobPosting.objects.get(pk=pk)
    assert posting.openings == 3 and posting.skills.count() == 1  # skills kept when not sent

    assert employer_api.post(f"{E}/postings/{pk}/publish/").json()["status"] == "open"
    assert_error(employer_api.post(f"{E}/postings/{pk}/publish/"), 400, "refused")
    assert employer_api.post(f"{E}/postings/{pk}/close/").json()["status"] == "closed"
    assert employer_api.post(f"{E}/postings/{pk}/reopen/").json()["status"] == "open"
    copy = employer_api.post(f"{E}/postings/{pk}/duplicate/")
    assert copy.status_code == 201 and copy.json()["status"] == "draft"
    listed = employer_api.get(f"{E}/postings/", {"status": "draft"}).json()["results"]
    assert [p["id"] for p in listed] == [copy.json()["id"]]


def test_an_unverified_company_prepares_but_cannot_publish(
    unverified_employer_api: APIClient, unverified_employer: User
):
    created = unverified_employer_api.post(f"{E}/postings/", _posting_body())
    assert created.status_code == 201

    response = unverified_employer_api.post(f"{E}/postings/{created.json()['id']}/publish/")

    body = assert_error(response, 400, "refused")
    assert "not verified" in body["message"]
    assert JobPosting.objects.get().status == PostingStatus.DRAFT


def test_another_companys_posting_is_not_found(employer_api: APIClient, other_employer: User):
    theirs = JobPostingFactory(employer=_company(other_employer), status=PostingStatus.DRAFT,
                               published_at=None)  # fmt: skip
    base = f"{E}/postings/{theirs.pk}"

    for method, url in [
        ("get", f"{base}/"), ("patch", f"{base}/"), ("post", f"{base}/publish/"),
        ("post", f"{base}/close/"), ("post", f"{base}/duplicate/"),
        ("get", f"{base}/applications/"), ("get", f"{base}/candidates/"),
    ]:  # fmt: skip
        assert_error(getattr(employer_api, method)(url, {"title": "Mine now"}), 404, "not_found")
    theirs.refresh_from_db()
    assert theirs.status == PostingStatus.DRAFT and theirs.title != "Mine now"
    assert JobPosting.objects.count() == 1


# --- applications ------------------------------------------------------------------------------


@pytest.fixture
def application(employer: User, graduate: User) -> Application:
    posting = JobPostingFactory(employer=_company(employer))
    return ApplicationFactory(posting=posting, graduate=GraduateProfile.objects.get(user=graduate))


def test_a_postings_applications_and_moves_with_history(
    employer_api: APIClient, application: Application, employer: User
):
    rows = employer_api.get(f"{E}/postings/{application.posting_id}/applications/").json()
    assert [r["id"] for r in rows["results"]] == [application.pk]
    assert rows["results"][0]["allowed_moves"] == ["screening", "interview", "rejected"]

    moved = employer_api.post(
        f"{E}/applications/{application.pk}/move/",
        {"to_status": "interview", "note": "Strong", "message": "Please come on Monday"},
    )

    assert moved.status_code == 200, moved.content
    history = moved.json()["history"]
    assert history[-1]["to_status"] == "interview" and history[-1]["note"] == "Strong"
    assert history[-1]["changed_by"] == employer.email
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.INTERVIEW


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"to_status": "hired"}, "refused", None),  # applied -> hired skips the pipeline
        ({"to_status": "withdrawn"}, "refused", None),  # only the graduate withdraws
        ({"to_status": "rejected"}, "validation_error", "rejection_reason"),
        ({"to_status": "promoted"}, "validation_error", "to_status"),
    ],
)
def test_only_allowed_moves_are_accepted(
    employer_api: APIClient, application: Application, body: dict[str, str], code: str,
    field: str | None,
):  # fmt: skip
    response = employer_api.post(f"{E}/applications/{application.pk}/move/", body)

    assert_error(response, 400, code, *([field] if field else []))
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.APPLIED


def test_another_company_cannot_read_or_move_an_application(
    other_employer_api: APIClient, application: Application
):
    url = f"{E}/applications/{application.pk}"
    assert_error(other_employer_api.get(f"{url}/"), 404, "not_found")
    body = {"to_status": "screening", "posting": application.posting_id}
    response = other_employer_api.post(f"{url}/move/", body)
    assert_error(response, 404, "not_found")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.APPLIED


def test_a_graduate_cannot_move_their_own_application(
    graduate_api: APIClient, application: Application
):
    response = graduate_api.post(f"{E}/applications/{application.pk}/move/", {"to_status": "hired"})
    assert_error(response, 403, "permission_denied")


# --- candidates --------------------------------------------------------------------------------


@pytest.fixture
def ranked(employer: User, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    skill = SkillFactory(name="Lithography")
    posting = JobPostingFactory(employer=_company(employer))
    PostingSkillFactory(posting=posting, skill=skill, min_level=2)
    seen = GraduateSkillFactory(skill=skill, level=4, profile__visibility="discoverable").profile
    hidden = GraduateSkillFactory(skill=skill, level=5, profile__visibility="hidden").profile
    run_full_match(django_capture_on_commit_callbacks)
    return {"posting": posting, "seen": seen, "hidden": hidden}


def test_candidates_are_ranked_with_explanations_and_hidden_ones_left_out(
    employer_api: APIClient, ranked: dict[str, Any], employer: User
):
    url = f"{E}/postings/{ranked['posting'].pk}/candidates/"

    rows = employer_api.get(url).json()["results"]

    assert [r["id"] for r in rows] == [ranked["seen"].pk]
    assert rows[0]["explanation"]["skills"][0]["status"] == "matched"
    assert employer_api.get(url, {"min_score": 0.99}).json()["results"] == []
    assert_error(employer_api.get(url, {"min_score": 5}), 400, "validation_error", "min_score")

    detail = employer_api.get(f"{url}{ranked['seen'].pk}/")
    assert detail.status_code == 200 and detail.json()["explanation"]["fit"] > 0
    assert CandidateAccess.objects.filter(viewer=employer, graduate=ranked["seen"]).count() == 1
    assert_error(employer_api.get(f"{url}{ranked['hidden'].pk}/"), 404, "not_found")


@pytest.mark.parametrize("suffix", ["", "{seen}/", "{seen}/invite/"])
def test_candidate_endpoints_read_none_of_the_postings_requirements(
    employer_api: APIClient, ranked: dict[str, Any], suffix: str
):
    """A posting's candidates are ranked from its kept matching facts: the endpoints about
    them read neither its screening questions nor its skills' rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    listed = f"{E}/postings/{ranked['posting'].pk}/candidates/"
    employer_api.get(listed)  # the pair's facts are kept from here on
    url = listed + suffix.format(seen=ranked["seen"].pk)
    call = employer_api.post if suffix.endswith("invite/") else employer_api.get
    with CaptureQueriesContext(connection) as queries:
        response = call(url)
    assert response.status_code in (200, 201), response.content
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "jobs_screeningquestion" not in read
    assert '"jobs_postingskill"."posting_id" IN' not in read


def test_candidates_explanations_are_kept_until_the_candidate_changes(
    employer_api: APIClient, ranked: dict[str, Any], monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
):  # fmt: skip
    from matching.apis import employer as api
    from profiles.services import graduate_skills_set

    explained: list[int] = []
    explain = api.explanations_for

    def counting(*, graduate_ids: Any, posting_ids: Any, **kwargs: Any) -> Any:
        explained.append(len(graduate_ids))
        return explain(graduate_ids=graduate_ids, posting_ids=posting_ids, **kwargs)

    monkeypatch.setattr(api, "explanations_for", counting)
    url = f"{E}/postings/{ranked['posting'].pk}/candidates/"
    first = employer_api.get(url).json()["results"]
    assert employer_api.get(url).json()["results"] == first
    assert explained == [1]  # the second answer explained nobody again
    skill = ranked["posting"].skills.get().skill
    with django_capture_on_commit_callbacks(execute=True):
        graduate_skills_set(profile=ranked["seen"], levels={skill.pk: 2})
    changed = employer_api.get(url).json()["results"]
    assert explained == [1, 1]
    assert changed[0]["explanation"]["skills"][0]["own_level"] == 2
    assert first[0]["explanation"]["skills"][0]["own_level"] == 4


def test_an_unverified_company_sees_no_candidates(
    unverified_employer_api: APIClient, unverified_employer: User
):
    posting = JobPostingFactory(employer=_company(unverified_employer))

    response = unverified_employer_api.get(f"{E}/postings/{posting.pk}/candidates/")

    assert_error(response, 403, "permission_denied")


def test_a_candidates_cv_is_downloaded_and_logged(
    employer_api: APIClient, ranked: dict[str, Any], employer: User
):
    from django.core.files.base import ContentFile

    from tests.profiles.factories import pdf_bytes

    seen: GraduateProfile = ranked["seen"]
    seen.cv.save("cv.pdf", ContentFile(pdf_bytes()), save=True)
    base = f"{E}/postings/{ranked['posting'].pk}/candidates"

    response = employer_api.get(f"{base}/{seen.pk}/cv/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert CandidateAccess.objects.filter(viewer=employer, graduate=seen, kind="cv").count() == 1
    assert_error(employer_api.get(f"{base}/{ranked['hidden'].pk}/cv/"), 404, "not_found")


def test_inviting_a_candidate_once(employer_api: APIClient, ranked: dict[str, Any]):
    from jobs.models import PostingInvitation

    url = f"{E}/postings/{ranked['posting'].pk}/candidates/{ranked['seen'].pk}/invite/"

    response = employer_api.post(url, {"message": "We would like you to apply."})

    assert response.status_code == 201, response.content
    assert response.json()["graduate"] == ranked["seen"].pk
    assert_error(employer_api.post(url, {}), 400, "refused")
    assert PostingInvitation.objects.count() == 1
    hidden = f"{E}/postings/{ranked['posting'].pk}/candidates/{ranked['hidden'].pk}/invite/"
    assert_error(employer_api.post(hidden, {}), 404, "not_found")


def test_another_company_cannot_see_or_invite_candidates(
    other_employer_api: APIClient, ranked: dict[str, Any]
):
    base = f"{E}/postings/{ranked['posting'].pk}/candidates/{ranked['seen'].pk}"
    for method, url in [("get", f"{base}/"), ("get", f"{base}/cv/"), ("post", f"{base}/invite/")]:
        assert_error(getattr(other_employer_api, method)(url), 404, "not_found")
    assert not CandidateAccess.objects.exists()
