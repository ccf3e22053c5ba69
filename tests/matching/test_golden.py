"""The golden set's writes (who may grade, what a grade is, updates) and reads (whom to grade,
in an order blind to the score, and the progress)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from matching.models import GoldenGrade, GradeSource
from matching.selectors import (
    blind_key,
    golden_candidate_ids,
    golden_candidates,
    golden_grades_by_posting,
    golden_progress,
)
from matching.services import GradeEntry, golden_grade_record, golden_grades_record
from tests import factories
from tests.matching.golden_world import golden_world, quick_user, staff_grader

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return golden_world()


@pytest.fixture
def grader():
    return staff_grader("Kim Ji-won")


# --- services ------------------------------------------------------------------------------


def test_a_staff_grader_records_a_grade_with_a_note(world, grader) -> None:
    grade = golden_grade_record(
        posting=world.posting, graduate=world.ranked[0], grader=grader, grade=3, note=" strong "
    )
    assert (grade.grade, grade.note, grade.source, grade.grader) == (
        3,
        "strong",
        "recruiter",
        grader,
    )
    assert grade.get_grade_display() == "Interview first"


@pytest.mark.parametrize("who", ["graduate", "employer", "inactive staff"])
def test_only_active_staff_may_grade(world, who) -> None:
    user = {
        "graduate": lambda: quick_user(),
        "employer": lambda: factories.EmployerMemberFactory().user,
        "inactive staff": lambda: quick_user(Role.STAFF, is_staff=True, is_active=False),
    }[who]()
    with pytest.raises(PermissionDenied):
        golden_grade_record(posting=world.posting, graduate=world.ranked[0], grader=user, grade=2)
    assert not GoldenGrade.objects.exists()


@pytest.mark.parametrize("bad", [-1, 4, 10, True])
def test_a_grade_outside_0_to_3_is_refused_and_nothing_is_written(world, grader, bad) -> None:
    with pytest.raises(ValidationError) as error:
        golden_grade_record(
            posting=world.posting, graduate=world.ranked[0], grader=grader, grade=bad
        )
    assert "grade" in error.value.message_dict
    assert not GoldenGrade.objects.exists()


def test_a_deleted_posting_or_graduate_and_a_long_note_are_refused(world, grader) -> None:
    gone = factories.GraduateProfileFactory()
    gone.delete()
    with pytest.raises(ValidationError, match="graduate does not exist"):
        golden_grade_record(posting=world.posting, graduate=gone, grader=grader, grade=1)
    closed = factories.JobPostingFactory()
    closed.delete()
    with pytest.raises(ValidationError, match="posting does not exist"):
        golden_grade_record(posting=closed, graduate=world.ranked[0], grader=grader, grade=1)
    with pytest.raises(ValidationError) as error:
        golden_grade_record(
            posting=world.posting, graduate=world.ranked[0], grader=grader, grade=1, note="x" * 301
        )
    assert "note" in error.value.message_dict
    assert not GoldenGrade.objects.exists()


def test_grading_again_updates_the_same_row_and_keeps_who_and_when(world, grader) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = golden_grade_record(
            posting=world.posting, graduate=world.ranked[0], grader=grader, grade=1
        )
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        again = golden_grade_record(
            posting=world.posting, graduate=world.ranked[0], grader=grader, grade=2, note="re-read"
        )
    assert again.pk == first.pk and GoldenGrade.objects.count() == 1
    again.refresh_from_db()
    assert (again.grade, again.note, again.grader) == (2, "re-read", grader)
    assert again.created_at == start
    assert again.updated_at == start + timedelta(hours=2)


def test_an_unchanged_grade_leaves_the_row_untouched(world, grader) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        golden_grade_record(posting=world.posting, graduate=world.ranked[0], grader=grader, grade=1)
    with time_machine.travel(start + timedelta(days=1), tick=False):
        golden_grade_record(posting=world.posting, graduate=world.ranked[0], grader=grader, grade=1)
    assert GoldenGrade.objects.get().updated_at == start


def test_several_grades_are_saved_all_or_none(world, grader) -> None:
    entries = [GradeEntry(world.ranked[0], 3), GradeEntry(world.ranked[1], 7)]
    with pytest.raises(ValidationError):
        golden_grades_record(posting=world.posting, grader=grader, entries=entries)
    assert not GoldenGrade.objects.exists()
    entries[1] = GradeEntry(world.ranked[1], 0, "no etch")
    saved = golden_grades_record(posting=world.posting, grader=grader, entries=entries)
    assert [g.grade for g in saved] == [3, 0]


def test_the_database_refuses_a_second_row_per_grader_and_a_grade_out_of_range(
    world, grader
) -> None:
    pair = {"posting": world.posting, "graduate": world.ranked[0], "grader": grader}
    GoldenGrade.objects.create(**pair, grade=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        GoldenGrade.objects.create(**pair, grade=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        GoldenGrade.objects.create(**{**pair, "graduate": world.ranked[1]}, grade=4)


# --- selectors -----------------------------------------------------------------------------


def test_the_candidates_are_the_ranked_few_a_few_unranked_sharing_a_skill_and_the_graded(
    world, grader
) -> None:
    other = staff_grader("Park Min-jun")
    golden_grade_record(posting=world.posting, graduate=world.ranked[7], grader=other, grade=2)
    ids = golden_candidate_ids(posting=world.posting, ranked=5, unranked=2)
    ranked_ids = {g.pk for g in world.ranked}
    assert {g.pk for g in world.ranked[:5]} <= ids
    assert world.ranked[7].pk in ids  # beyond the 5, but already graded by someone
    assert world.ranked[5].pk not in ids and world.ranked[6].pk not in ids
    unranked = ids - ranked_ids
    assert len(unranked) == 2 and unranked <= {g.pk for g in world.sharing}
    assert world.stranger.pk not in ids and world.hidden.pk not in ids
    # The unranked few are the same whoever asks, so that graders overlap.
    assert golden_candidate_ids(posting=world.posting, ranked=5, unranked=2) == ids


def test_the_order_is_blind_to_the_rank_and_the_same_on_every_visit(world, grader) -> None:
    candidates = golden_candidates(posting=world.posting, grader=grader, ranked=8, unranked=0)
    shown = [c.graduate.pk for c in candidates]
    rank_order = [g.pk for g in world.ranked]
    assert sorted(shown) == sorted(rank_order)
    assert shown != rank_order
    assert shown == sorted(
        shown,
        key=lambda gid: blind_key(
            grader_id=grader.pk, posting_id=world.posting.pk, graduate_id=gid
        ),
    )
    again = golden_candidates(posting=world.posting, grader=grader, ranked=8, unranked=0)
    assert [c.graduate.pk for c in again] == shown
    other = golden_candidates(posting=world.posting, grader=staff_grader("Lee"), unranked=0)
    assert [c.graduate.pk for c in other] != shown  # each grader has an order of their own


def test_candidates_carry_the_graders_own_grade_and_profile_facts(world, grader) -> None:
    mine = golden_grade_record(
        posting=world.posting, graduate=world.ranked[0], grader=grader, grade=3
    )
    golden_grade_record(
        posting=world.posting, graduate=world.ranked[1], grader=staff_grader("Lee"), grade=1
    )
    factories.EducationRecordFactory(profile=world.ranked[0])
    by_id = {c.graduate.pk: c for c in golden_candidates(posting=world.posting, grader=grader)}
    assert by_id[world.ranked[0].pk].grade == mine
    assert by_id[world.ranked[1].pk].grade is None  # someone else's grade is not shown
    assert by_id[world.ranked[0].pk].graduate.education.all()[0].level == "bachelor"


def test_progress_counts_graded_candidates_mine_and_the_graders(world, grader) -> None:
    other = staff_grader("Park Min-jun")
    golden_grade_record(posting=world.posting, graduate=world.ranked[0], grader=grader, grade=3)
    golden_grade_record(posting=world.posting, graduate=world.ranked[0], grader=other, grade=2)
    golden_grade_record(posting=world.posting, graduate=world.ranked[1], grader=other, grade=0)
    (progress,) = golden_progress(postings=[world.posting], grader=grader)
    assert (progress.total, progress.graded, progress.mine) == (8 + 3, 2, 1)
    assert progress.graders == ("Kim Ji-won", "Park Min-jun")


def test_grades_for_the_report_come_with_the_stored_order_and_keep_sources_apart(
    world, grader
) -> None:
    golden_grade_record(posting=world.posting, graduate=world.ranked[2], grader=grader, grade=3)
    golden_grade_record(
        posting=world.posting,
        graduate=world.sharing[0],
        grader=grader,
        grade=1,
        source=GradeSource.DEVELOPERS_SEED,
    )
    (entry,) = golden_grades_by_posting(sources=["recruiter"])
    assert entry.grades == {world.ranked[2].pk: {grader.pk: 3}}
    assert entry.engine_order == [g.pk for g in world.ranked]
    (both,) = golden_grades_by_posting(sources=["recruiter", "developers-seed"])
    assert set(both.grades) == {world.ranked[2].pk, world.sharing[0].pk}
    assert golden_grades_by_posting(sources=["recruiter"], posting_id=world.posting.pk + 1) == []
