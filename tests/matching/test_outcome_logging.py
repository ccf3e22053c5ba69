"""Logging impressions (ranked lists shown) and job-page views: what each page logs, with which
positions; one INSERT per page view; nothing for anonymous visitors; a failure never breaks the
page; the export, the account deletion and the retention period."""

import datetime
import json
import logging

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from employers.models import CandidateAccess
from matching.models import Impression, ListKind, MatchingChange, Outcome
from matching.selectors import current_run
from matching.services import (
    impression_record,
    impressions_prune,
    match_digests_send,
    match_run_request,
    outcome_record,
)
from matching.tasks import matching_impressions_prune_task
from profiles.services import graduate_account_delete
from tests import factories

pytestmark = pytest.mark.django_db


def _inserts(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith("INSERT")]


@pytest.fixture
def run_matching(django_capture_on_commit_callbacks):
    def run() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            match_run_request()

    return run


@pytest.fixture
def market(graduate, employer, run_matching):
    """Three postings of the employer's company that the `graduate` persona fits, best first
    (the graduate holds both skills of the first, one of two of the others), matched."""
    company = employer.employer_membership.employer
    profile = graduate.graduate_profile
    skill_a, skill_b = factories.SkillFactory(), factories.SkillFactory()
    for skill in (skill_a, skill_b):
        factories.GraduateSkillFactory(profile=profile, skill=skill, level=4)
    postings = []
    for n in range(3):
        posting = factories.JobPostingFactory(employer=company, title=f"Etch engineer {n}")
        factories.PostingSkillFactory(posting=posting, skill=skill_a)
        factories.PostingSkillFactory(
            posting=posting, skill=skill_b if n == 0 else factories.SkillFactory()
        )
        postings.append(posting)
    run_matching()
    return postings


# --- the services ---------------------------------------------------------------------------


def test_an_impression_keeps_the_items_in_order_with_the_offset(graduate):
    profile = graduate.graduate_profile
    impression = impression_record(
        user=graduate,
        list_kind=ListKind.JOB_SEARCH,
        subject_id=profile.pk,
        item_ids=[30, 10, 20],
        offset=20,
    )
    stored = Impression.objects.get()
    assert stored == impression
    assert (stored.user, stored.subject_id, stored.item_ids, stored.offset) == (
        graduate,
        profile.pk,
        [30, 10, 20],
        20,
    )
    assert stored.run_id is None and stored.shown_at is not None


def test_nothing_is_logged_for_anonymous_visitors_or_empty_lists(graduate):
    assert impression_record(user=None, list_kind="job_search", subject_id=1, item_ids=[1]) is None
    assert (
        impression_record(user=graduate, list_kind="job_search", subject_id=1, item_ids=[]) is None
    )
    posting = factories.JobPostingFactory()
    assert outcome_record(user=None, graduate=None, posting=posting) is None
    assert outcome_record(user=graduate, graduate=None, posting=posting) is None
    assert not Impression.objects.exists() and not Outcome.objects.exists()


def test_a_failed_insert_is_logged_and_not_raised(graduate, caplog):
    with caplog.at_level(logging.ERROR, logger="matching.services.outcomes"):
        # An unknown list kind breaks the table's check constraint: a real database error.
        assert (
            impression_record(user=graduate, list_kind="nonsense", subject_id=1, item_ids=[1])
            is None
        )
    assert "Could not log an impression" in caplog.text
    assert not Impression.objects.exists()
    assert User.objects.filter(pk=graduate.pk).exists()  # the transaction is still usable


# --- the pages ------------------------------------------------------------------------------


def test_the_dashboard_logs_the_matches_it_shows_in_one_insert(graduate, graduate_client, market):
    with CaptureQueriesContext(connection) as queries:
        page = graduate_client.get(reverse("graduate:dashboard"))
    assert page.status_code == 200
    shown = [row.posting.pk for row in page.context["matches"]]
    assert shown[0] == market[0].pk and len(shown) == 3
    impression = Impression.objects.get()
    assert impression.list_kind == ListKind.GRADUATE_MATCHES
    assert impression.subject_id == graduate.graduate_profile.pk
    assert impression.item_ids == shown and impression.offset == 0
    run = current_run()
    assert (impression.run_id, impression.run_version) == (run.pk, run.results_version)
    assert len(_inserts(queries)) == 1


