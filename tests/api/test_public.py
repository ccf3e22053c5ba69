"""Public endpoints: open postings (search, filters, pagination), employers, skills."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from jobs.models import PostingStatus
from skills.models import SkillAlias
from tests.api.helpers import assert_error, run_full_match
from tests.factories import (
    EmployerFactory,
    GraduateSkillFactory,
    JobPostingFactory,
    PostingSkillFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

POSTINGS = "/api/v1/postings/"


@pytest.fixture
def market() -> dict[str, Any]:
    unverified = EmployerFactory(unverified=True)
    return {
        "open": JobPostingFactory(title="Etch process engineer", region="gyeonggi"),
        "busan": JobPostingFactory(title="Battery cell engineer", region="busan"),
        "draft": JobPostingFactory(status=PostingStatus.DRAFT, published_at=None),
        "closed": JobPostingFactory(status=PostingStatus.CLOSED),
        "unverified": JobPostingFactory(employer=unverified),
    }


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_anyone_sees_open_postings_of_verified_employers_only(
    anon_api: APIClient, market: dict[str, Any]
):
    assert _ids(anon_api.get(POSTINGS)) == {market["open"].pk, market["busan"].pk}


def test_filters_and_text_search_narrow_the_list(anon_api: APIClient, market: dict[str, Any]):
    assert _ids(anon_api.get(POSTINGS, {"region": "busan"})) == {market["busan"].pk}
    assert _ids(anon_api.get(POSTINGS, {"q": "battery"})) == {market["busan"].pk}
    assert _ids(anon_api.get(POSTINGS, {"q": market["unverified"].title})) == set()


def test_a_bad_filter_value_is_a_field_error(anon_api: APIClient):
    body = assert_error(anon_api.get(POSTINGS, {"region": "mars"}), 400, "validation_error")
    assert "region" in body["fields"]


def test_a_posting_in_the_list_carries_public_employer_fields_only(
    anon_api: APIClient, market: dict[str, Any]
):
    row = anon_api.get(POSTINGS, {"region": "busan"}).json()["results"][0]

    assert row["employer"]["name"] == market["busan"].employer.name
    assert "business_registration_number" not in row["employer"]
    assert row["match"] is None


def test_a_posting_shows_its_skills_and_others_are_not_found(
    anon_api: APIClient, market: dict[str, Any]
):
    skill = PostingSkillFactory(posting=market["open"], min_level=4)

    body = anon_api.get(f"{POSTINGS}{market['open'].pk}/").json()

    assert body["skills"][0]["name"] == skill.skill.name and body["skills"][0]["min_level"] == 4
    assert body["description"]
    for hidden in ("draft", "closed", "unverified"):
        assert_error(anon_api.get(f"{POSTINGS}{market[hidden].pk}/"), 404, "not_found")


def test_a_graduate_gets_match_scores_and_best_match_first(
    graduate_api: APIClient, graduate: User, django_capture_on_commit_callbacks: Any
):
    skill = SkillFactory()
    strong = JobPostingFactory(title="Strong fit", published_at=timezone.now() - timedelta(days=2))
    PostingSkillFactory(posting=strong, skill=skill, min_level=2)
    weak = JobPostingFactory(title="Weak fit", published_at=timezone.now())
    PostingSkillFactory(posting=weak, skill=skill, min_level=5)
    PostingSkillFactory(posting=weak, min_level=3)
    GraduateSkillFactory(profile=graduate.graduate_profile, skill=skill, level=3)
    run_full_match(django_capture_on_commit_callbacks)

    rows = graduate_api.get(POSTINGS).json()["results"]

    assert [r["id"] for r in rows][:2] == [strong.pk, weak.pk]
    assert rows[0]["match"]["rank"] == 1 and rows[0]["match"]["score"] > rows[1]["match"]["score"]
    newest_first = graduate_api.get(POSTINGS, {"sort": "date"}).json()["results"]
    assert [r["id"] for r in newest_first] == [weak.pk, strong.pk]


# --- employers ---------------------------------------------------------------------------------


def test_the_directory_lists_verified_employers_with_public_fields(anon_api: APIClient):
    verified = EmployerFactory(industry="batteries")
    EmployerFactory(unverified=True)

    rows = anon_api.get("/api/v1/employers/").json()["results"]
    assert [r["id"] for r in rows] == [verified.pk]
    assert set(rows[0]) == {
        "id", "name", "name_ko", "industry", "size_class", "region", "website",
        "locations", "support", "open_postings",
    }  # fmt: skip
    assert _ids(anon_api.get("/api/v1/employers/", {"industry": "shipbuilding"})) == set()


def test_an_employer_page_counts_open_postings_and_hides_the_unverified(anon_api: APIClient):
    employer = EmployerFactory()
    JobPostingFactory.create_batch(2, employer=employer)
    JobPostingFactory(employer=employer, status=PostingStatus.DRAFT, published_at=None)
    pending = EmployerFactory(unverified=True)

    assert anon_api.get(f"/api/v1/employers/{employer.pk}/").json()["open_postings"] == 2
    assert_error(anon_api.get(f"/api/v1/employers/{pending.pk}/"), 404, "not_found")


# --- skills ------------------------------------------------------------------------------------


def test_skill_search_finds_names_aliases_and_korean_names(anon_api: APIClient):
    kube = SkillFactory(name="Kubernetes", name_ko="쿠버네티스")
    SkillAlias.objects.create(skill=kube, alias="k8s")
    SkillFactory(name="Verilog")

    for text in ("kube", "k8s", "쿠버"):
        rows = anon_api.get("/api/v1/skills/", {"q": text}).json()["results"]
        assert [r["name"] for r in rows] == ["Kubernetes"], text
    assert anon_api.get("/api/v1/skills/").json()["count"] == 2


def test_autocomplete_needs_two_characters_and_caps_the_list(anon_api: APIClient):
    for n in range(15):
        SkillFactory(name=f"Python tool {n:02d}")

    assert anon_api.get("/api/v1/skills/autocomplete/", {"q": "p"}).json() == []
    rows = anon_api.get("/api/v1/skills/autocomplete/", {"q": "python"}).json()
    assert len(rows) == 12 and set(rows[0]) == {"id", "name", "name_ko"}


def test_a_skill_without_a_korean_name_reads_as_an_empty_string_not_null():
    """The schema says a string: a name not translated yet (NULL in its column) is ""."""
    skill = SkillFactory(name="Wire bonding")  # no Korean name
    posting = JobPostingFactory()
    PostingSkillFactory(posting=posting, skill=skill)
    body = APIClient().get(f"{POSTINGS}{posting.pk}/").json()
    assert [row["name_ko"] for row in body["skills"]] == [""]


def test_the_topik_and_sponsorship_filters_take_the_types_the_schema_gives(anon_api: APIClient):
    """The schema says integer and boolean (a generated client sends 3 and true / false)."""
    sponsors = JobPostingFactory(title="Sponsors, TOPIK 2", min_topik=2, visa_sponsorship=True)
    JobPostingFactory(title="No sponsor, TOPIK 5", min_topik=5, visa_sponsorship=False)

    def titles(**query: str) -> list[str]:
        response = anon_api.get(POSTINGS, query)
        assert response.status_code == 200, response.content
        return sorted(p["title"] for p in response.json()["results"])

    assert titles(topik="3") == [sponsors.title]
    assert titles(sponsorship="true") == [sponsors.title]
    assert len(titles(sponsorship="false")) == 2  # not asked: every posting
    assert_error(anon_api.get(POSTINGS, {"topik": "7"}), 400, "validation_error", "topik")
