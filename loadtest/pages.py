"""The pages the load test asks for, by role, each with its server-time budget.

A page is a function of the fixture (written by `manage.py loadtest_prepare`) and a random
generator, returning the request to make: every request picks its own posting, account or
search, so no cache sees the same question twice in a row. Nothing here imports locust or
Django: the tests build the same requests against the test client.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random
from typing import Any
from urllib.parse import urlencode

Fixture = dict[str, Any]

ANONYMOUS, GRADUATE, EMPLOYER = "anonymous", "graduate", "employer"
BUDGET_PAGE_MS, BUDGET_SEARCH_MS = 50, 100  # server time, single request, p95


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    role: str  # whose session or token goes with it
    account: int = 0  # which of the role's accounts (index into the fixture's list)
    api: bool = False  # with the account's API token instead of its session
    form: dict[str, str] = field(default_factory=dict)  # a POST's fields (CSRF added)


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    build: Callable[[Fixture, Random], Request]
    budget_ms: int = BUDGET_PAGE_MS
    weight: int = 1  # how often the role's scenario asks for it
    write: bool = False  # changes data: the role scenarios only, not the per-page runs


def _pick(rng: Random, items: list[Any]) -> Any:
    return items[rng.randrange(len(items))]


def _graduate(fx: Fixture, rng: Random) -> int:
    return rng.randrange(len(fx["graduates"]))


def _employer(fx: Fixture, rng: Random) -> tuple[int, int]:
    """An employer account and one of its postings."""
    index = rng.randrange(len(fx["employers"]))
    return index, _pick(rng, fx["employers"][index]["postings"])


def _anon(path: str) -> Callable[[Fixture, Random], Request]:
    return lambda fx, rng: Request("GET", path, ANONYMOUS)


def _graduate_get(path: str, *, api: bool = False) -> Callable[[Fixture, Random], Request]:
    return lambda fx, rng: Request("GET", path, GRADUATE, _graduate(fx, rng), api=api)


def _employer_get(path: str, *, api: bool = False) -> Callable[[Fixture, Random], Request]:
    return lambda fx, rng: Request("GET", path, EMPLOYER, _employer(fx, rng)[0], api=api)


def _job_search(fx: Fixture, rng: Random) -> Request:
    query = {"q": _pick(rng, fx["searches"]), "industry": _pick(rng, fx["industries"])}
    if rng.random() < 0.5:
        query["topik"] = str(rng.randint(2, 4))
    return Request("GET", "/jobs/?" + urlencode(query), ANONYMOUS)


def _jobs_far_page(fx: Fixture, rng: Random) -> Request:
    """A page far into the unfiltered list, where OFFSET pagination would grow slow."""
    return Request("GET", f"/jobs/?page={rng.randint(50, 400)}", ANONYMOUS)


# The visa checker's Vietnamese bachelor with an offer; the salary changes on every request.
_VISA_PERSONA = {
    "nationality": "VN", "age": "26", "education_level": "bachelor", "field_stem": "on",
    "degree_country": "VN", "topik": "3", "employer_size": "sme", "goal": "professional",
}  # fmt: skip


def _visa_check(fx: Fixture, rng: Random) -> Request:
    salary = str(rng.randrange(28, 60) * 1_000_000 + rng.randrange(1000) * 1000)
    query = urlencode({**_VISA_PERSONA, "annual_salary_krw": salary})
    return Request("GET", "/visas/check/?" + query, ANONYMOUS)


def _job(path: str, role: str = ANONYMOUS) -> Callable[[Fixture, Random], Request]:
    def build(fx: Fixture, rng: Random) -> Request:
        account = _graduate(fx, rng) if role == GRADUATE else 0
        return Request("GET", path.format(_pick(rng, fx["jobs"])), role, account)

    return build


def _company(fx: Fixture, rng: Random) -> Request:
    return Request("GET", f"/companies/{_pick(rng, fx['companies'])}/", ANONYMOUS)


def _course(fx: Fixture, rng: Random) -> Request:
    return Request("GET", f"/training/courses/{_pick(rng, fx['courses'])}/", ANONYMOUS)


def _api_search(fx: Fixture, rng: Random) -> Request:
    query = {"search": _pick(rng, fx["searches"]), "industry": _pick(rng, fx["industries"])}
    return Request("GET", "/api/v1/postings/?" + urlencode(query), ANONYMOUS)


def _posting_page(suffix: str, *, api: bool = False) -> Callable[[Fixture, Random], Request]:
    prefix = "/api/v1/employer/postings/" if api else "/employer/postings/"

    def build(fx: Fixture, rng: Random) -> Request:
        index, posting = _employer(fx, rng)
        return Request("GET", f"{prefix}{posting}/{suffix}", EMPLOYER, index, api=api)

    return build


_CANDIDATE_FILTERS = (
    {"min_topik": "2"},
    {"min_education": "bachelor", "order_by": "fit"},
    {"nationality": "VN", "min_score": "40"},
    {"min_topik": "3", "min_education": "master"},
)


def _candidates_filtered(fx: Fixture, rng: Random) -> Request:
    index, posting = _employer(fx, rng)
    query = urlencode(_pick(rng, list(_CANDIDATE_FILTERS)))
    return Request("GET", f"/employer/postings/{posting}/candidates/?{query}", EMPLOYER, index)


def _candidate(fx: Fixture, rng: Random) -> Request:
    """A candidate from one of an employer's candidate lists."""
    shown = [
        (index, posting, graduate)
        for index, account in enumerate(fx["employers"])
        for posting, graduates in account["candidates"].items()
        for graduate in graduates
    ]
    index, posting, graduate = _pick(rng, shown)
    return Request("GET", f"/employer/postings/{posting}/candidates/{graduate}/", EMPLOYER, index)


