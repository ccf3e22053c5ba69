"""Full runs and incremental updates through the database (tasks in-process)."""

import random
from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from jobs.services import posting_set_status, posting_skills_set
from matching.models import GraduateMatchList, MatchingChange, MatchRun, PostingMatchList
from matching.selectors import (
    CandidateFilters,
    candidates_for_posting,
    matches_for_graduate,
)
from matching.services import match_run_request, matching_changes_apply
from profiles.services import graduate_preferences_update, graduate_skills_set
from tests import factories
from tests.matching.market import assert_stored_lists_are_exact, build_market, expected_run
from training.selectors import explanation_with_courses

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    return build_market(settings)


def test_full_run_in_blocks_stores_both_sides_exactly(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_request()
    run.refresh_from_db()
    assert run.status == "succeeded" and run.is_current
    assert run.blocks_total == run.blocks_done == 5
    assert run.graduates_count == 30 and run.postings_count == 10
    assert GraduateMatchList.objects.filter(run=run).count() == 30
    assert_stored_lists_are_exact(visible=4)


def test_a_second_run_replaces_the_first_atomically(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = match_run_request()
    with django_capture_on_commit_callbacks(execute=True):
        second = match_run_request()
    assert MatchRun.objects.filter(is_current=True).get() == second
    assert not MatchRun.objects.filter(pk=first.pk).exists()
    assert not GraduateMatchList.objects.exclude(run=second).exists()


def test_nothing_is_enqueued_before_the_edit_commits(world, django_capture_on_commit_callbacks):
    profile = world["graduates"][0]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        graduate_skills_set(profile=profile, levels={world["skills"][0].pk: 5})
    assert MatchingChange.objects.filter(kind="graduate", entity_id=profile.pk).exists()
    # After the commit only: one job for the outbox, and a new version of the facts pages keep
    assert len(callbacks) == 2


def test_repeated_edits_collapse_into_one_outbox_row(world):
    profile = world["graduates"][0]
    for level in (1, 2, 3):
        graduate_skills_set(profile=profile, levels={world["skills"][0].pk: level})
    assert MatchingChange.objects.filter(kind="graduate", entity_id=profile.pk).count() == 1


def test_random_edits_applied_incrementally_equal_a_full_recompute(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    rng = random.Random(11)
    skills = world["skills"]
    for step in range(25):
        with django_capture_on_commit_callbacks(execute=True):
            kind = rng.randrange(4)
            if kind == 0:
                profile = rng.choice(world["graduates"])
                levels = {s.pk: rng.randint(1, 5) for s in rng.sample(skills, rng.randint(0, 6))}
                graduate_skills_set(profile=profile, levels=levels)
            elif kind == 1:
                profile = rng.choice(world["graduates"])
                graduate_preferences_update(
                    profile=profile,
                    topik_level=rng.randint(0, 6),
                    visibility=rng.choice(["discoverable", "applied_only"]),
                )
            elif kind == 2:
                posting = rng.choice(world["postings"])
                rows = [
                    (s.pk, "required", rng.randint(1, 5), rng.choice([0.5, 1.0, 2.0]))
                    for s in rng.sample(skills, rng.randint(1, 5))
                ]
                posting_skills_set(posting=posting, skills=rows)
            else:
                posting = rng.choice(world["postings"])
                posting_set_status(posting=posting, status=rng.choice(["open", "closed"]))
        assert not MatchingChange.objects.filter(applied_at__isnull=True).exists(), step
        assert_stored_lists_are_exact(visible=4)


def test_apply_without_a_current_run_does_nothing(world):
    graduate_skills_set(profile=world["graduates"][0], levels={world["skills"][0].pk: 3})
    assert matching_changes_apply().applied == 0


def test_page_selectors_use_a_constant_number_of_queries(
    world, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    graduate = next(
        g for g in world["graduates"] if GraduateMatchList.objects.get(graduate=g).length
    )
    with django_assert_num_queries(3):
        matches = matches_for_graduate(graduate=graduate)
    assert matches and matches[0].match.rank == 1
    assert [m.match.score for m in matches] == sorted(
        (m.match.score for m in matches), reverse=True
    )
    posting = next(p for p in world["postings"] if PostingMatchList.objects.get(posting=p).length)
    with django_assert_num_queries(3):
        candidates = candidates_for_posting(posting=posting)
    assert candidates
    by_fit = candidates_for_posting(posting=posting, filters=CandidateFilters(order_by="fit"))
    assert [c.match.fit for c in by_fit] == sorted((c.match.fit for c in by_fit), reverse=True)
    top = candidates[0].match.score
    above = candidates_for_posting(posting=posting, filters=CandidateFilters(min_score=top))
    assert all(c.match.score >= top for c in above) and len(above) >= 1
    assert np.isfinite(top)


def test_pair_explanation_adds_up_and_offers_courses_for_gaps(world):
    posting = world["postings"][0]
    graduate = world["graduates"][0]
    gap = posting.skills.first()
    graduate.skills.filter(skill=gap.skill).delete()
    course = factories.CourseFactory(hours=40)
    factories.CourseSkillFactory(course=course, skill=gap.skill, level_reached=5)
    explanation = explanation_with_courses(graduate=graduate, posting=posting)
    terms = [*explanation.skills, *explanation.needs]
    assert abs(sum(t.contribution for t in terms) - explanation.fit) < 1e-12
    missing = next(t for t in explanation.skills if t.skill_id == gap.skill_id)
    assert missing.status == "missing"
    assert [c.course_id for c in missing.courses] == [course.pk]
    assert explanation.gap_summary.score_if_gaps_closed >= explanation.score
    expected = expected_run()
    row = list(expected.graduates.owner_ids).index(graduate.pk)
    scores = {i: s for i, s, _f, _p in expected.graduates.entries(row)}
    if posting.pk in scores:
        assert explanation.score == scores[posting.pk]


def test_staff_start_a_full_run_from_the_admin(
    world, staff_client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    url = reverse("admin:matching_matchrun_run_now")
    assert staff_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    assert response.status_code == 302
    run = MatchRun.objects.get()
    assert run.status == "succeeded" and run.requested_by is not None
    page = staff_client.get(reverse("admin:matching_matchrun_changelist"))
    assert b"Start a full recompute now" in page.content


def test_graduates_cannot_start_a_run(world, graduate_client):
    from django.urls import reverse

    response = graduate_client.post(reverse("admin:matching_matchrun_run_now"))
    assert response.status_code == 302  # to the admin login
    assert not MatchRun.objects.exists()


def test_a_block_that_dies_midway_leaves_nothing_and_is_redone(world, monkeypatch):
    from matching import services
    from matching.services import runs

    run = MatchRun.objects.create()
    services.match_run_start(run=run)
    real = runs._save_partial

    def crash(lists):
        raise SystemExit("worker killed")  # after the lists were written, before the commit

    monkeypatch.setattr(runs, "_save_partial", crash)
    with pytest.raises(SystemExit):
        services.match_run_block(run=run, number=0)
    assert not GraduateMatchList.objects.filter(run=run).exists()
    assert not run.blocks.get(number=0).done

    monkeypatch.setattr(runs, "_save_partial", real)
    # The dead worker's claim on the block runs out (MATCHING_BLOCK_LEASE); then it is redone.
    run.blocks.update(claimed_at=timezone.now() - timedelta(hours=1))
    for block in run.blocks.order_by("number"):
        services.match_run_block(run=run, number=block.number)
    # A redelivery changes nothing; it only says that every block is done (the merge is due).
    assert services.match_run_block(run=run, number=0) is True
    services.match_run_finish(run=MatchRun.objects.get(pk=run.pk))
    assert_stored_lists_are_exact(visible=4)


def test_an_update_that_dies_midway_is_applied_by_the_next_job(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from matching.services import changes

    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    profile = world["graduates"][3]
    graduate_skills_set(profile=profile, levels={s.pk: 5 for s in world["skills"][:4]})

    def crash(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(changes, "_store_changed", crash)
    with pytest.raises(SystemExit):
        matching_changes_apply()
    assert MatchingChange.objects.get(entity_id=profile.pk).applied_at is None
    monkeypatch.undo()
    assert matching_changes_apply().applied == 1
    assert_stored_lists_are_exact(visible=4)


def test_more_fields_of_study_than_64_run_and_update_exactly(
    world, django_capture_on_commit_callbacks
):
    """Staff may add every ISCED-F field there is: full runs and updates keep working."""
    from profiles.models import FieldOfStudy

    fields = [FieldOfStudy.objects.create(code=f"{900 + n}", name=f"Field {n}") for n in range(80)]
    for n, profile in enumerate(world["graduates"]):
        factories.EducationRecordFactory(profile=profile, field_of_study=fields[n % 80])
        factories.EducationRecordFactory(profile=profile, field_of_study=fields[(n + 70) % 80])
    for n, posting in enumerate(world["postings"]):
        posting.accepted_fields.set(fields[(7 * n) % 80 : (7 * n) % 80 + 9])
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_request()
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert_stored_lists_are_exact(visible=4)
    profile = world["graduates"][5]
    factories.EducationRecordFactory(profile=profile, field_of_study=fields[-1])
    graduate_skills_set(profile=profile, levels={s.pk: 5 for s in world["skills"][:6]})
    assert matching_changes_apply().applied == 1
    assert_stored_lists_are_exact(visible=4)
