"""Schemathesis against the live schema, in-process (Django's WSGI app on the test database):
every operation, as a graduate and as an employer (their personal tokens), with a bounded number
of generated requests each. No response may be a server error, and every response must match
what the schema documents for its status code."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from pytest_django import DjangoDbBlocker
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from accounts.models import User
from accounts.token_services import api_token_create
from employers.models import Employer
from matching.models import MatchRun
from matching.services import match_run_request
from skills.models import Skill
from tests.factories import (
    ApplicationFactory,
    EducationRecordFactory,
    EmployerMemberFactory,
    GraduateProfileFactory,
    GraduateSkillFactory,
    JobPostingFactory,
    PostingSkillFactory,
    SkillFactory,
)

MAX_EXAMPLES = 10
CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"mode": "positive", "max-examples": MAX_EXAMPLES, "database": "none"},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)


def _live_schema() -> dict[str, Any]:
    """What GET /api/schema/ serves (the same generator, rendered the same way), built without a
    request: at collection time the test database is not open yet. A test holds the two equal."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


LIVE = _live_schema()
schema = schemathesis.openapi.from_dict(LIVE, config=CONFIG).exclude(
    # Revoking the very token the run authenticates with would leave only 401s to test.
    method="DELETE",
    path="/api/v1/accounts/tokens/{id}/",
)
schema.app = get_wsgi_application()  # requests go in-process, on the test database
schema.location = "/api/schema/"


@pytest.mark.django_db
def test_served_schema_is_the_one_tested(client: Any) -> None:
    served = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    assert served == LIVE


@pytest.fixture(scope="module")
def _connections_stay_open() -> Iterator[None]:
    """The WSGI handler closes "old" database connections at each request's start and end; in a
    test that runs inside a transaction that would close the test's own connection (PostgreSQL
    then answers "the connection is closed"). Django's test client unhooks the same signals."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def api_world(
    _connections_stay_open: None,
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    loaded_visa_rules: Any,
) -> Iterator[dict[str, str]]:
    """Personas with real rows to find (postings with skills, applications, education, a match
    run), committed once for the module and removed at its end; returns each persona's key."""
    with django_db_blocker.unblock():
        graduate = GraduateProfileFactory()
        other = GraduateProfileFactory(nationality="ID")
        member = EmployerMemberFactory()
        skill = SkillFactory(name="Schemathesis skill")
        GraduateSkillFactory(profile=graduate, skill=skill, level=4)
        EducationRecordFactory(profile=graduate)
        for _ in range(3):
            posting = JobPostingFactory(employer=member.employer)
            PostingSkillFactory(posting=posting, skill=skill, min_level=2)
        ApplicationFactory(graduate=graduate, posting=posting)
        ApplicationFactory(graduate=other, posting=posting)
        match_run_request()  # outside a transaction: the run happens right away, in-process
        keys = {
            "graduate": api_token_create(user=graduate.user, name="schemathesis").key,
            "employer": api_token_create(user=member.user, name="schemathesis").key,
        }
    yield keys
    with django_db_blocker.unblock():
        MatchRun.objects.all().delete()
        Employer.objects.filter(pk=member.employer_id).delete()
        User.objects.filter(pk__in=[graduate.user_id, other.user_id, member.user_id]).delete()
        Skill.objects.filter(pk=skill.pk).delete()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["graduate", "employer"])
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_the_api_conforms_to_its_schema_and_never_fails(
    case: Any, persona: str, api_world: dict[str, str]
) -> None:
    case.call_and_validate(
        # Called in-process (WSGI), nothing inflates a gzip body as an HTTP client would: ask
        # for the plain answer (tests/core/test_compression.py covers the compressed one).
        headers={"Authorization": f"Bearer {api_world[persona]}", "Accept-Encoding": "identity"},
        checks=[not_a_server_error, response_schema_conformance],
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_visa_rules")
def test_visa_sources_are_uris(client: Any) -> None:
    """Every source URL the visa guidance returns is a URI (ASCII), as its schema says."""
    body = {"person": {"nationality": "VN", "age": 26, "education_level": "bachelor"},
            "as_of": "2026-03-01"}  # fmt: skip
    response = client.post("/api/v1/visas/evaluate/", json.dumps(body), "application/json")
    urls = [s["url"] for p in response.json()["pathways"] for s in p["sources"] if s["url"]]
    assert urls and all(url.isascii() for url in urls), [u for u in urls if not u.isascii()]
    assert any("%" in url for url in urls), "the Korean-path sources are percent-encoded"
