"""The public postings change feed (`postings/changes/`): every posting ever published, oldest
change first, drafts never; closed, expired or withdrawn-company postings stay in it unlisted,
so a copy elsewhere can take them down."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from employers.models import VerificationStatus
from jobs.models import JobPosting, PostingStatus
from jobs.services import posting_set_status
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db
FEED = "/api/v1/postings/changes/"


def _feed(**query: str) -> list[dict]:
    answer = APIClient().get(FEED, query)
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]


def test_published_postings_in_change_order_drafts_never():
    first, second = JobPostingFactory(), JobPostingFactory()
    JobPostingFactory(status=PostingStatus.DRAFT, published_at=None)
    seen = _feed()
    assert [p["id"] for p in seen] == [first.pk, second.pk]
    assert all(p["listed"] and p["status"] == "open" for p in seen)


def test_a_closed_posting_comes_again_unlisted_after_updated_since():
    posting = JobPostingFactory()
    JobPosting.objects.filter(pk=posting.pk).update(updated_at=timezone.now() - timedelta(days=2))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert _feed(updated_since=since) == []
    posting_set_status(posting=posting, status=PostingStatus.CLOSED)
    [item] = _feed(updated_since=since)
    assert (item["id"], item["status"], item["listed"]) == (posting.pk, "closed", False)


def test_expired_and_unverified_company_postings_are_unlisted():
    expired = JobPostingFactory(deadline=timezone.localdate() - timedelta(days=1))
    withdrawn = JobPostingFactory()
    withdrawn.employer.verification_status = VerificationStatus.REJECTED
    withdrawn.employer.save()
    listed = {p["id"]: p["listed"] for p in _feed()}
    assert listed == {expired.pk: False, withdrawn.pk: False}


def test_a_bad_updated_since_is_a_clear_400():
    answer = APIClient().get(FEED, {"updated_since": "yesterday"})
    assert answer.status_code == 400
    assert "updated_since" in str(answer.json())
