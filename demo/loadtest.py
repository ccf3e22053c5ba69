"""What a load test needs from a demo or benchmark database, written by `loadtest_prepare`.

Signed-in sessions and read-only API tokens for graduates and employer members spread over the
database, and the ids the pages ask for (public postings, companies, courses, each employer's
postings and their candidates). The load test (the `loadtest` package) reads the file and
talks to the site over HTTP only: it signs nobody in, so it meets no sign-in rate limit, and
it starts nothing.
"""

from dataclasses import dataclass
from importlib import import_module
from random import Random
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from django.utils import timezone

from accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from accounts.models import ApiToken, Role, TokenScope, User
from accounts.token_services import api_token_create, api_token_revoke
from core.choices import Industry
from employers.models import EmployerMember
from jobs.models import Application, JobPosting
from matching.selectors import candidates_for_posting
from profiles.models import GraduateProfile
from training.selectors import course_list_public

TOKEN_NAME = "load test"  # noqa: S105 (a token's name, not a secret)
_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Searches people type on the job page: a skill, a field, a company kind, a place.
SEARCHES = (
    "semiconductor", "battery", "python", "embedded", "welding", "PLC", "automotive",
    "process engineer", "quality", "data", "Samsung", "Busan", "CAD", "firmware",
)  # fmt: skip


@dataclass(frozen=True)
class LoadtestSize:
    graduates: int = 200
    employers: int = 20
    seed: int = 2026


def _session_for(user: User) -> str:
    """A new signed-in session for `user`, as signing in would leave it; its key."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    now = timezone.now().timestamp()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = _BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SIGNED_IN_AT] = session[LAST_SEEN] = now
    session.create()
    assert session.session_key is not None
    return session.session_key


def _token_for(user: User) -> str:
    """A new read-only API token for `user`; the previous load-test token is revoked."""
    for token in ApiToken.objects.filter(user=user, name=TOKEN_NAME, revoked_at__isnull=True):
        api_token_revoke(token=token, by=user)
    return api_token_create(user=user, name=TOKEN_NAME, scope=TokenScope.READ, days=7).key


def _spread(ids: list[int], count: int) -> list[int]:
    """`count` of `ids` (sorted) evenly spread from first to last."""
    if count >= len(ids):
        return ids
    step = len(ids) / count
    return [ids[int(i * step)] for i in range(count)]


def _graduate_accounts(count: int) -> list[dict[str, Any]]:
    ids = list(
        GraduateProfile.objects.filter(user__is_active=True, user__role=Role.GRADUATE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = GraduateProfile.objects.select_related("user").filter(pk__in=_spread(ids, count))
    return [
        {
            "email": p.user.email,
            "graduate_id": p.pk,
            "session": _session_for(p.user),
            "token": _token_for(p.user),
        }
        for p in chosen.order_by("pk")
    ]


def _employer_accounts(count: int, rng: Random) -> list[dict[str, Any]]:
    """Members of verified companies with open postings, the busiest companies first, whose
    sampled postings have ranked candidates (the candidate pages need some)."""
    busiest = (
        JobPosting.objects.public()
        .values("employer_id")
        .annotate(open_postings=Count("pk"))
        .order_by("-open_postings", "employer_id")
    )
    order = {row["employer_id"]: n for n, row in enumerate(busiest)}
    members = sorted(
        EmployerMember.objects.select_related("user", "employer").filter(
            user__is_active=True, employer_id__in=order
        ),
        key=lambda m: (order[m.employer_id], m.pk),
    )
    accounts: list[dict[str, Any]] = []
    for member in members:
        if len(accounts) == count:
            break
        postings = list(JobPosting.objects.public().filter(employer=member.employer).order_by("pk"))
        postings = sorted(rng.sample(postings, min(10, len(postings))), key=lambda p: p.pk)
        candidates = {
            str(posting.pk): [
                c.graduate.pk for c in candidates_for_posting(posting=posting, limit=10)
            ]
            for posting in postings
        }
        if not any(candidates.values()):
            continue
        applications = list(
            Application.objects.filter(posting__employer=member.employer)
            .order_by("pk")
            .values_list("pk", flat=True)[:50]
        )
        accounts.append(
            {
                "email": member.user.email,
                "employer_id": member.employer_id,
                "session": _session_for(member.user),
                "token": _token_for(member.user),
                "postings": [posting.pk for posting in postings],
                "candidates": candidates,
                "applications": applications,
            }
        )
    return accounts


def loadtest_fixture_build(*, size: LoadtestSize) -> dict[str, Any]:
    """Sessions, tokens and ids for a load test of this database (see the module's docstring).

    Each call signs the chosen accounts in anew and replaces their load-test tokens."""
    rng = Random(size.seed)
    public = JobPosting.objects.public()
    jobs = list(public.order_by("pk").values_list("pk", flat=True))
    companies = sorted(set(public.values_list("employer_id", flat=True)))
    courses = list(course_list_public().order_by("pk").values_list("pk", flat=True))
    return {
        "created_at": timezone.now().isoformat(),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "graduates": _graduate_accounts(size.graduates),
        "employers": _employer_accounts(size.employers, rng),
        "jobs": sorted(rng.sample(jobs, min(1000, len(jobs)))),
        "companies": companies,
        "courses": courses,
        "searches": list(SEARCHES),
        "industries": list(Industry.values),
    }
