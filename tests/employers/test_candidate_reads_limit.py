"""A member reads at most CANDIDATE_READS_MAX profiles and CVs in CANDIDATE_READS_WINDOW
seconds, on pages and through the API together: a scraper with a stolen session or token gets
429, not every candidate's CV."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def company_and_candidates(settings):  # type: ignore[no-untyped-def]
    settings.CANDIDATE_READS_MAX = 5
    member = factories.EmployerMemberFactory()
    posting = factories.JobPostingFactory(employer=member.employer)
    graduates = [factories.GraduateProfileFactory(visibility="discoverable") for _ in range(4)]
    return member.user, posting, graduates


def test_reads_beyond_the_limit_get_429_on_pages_and_in_the_api(company_and_candidates):
    user, posting, graduates = company_and_candidates
    page, api = Client(), APIClient()
    page.force_login(user)
    api.force_authenticate(user)
    codes = []
    for graduate in graduates:
        codes.append(
            page.get(f"/employer/postings/{posting.pk}/candidates/{graduate.pk}/").status_code
        )
        codes.append(
            api.get(f"/api/v1/employer/postings/{posting.pk}/candidates/{graduate.pk}/").status_code
        )
    assert codes[:5] == [200] * 5
    assert set(codes[5:]) == {429}
    response = api.get(f"/api/v1/employer/postings/{posting.pk}/candidates/{graduates[0].pk}/")
    assert response.json()["error"]["code"] == "throttled" and int(response["Retry-After"]) > 0
    blocked = page.get(f"/employer/postings/{posting.pk}/candidates/{graduates[0].pk}/")
    assert blocked.status_code == 429 and "too many" in blocked.content.decode().lower()


def test_another_member_is_not_held_back(company_and_candidates):
    user, posting, graduates = company_and_candidates
    colleague = factories.EmployerMemberFactory(employer=posting.employer).user
    page = Client()
    page.force_login(user)
    for _ in range(6):
        page.get(f"/employer/postings/{posting.pk}/candidates/{graduates[0].pk}/")
    other = Client()
    other.force_login(colleague)
    assert (
        other.get(f"/employer/postings/{posting.pk}/candidates/{graduates[0].pk}/").status_code
        == 200
    )
