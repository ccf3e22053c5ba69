"""One rule for a public posting: open, employer verified, not past its deadline (the deadline
day itself counts). Every surface that shows, counts, matches or accepts applications agrees."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobs.models import JobPosting, PostingStatus
from jobs.services import ApplicationRefused, application_submit
from matching.selectors import posting_facts
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings() -> dict[str, JobPosting]:
    today = timezone.localdate()
    return {
        "no deadline": factories.JobPostingFactory(title="No deadline"),
        "due today": factories.JobPostingFactory(title="Due today", deadline=today),
        "past deadline": factories.JobPostingFactory(
            title="Past deadline", deadline=today - datetime.timedelta(days=1)
        ),
        "closed": factories.JobPostingFactory(title="Closed", status=PostingStatus.CLOSED),
        "unverified": factories.JobPostingFactory(
            title="Unverified employer", employer__unverified=True
        ),
    }


PUBLIC = {"no deadline", "due today"}


def _names(postings: dict[str, JobPosting], ids: set[int]) -> set[str]:
    return {name for name, posting in postings.items() if posting.pk in ids}


def test_the_queryset_and_the_instance_agree(postings: dict[str, JobPosting]) -> None:
    found = set(JobPosting.objects.public().values_list("pk", flat=True))
    assert _names(postings, found) == PUBLIC
    assert {name for name, posting in postings.items() if posting.is_public} == PUBLIC


def test_job_search_lists_only_public_postings(
    client: Client, postings: dict[str, JobPosting]
) -> None:
    page = client.get(reverse("jobs:list"))
    listed = {card.posting_id for card in page.context["cards"]}
    assert _names(postings, listed) == PUBLIC
    api = client.get("/api/v1/postings/").json()
    assert _names(postings, {row["id"] for row in api["results"]}) == PUBLIC


def test_a_posting_past_its_deadline_has_no_public_page(
    client: Client, postings: dict[str, JobPosting]
) -> None:
    assert client.get(reverse("jobs:detail", args=[postings["due today"].pk])).status_code == 200
    past = postings["past deadline"].pk
    assert client.get(reverse("jobs:detail", args=[past])).status_code == 404
    assert client.get(f"/api/v1/postings/{past}/").status_code == 404


def test_the_home_page_counts_only_public_postings(
    client: Client, postings: dict[str, JobPosting]
) -> None:
    assert client.get(reverse("home")).context["figures"].open_postings == len(PUBLIC)


def test_matching_scores_only_public_postings(postings: dict[str, JobPosting]) -> None:
    assert _names(postings, {p.id for p in posting_facts()}) == PUBLIC


def test_applying_after_the_deadline_is_refused(postings: dict[str, JobPosting]) -> None:
    graduate = factories.ApplicantFactory()
    with pytest.raises(ApplicationRefused):
        application_submit(graduate=graduate, posting=postings["past deadline"], cover_letter="")
    applied = application_submit(graduate=graduate, posting=postings["due today"], cover_letter="")
    assert applied.posting == postings["due today"]