def _apply(fx: Fixture, rng: Random) -> Request:
    form = {"cover_letter": "I would like to apply: my skills fit this role.", "without_cv": "on"}
    return Request(
        "POST", f"/jobs/{_pick(rng, fx['jobs'])}/apply/", GRADUATE, _graduate(fx, rng), form=form
    )


def _save(fx: Fixture, rng: Random) -> Request:
    return Request("POST", f"/jobs/{_pick(rng, fx['jobs'])}/save/", GRADUATE, _graduate(fx, rng))


PAGES: tuple[Page, ...] = (
    # anyone
    Page("healthz", ANONYMOUS, _anon("/healthz"), weight=0),
    Page("home", ANONYMOUS, _anon("/"), weight=3),
    Page("jobs", ANONYMOUS, _anon("/jobs/"), weight=4),
    Page("jobs-search", ANONYMOUS, _job_search, BUDGET_SEARCH_MS, weight=4),
    Page("jobs-far-page", ANONYMOUS, _jobs_far_page, weight=1),
    Page("job", ANONYMOUS, _job("/jobs/{}/"), weight=5),
    Page("companies", ANONYMOUS, _anon("/companies/"), weight=1),
    Page("company", ANONYMOUS, _company, weight=1),
    Page("training", ANONYMOUS, _anon("/training/"), weight=1),
    Page("course", ANONYMOUS, _course, weight=1),
    Page("visa-check", ANONYMOUS, _visa_check, weight=2),
    Page("sign-in", ANONYMOUS, _anon("/accounts/login/"), weight=1),
    Page("api-postings", ANONYMOUS, _anon("/api/v1/postings/"), weight=2),
    Page("api-postings-search", ANONYMOUS, _api_search, BUDGET_SEARCH_MS, weight=2),
    Page("api-courses", ANONYMOUS, _anon("/api/v1/training/courses/"), weight=1),
    Page("api-employers", ANONYMOUS, _anon("/api/v1/employers/"), weight=1),
    # graduates
    Page("graduate-dashboard", GRADUATE, _graduate_get("/graduate/"), weight=5),
    # what the dashboard asks for after itself when the suggestions are not kept yet
    Page("graduate-courses", GRADUATE, _graduate_get("/graduate/suggested-courses/"), weight=2),
    Page("graduate-matches", GRADUATE, _graduate_get("/graduate/matches/"), weight=3),
    Page("graduate-job", GRADUATE, _job("/jobs/{}/", GRADUATE), weight=5),
    Page("graduate-jobs", GRADUATE, _graduate_get("/jobs/"), weight=3),
    Page("graduate-applications", GRADUATE, _graduate_get("/graduate/applications/"), weight=2),
    Page("graduate-visas", GRADUATE, _graduate_get("/visas/mine/"), weight=2),
    Page("graduate-training", GRADUATE, _graduate_get("/training/for-me/"), weight=1),
    Page("graduate-saved", GRADUATE, _graduate_get("/graduate/saved/"), weight=1),
    Page("graduate-profile", GRADUATE, _graduate_get("/graduate/profile/skills/"), weight=1),
    Page("graduate-notifications", GRADUATE, _graduate_get("/notifications/"), weight=1),
    Page("graduate-apply", GRADUATE, _apply, weight=1, write=True),
    Page("graduate-save-job", GRADUATE, _save, weight=1, write=True),
    Page(
        "api-graduate-matches",
        GRADUATE,
        _graduate_get("/api/v1/graduate/matches/", api=True),
        weight=2,
    ),
    Page(
        "api-graduate-applications",
        GRADUATE,
        _graduate_get("/api/v1/graduate/applications/", api=True),
        weight=1,
    ),
    # employers
    Page("employer-dashboard", EMPLOYER, _employer_get("/employer/"), weight=3),
    Page("employer-postings", EMPLOYER, _employer_get("/employer/postings/"), weight=2),
    Page("employer-posting", EMPLOYER, _posting_page(""), weight=2),
    Page("employer-candidates", EMPLOYER, _posting_page("candidates/"), BUDGET_SEARCH_MS, weight=4),
    Page(
        "employer-candidates-filtered", EMPLOYER, _candidates_filtered, BUDGET_SEARCH_MS, weight=3
    ),
    Page("employer-candidate", EMPLOYER, _candidate, weight=3),
    Page("employer-pipeline", EMPLOYER, _posting_page("applications/"), weight=2),
    Page(
        "api-employer-postings",
        EMPLOYER,
        _employer_get("/api/v1/employer/postings/", api=True),
        weight=1,
    ),
    Page(
        "api-employer-candidates",
        EMPLOYER,
        _posting_page("candidates/", api=True),
        BUDGET_SEARCH_MS,
        weight=2,
    ),
)
PAGES_BY_NAME = {page.name: page for page in PAGES}
