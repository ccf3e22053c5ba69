"""The skills analytics through the API: staff, and approved partners whose token has the
`analytics:read` scope, read the page's rows (aggregates only); others are refused."""

import pytest
from rest_framework.test import APIClient

from analytics.selectors import GapFilters, skill_gaps
from analytics.services import skills_summary_compute
from partners.services import partner_approve
from tests.analytics.world import analytics_world
from tests.factories import PartnerFactory
from tests.partners.test_partner_api import _api, _token

pytestmark = pytest.mark.django_db
PARTNER = "/api/v1/partner/analytics/skills/"
STAFF = "/api/v1/staff/analytics/skills/"


@pytest.fixture
def computed():
    analytics_world()
    skills_summary_compute()


def _partner_api(staff, scope: str = "") -> APIClient:
    partner = PartnerFactory()
    status, body = _token(partner_approve(partner=partner, by=staff), scope=scope)
    assert status == 200, body
    return _api(body["access_token"])


def test_a_partner_reads_the_same_rows_as_the_page(staff, computed):
    answer = _partner_api(staff).get(PARTNER, {"country": "ID"})
    assert answer.status_code == 200, answer.json()
    rows = answer.json()["results"]
    expected = skill_gaps(filters=GapFilters(country="ID"))
    assert [(r["name"], r["openings"], r["qualified"], r["gap"]) for r in rows] == [
        (g.name, g.openings, g.qualified, g.gap) for g in expected
    ]
    assert {r["qualified"] for r in rows} <= {0} | set(range(10, 10_000))
    assert set(rows[0]) == {
        "subject_id", "name", "group", "postings", "openings", "level_asked", "qualified", "gap",
    }  # fmt: skip


def test_categories_and_bad_filters(staff, computed):
    api = _partner_api(staff)
    names = [r["name"] for r in api.get(PARTNER, {"by": "category"}).json()["results"]]
    assert sorted(names) == ["Semiconductors", "Software"]
    refused = api.get(PARTNER, {"country": "KR", "week": "monday"})
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"country", "week"}


def test_without_the_scope_a_partner_is_refused(staff, computed):
    assert _partner_api(staff, scope="graduates:read").get(PARTNER).status_code == 403


def test_staff_read_it_and_others_do_not(staff, graduate, computed):
    api = APIClient()
    api.force_authenticate(staff)
    assert len(api.get(STAFF).json()["results"]) == 3
    api.force_authenticate(graduate)
    assert api.get(STAFF).status_code == 403
    assert APIClient().get(PARTNER).status_code == 401
