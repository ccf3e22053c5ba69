"""Matching through a real `celery worker` process on Redis and PostgreSQL."""

import time

import pytest

from matching.models import GraduateMatchList, MatchingChange, MatchRun, MatchRunBlock
from matching.services import match_run_request
from profiles.services import graduate_skills_set
from tests import factories


def _wait_for(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_full_run_and_an_edit_go_through_the_worker(celery_worker_process):
    skills = factories.SkillFactory.create_batch(4)
    posting = factories.JobPostingFactory()
    for skill in skills[:3]:
        factories.PostingSkillFactory(posting=posting, skill=skill, min_level=2)
    graduates = [factories.GraduateProfileFactory() for _ in range(12)]
    for n, profile in enumerate(graduates):
        factories.GraduateSkillFactory(profile=profile, skill=skills[n % 3], level=1 + n % 5)

    run = match_run_request()
    assert _wait_for(lambda: MatchRun.objects.get(pk=run.pk).status in {"succeeded", "failed"})
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert run.blocks_total == 3  # 12 graduates in blocks of 5 (set for the worker in conftest)
    assert MatchRunBlock.objects.filter(run=run, done=True).count() == 3
    assert GraduateMatchList.objects.filter(run=run).count() == 12

    newcomer = graduates[0]
    graduate_skills_set(profile=newcomer, levels={s.pk: 5 for s in skills[:3]})
    assert _wait_for(
        lambda: MatchingChange.objects.filter(
            entity_id=newcomer.pk, applied_at__isnull=False
        ).exists()
    )
    best = GraduateMatchList.objects.get(run=run, graduate=newcomer).decoded()
    assert int(best[0]["id"]) == posting.pk
    assert float(best[0]["fit"]) == pytest.approx(1.0)
