"""Every public posting's matching facts kept for the pages by a worker
(matching.services.warming): kept under their current version, for longer than a day's key, and
nothing read again that is kept already."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import PostingStatus
from jobs.services import posting_skills_set
from matching import tasks
from matching.selectors import posting_facts, posting_facts_kept
from matching.selectors.kept_facts import POSTING_FACTS_KEPT_SECONDS
from matching.services import public_posting_facts_warm, warming
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings():
    public = factories.JobPostingFactory.create_batch(3)
    for posting in public:
        factories.PostingSkillFactory(posting=posting)
    draft = factories.JobPostingFactory(status=PostingStatus.DRAFT, published_at=None)
    return public, draft


def _queries(read) -> int:
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries)


def test_every_public_postings_facts_are_kept_and_read_by_pages_without_a_query(
    postings, django_assert_num_queries, monkeypatch
):
    public, draft = postings
    monkeypatch.setattr(warming, "KEPT_AT_MOST", 2)  # two chunks
    assert public_posting_facts_warm() == 3
    ids = sorted(p.pk for p in public)
    with django_assert_num_queries(0):
        kept = posting_facts_kept(ids=ids)
    assert kept == posting_facts(ids=ids, only_matchable=False)
    assert _queries(lambda: posting_facts_kept(ids=[draft.pk])) > 0  # a draft is not kept


def test_a_second_pass_reads_only_the_ids_and_a_changed_posting_again(
    postings, django_capture_on_commit_callbacks
):
    public, _draft = postings
    public_posting_facts_warm()
    assert _queries(public_posting_facts_warm) == 1  # the ids; every posting is kept
    skill = factories.SkillFactory()
    with django_capture_on_commit_callbacks(execute=True):
        posting_skills_set(posting=public[1], skills=[(skill.pk, "required", 2, 1.0)])
    assert _queries(public_posting_facts_warm) > 1  # the changed posting is read again
    facts = {f.id: f for f in posting_facts_kept(ids=[public[1].pk])}
    assert skill.pk in {s.skill_id for s in facts[public[1].pk].skills}


def test_postings_facts_are_kept_past_the_day_their_key_names(postings, monkeypatch):
    timeouts: list[int] = []
    set_many = cache.set_many

    def spied(data, timeout=None, **kwargs):
        if any(key.startswith("matching:facts:posting:") for key in data):  # not the versions
            timeouts.append(timeout)
        return set_many(data, timeout, **kwargs)

    monkeypatch.setattr(cache, "set_many", spied)
    public_posting_facts_warm()
    assert timeouts and all(t == POSTING_FACTS_KEPT_SECONDS > 24 * 3600 for t in timeouts)


def test_the_task_runs_hourly_and_keeps_the_facts(postings, django_assert_num_queries):
    schedule = settings.CELERY_BEAT_SCHEDULE["matching-posting-facts-warm"]
    assert schedule["task"] == "matching.tasks.matching_posting_facts_warm_task"
    assert schedule["schedule"].minute == {3} and len(schedule["schedule"].hour) == 24
    tasks.matching_posting_facts_warm_task.delay()
    public, _draft = postings
    with django_assert_num_queries(0):
        posting_facts_kept(ids=[p.pk for p in public])