def test_the_dashboard_poll_logs_only_the_settled_list(graduate, graduate_client, market):
    url = reverse("graduate:dashboard_matches")
    pending = MatchingChange.objects.create(
        kind="graduate", entity_id=graduate.graduate_profile.pk, requested_at=timezone.now()
    )
    graduate_client.get(url)
    graduate_client.get(url)
    assert not Impression.objects.exists()
    pending.delete()
    graduate_client.get(url)
    assert Impression.objects.count() == 1


def test_page_two_of_job_search_logs_its_postings_with_the_offset(graduate, graduate_client):
    company = factories.EmployerFactory()
    factories.JobPostingFactory.create_batch(23, employer=company)
    page = graduate_client.get(reverse("jobs:list"), {"page": 2})
    shown = [card.posting_id for card in page.context["cards"]]
    assert len(shown) == 3
    impression = Impression.objects.get()
    assert impression.list_kind == ListKind.JOB_SEARCH
    assert impression.item_ids == shown and impression.offset == 20  # positions 21, 22, 23


def test_job_search_sorted_by_match_names_the_run(graduate, graduate_client, market):
    graduate_client.get(reverse("jobs:list"), {"sort": "match"})
    impression = Impression.objects.get()
    assert impression.item_ids[0] == market[0].pk
    assert impression.run_id == current_run().pk


def test_anonymous_and_employer_searches_are_not_logged(client: Client, employer_client):
    factories.JobPostingFactory()
    assert client.get(reverse("jobs:list")).status_code == 200
    assert employer_client.get(reverse("jobs:list")).status_code == 200
    assert not Impression.objects.exists()


def test_a_graduate_opening_a_job_page_is_one_view(graduate, graduate_client, client):
    posting = factories.JobPostingFactory()
    url = reverse("jobs:detail", args=[posting.pk])
    with CaptureQueriesContext(connection) as queries:
        assert graduate_client.get(url).status_code == 200
    assert len(_inserts(queries)) == 1
    view = Outcome.objects.get()
    assert (view.user, view.graduate, view.posting, view.kind) == (
        graduate,
        graduate.graduate_profile,
        posting,
        "viewed",
    )
    assert client.get(url).status_code == 200  # anonymous: nothing more
    assert Outcome.objects.count() == 1


def test_the_candidate_list_logs_the_graduates_it_shows(employer, employer_client, market):
    posting = market[0]
    page = employer_client.get(reverse("employer:candidate_list", args=[posting.pk]))
    shown = [candidate.graduate.pk for candidate, _ in page.context["rows"]]
    assert shown
    impression = Impression.objects.get()
    assert (impression.user, impression.list_kind, impression.subject_id) == (
        employer,
        ListKind.CANDIDATES,
        posting.pk,
    )
    assert impression.item_ids == shown


def test_opening_a_candidate_writes_only_the_access_log(employer_client, graduate, market):
    url = reverse("employer:candidate_detail", args=[market[0].pk, graduate.graduate_profile.pk])
    with CaptureQueriesContext(connection) as queries:
        assert employer_client.get(url).status_code == 200
    assert len(_inserts(queries)) == 1  # the replay reads the employer's view from this row
    assert CandidateAccess.objects.filter(kind="profile", posting=market[0]).count() == 1
    assert not Outcome.objects.exists()


def _break_logging(monkeypatch):
    """Every logging INSERT fails with a real database error (a table that does not exist)."""

    def broken(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(Impression.objects, "create", broken)
    monkeypatch.setattr(Outcome.objects, "create", broken)


def test_pages_still_render_when_logging_fails(
    monkeypatch, caplog, graduate_client, employer_client, market
):
    _break_logging(monkeypatch)
    urls = [
        (graduate_client, reverse("graduate:dashboard")),
        (graduate_client, reverse("jobs:list")),
        (graduate_client, reverse("jobs:detail", args=[market[0].pk])),
        (employer_client, reverse("employer:candidate_list", args=[market[0].pk])),
    ]
    with caplog.at_level(logging.ERROR, logger="matching.services.outcomes"):
        for client, url in urls:
            page = client.get(url)
            assert page.status_code == 200, url
    assert caplog.text.count("Could not log") == 4
    assert not Impression.objects.exists() and not Outcome.objects.exists()


# --- the digest -----------------------------------------------------------------------------


def test_each_digest_sent_is_one_impression_and_a_second_run_logs_nothing(
    graduate, employer, run_matching, django_capture_on_commit_callbacks
):
    company = employer.employer_membership.employer
    yesterday = timezone.now() - datetime.timedelta(days=1)
    skill = factories.SkillFactory()
    factories.GraduateSkillFactory(profile=graduate.graduate_profile, skill=skill, level=5)
    postings = [
        factories.JobPostingFactory(employer=company, published_at=yesterday) for _ in range(2)
    ]
    for posting in postings:
        factories.PostingSkillFactory(posting=posting, skill=skill, min_level=2)
    run_matching()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert match_digests_send(day=today, min_score=0.1) == 1
        match_digests_send(day=today, min_score=0.1)
    impression = Impression.objects.get()
    assert impression.list_kind == ListKind.MATCH_DIGEST
    assert (impression.user, impression.subject_id) == (graduate, graduate.graduate_profile.pk)
    assert sorted(impression.item_ids) == sorted(p.pk for p in postings)
    assert impression.run_id == current_run().pk


# --- privacy: export, deletion, retention ---------------------------------------------------


def test_the_export_lists_the_lists_shown_and_the_job_pages_opened(graduate, graduate_client):
    profile = graduate.graduate_profile
    posting = factories.JobPostingFactory(title="Battery cell engineer")
    impression_record(
        user=graduate, list_kind="job_search", subject_id=profile.pk, item_ids=[7, 8], offset=20
    )
    outcome_record(user=graduate, graduate=profile, posting=posting)
    impression_record(
        user=factories.GraduateProfileFactory().user,
        list_kind="job_search",
        subject_id=999,
        item_ids=[1],
    )
    data = json.loads(graduate_client.get(reverse("graduate:account_export")).content)
    (shown,) = data["lists_shown"]
    assert shown["list"] == "Job search results"
    assert (shown["item_ids"], shown["first_position"]) == ([7, 8], 21)
    (viewed,) = data["job_pages_viewed"]
    assert (viewed["posting_id"], viewed["posting"]) == (posting.pk, "Battery cell engineer")


def test_deleting_the_account_deletes_its_impressions_and_views(graduate, employer):
    profile = graduate.graduate_profile
    posting = factories.JobPostingFactory()
    impression_record(
        user=graduate, list_kind="graduate_matches", subject_id=profile.pk, item_ids=[1]
    )
    outcome_record(user=graduate, graduate=profile, posting=posting)
    kept = impression_record(
        user=employer, list_kind="candidates", subject_id=posting.pk, item_ids=[profile.pk]
    )
    graduate_account_delete(user=graduate)
    assert list(Impression.objects.all()) == [kept]  # the employer's own record of their list
    assert not Outcome.objects.exists()


def test_pruning_removes_only_rows_past_the_retention_period(settings, graduate):
    settings.IMPRESSION_RETENTION_DAYS = 30
    profile = graduate.graduate_profile
    posting = factories.JobPostingFactory()
    now = timezone.now()
    for days in (31, 29):
        impression = impression_record(
            user=graduate, list_kind="job_search", subject_id=profile.pk, item_ids=[days]
        )
        Impression.objects.filter(pk=impression.pk).update(
            shown_at=now - datetime.timedelta(days=days)
        )
        view = outcome_record(user=graduate, graduate=profile, posting=posting)
        Outcome.objects.filter(pk=view.pk).update(at=now - datetime.timedelta(days=days))
    assert impressions_prune(now=now) == 2
    assert [i.item_ids for i in Impression.objects.all()] == [[29]]
    assert Outcome.objects.count() == 1
    assert impressions_prune(now=now) == 0


def test_the_prune_task_runs_daily_and_prunes(settings, graduate):
    schedule = settings.CELERY_BEAT_SCHEDULE["matching-impressions-prune"]
    assert schedule["task"] == "matching.tasks.matching_impressions_prune_task"
    old = impression_record(user=graduate, list_kind="job_search", subject_id=1, item_ids=[1])
    Impression.objects.filter(pk=old.pk).update(
        shown_at=timezone.now() - datetime.timedelta(days=401)
    )
    matching_impressions_prune_task.delay()
    assert not Impression.objects.exists()
