"""Replaying impressions into interview-rate@K, mutual-success@K, view- and apply-rate@K: the pure
metric on plain data, the selector on a hand-built history (bulk reads, constant queries) and the
command's output."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from employers.models import CandidateAccess
from jobs.models import Application, ApplicationStatusChange, PostingInvitation
from matching.models import Impression, Outcome
from matching.outcome_metrics import PairEvents, Shown, first_exposures, outcome_reports
from matching.selectors import outcome_history
from tests import factories

DAY = datetime.timedelta(days=1)
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
LATER = T0 + 400 * DAY


# --- the pure metric --------------------------------------------------------------------------


def _shown(at, items, offset=0, viewer=1, graduate=100, kind="graduate_matches"):
    return Shown(kind, viewer, at, offset, tuple((graduate, p) for p in items), False)


def test_a_pair_counts_from_its_first_impression_in_the_top_k():
    shown = [
        _shown(T0, [1, 2, 3]),
        _shown(T0 + 5 * DAY, [3, 1]),  # posting 3 now at position 1
    ]
    at_2 = first_exposures(shown, 2)["graduate_matches"]
    assert set(at_2) == {(1, 100, 1), (1, 100, 2), (1, 100, 3)}
    assert at_2[(1, 100, 1)].first_at == T0  # seen again later: the first impression counts
    assert at_2[(1, 100, 3)].first_at == T0 + 5 * DAY  # first in the top 2 on day 5
    assert set(first_exposures(shown, 1)["graduate_matches"]) == {(1, 100, 1), (1, 100, 3)}


def test_positions_follow_the_page_offset():
    shown = [_shown(T0, [7, 8, 9], offset=20)]  # positions 21, 22, 23
    assert first_exposures(shown, 20)["graduate_matches"] == {}
    assert set(first_exposures(shown, 22)["graduate_matches"]) == {(1, 100, 7), (1, 100, 8)}


def test_rates_by_hand_with_an_interview_outside_the_window_and_an_item_at_k_plus_one():
    shown = [_shown(T0, [1, 2, 3]), _shown(T0 + 20 * DAY, [2, 1])]
    events = {
        # position 1: viewed, applied, interviewed, all in the window
        (100, 1): PairEvents(
            graduate_viewed=[T0 + DAY], applied=[T0 + 2 * DAY], interviewed=[T0 + 10 * DAY]
        ),
        # position 2: applied, but the interview comes 40 days after the first impression
        # (within 30 days of the later one, which does not restart the window)
        (100, 2): PairEvents(applied=[T0 + 3 * DAY], interviewed=[T0 + 40 * DAY]),
        # position 3 = K + 1 for K = 2: everything happened, and it must not count at K = 2
        (100, 3): PairEvents(graduate_viewed=[T0], applied=[T0 + DAY], interviewed=[T0 + 5 * DAY]),
    }
    (report,) = outcome_reports(shown=shown, events=events, ks=[3, 2], window_days=30, as_of=LATER)
    assert (report.list_kind, report.impressions, report.pairs) == ("graduate_matches", 2, 3)
    at_2, at_3 = report.by_k
    assert (at_2.k, at_2.pairs, at_2.viewed, at_2.applied, at_2.interviewed, at_2.mutual) == (
        2, 2, 1, 2, 1, 1,
    )  # fmt: skip
    assert at_2.rate(at_2.interviewed) == 0.5 and at_2.rate(at_2.mutual) == 0.5
    assert (at_3.pairs, at_3.interviewed, at_3.mutual) == (3, 2, 2)
    assert at_3.open_windows == 0


def test_events_before_the_impression_or_after_the_window_do_not_count():
    shown = [_shown(T0, [1])]
    events = {(100, 1): PairEvents(applied=[T0 - DAY], interviewed=[T0 + 30 * DAY + 1 * DAY])}
    (report,) = outcome_reports(shown=shown, events=events, ks=[1], window_days=30, as_of=LATER)
    (row,) = report.by_k
    assert (row.applied, row.interviewed, row.mutual) == (0, 0, 0)
    edge = {(100, 1): PairEvents(applied=[T0], interviewed=[T0 + 30 * DAY])}
    (report,) = outcome_reports(shown=shown, events=edge, ks=[1], window_days=30, as_of=LATER)
    assert report.by_k[0].mutual == 1  # both ends of the window are inside it


def test_candidate_lists_need_the_employer_to_invite_or_advance_and_the_graduate_to_apply():
    shown = [
        Shown("candidates", 5, T0, 0, ((100, 9), (101, 9), (102, 9)), employer_side=True),
    ]
    events = {
        (100, 9): PairEvents(employer_viewed=[T0], invited=[T0 + DAY], applied=[T0 + 2 * DAY]),
        (101, 9): PairEvents(applied=[T0 + DAY], advanced=[T0 + 2 * DAY]),
        (102, 9): PairEvents(invited=[T0 + DAY], graduate_viewed=[T0 + DAY]),
    }
    (report,) = outcome_reports(shown=shown, events=events, ks=[3], window_days=30, as_of=LATER)
    (row,) = report.by_k
    assert (row.viewed, row.applied, row.interviewed, row.mutual) == (1, 2, 0, 2)


def test_no_pairs_give_no_rate_and_recent_windows_are_counted_open():
    shown = [_shown(T0, [1])]
    (report,) = outcome_reports(shown=shown, events={}, ks=[1], window_days=30, as_of=T0 + DAY)
    assert report.by_k[0].open_windows == 1
    assert report.by_k[0].rate(0) == 0.0
    assert outcome_reports(shown=[], events={}, ks=[5], window_days=30, as_of=LATER) == []
    (report,) = outcome_reports(
        shown=[_shown(T0, [1], offset=10)], events={}, ks=[5], window_days=30, as_of=LATER
    )
    assert report.by_k[0].pairs == 0 and report.by_k[0].rate(0) is None


# --- the selector and the command on a hand-built history -------------------------------------


def _at(model, pk, **when):
    model.objects.filter(pk=pk).update(**when)


def _history(graduate_user, employer_user, second_graduate):
    """The dashboard shows P1, P2, P3 on day 0 (and P2, P1 again on day 20); the employer's
    candidate list for P1 shows the graduate then a second one. Events as in the pure test:
    P1 viewed, applied, screening, interview; P2 applied, interview on day 40 (outside the
    window); P3 at position 3 applied and interviewed. The employer opened the graduate's page
    and invited the second graduate, who never applied."""
    profile = graduate_user.graduate_profile
    company = employer_user.employer_membership.employer
    p1, p2, p3 = (factories.JobPostingFactory(employer=company) for _ in range(3))
    for when, items in ((T0, [p1, p2, p3]), (T0 + 20 * DAY, [p2, p1])):
        Impression.objects.create(
            user=graduate_user,
            list_kind="graduate_matches",
            subject_id=profile.pk,
            item_ids=[p.pk for p in items],
            shown_at=when,
        )
    Impression.objects.create(
        user=employer_user,
        list_kind="candidates",
        subject_id=p1.pk,
        item_ids=[profile.pk, second_graduate.pk],
        shown_at=T0,
    )
    Outcome.objects.create(user=graduate_user, graduate=profile, posting=p1, at=T0 + DAY)
    access = CandidateAccess.objects.create(
        employer=company, viewer=employer_user, graduate=profile, kind="profile", posting=p1
    )
    _at(CandidateAccess, access.pk, accessed_at=T0 + 2 * DAY)
    invitation = PostingInvitation.objects.create(posting=p1, graduate=second_graduate)
    _at(PostingInvitation, invitation.pk, created_at=T0 + DAY)
    moves = {
        p1: [(2, ""), (3, "screening"), (10, "interview")],
        p2: [(3, ""), (40, "interview")],
        p3: [(1, ""), (5, "interview")],
    }
    for posting, steps in moves.items():
        application = factories.ApplicationFactory(graduate=profile, posting=posting)
        _at(Application, application.pk, created_at=T0 + steps[0][0] * DAY)
        for days, status in steps[1:]:
            ApplicationStatusChange.objects.create(
                application=application, to_status=status, changed_at=T0 + days * DAY
            )
    return p1, p2, p3


@pytest.fixture
def history(db, graduate, employer, other_graduate):
    return _history(graduate, employer, other_graduate.graduate_profile)


def test_the_selector_reads_the_history_in_a_constant_number_of_queries(
    history, graduate, employer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        found = outcome_history(window_days=30)
    p1, p2, _p3 = history
    graduate_id = graduate.graduate_profile.pk
    assert [s.list_kind for s in found.shown] == [
        "graduate_matches",
        "candidates",
        "graduate_matches",
    ]
    assert found.shown[1].pairs[0] == (graduate_id, p1.pk) and found.shown[1].employer_side
    pair = found.events[(graduate_id, p1.pk)]
    assert pair.graduate_viewed == [T0 + DAY] and pair.employer_viewed == [T0 + 2 * DAY]
    assert pair.applied == [T0 + 2 * DAY]
    assert pair.advanced == [T0 + 3 * DAY, T0 + 10 * DAY] and pair.interviewed == [T0 + 10 * DAY]
    assert found.events[(graduate_id, p2.pk)].interviewed == [T0 + 40 * DAY]
    for _ in range(5):  # more rows, the same queries
        _history(
            factories.GraduateProfileFactory().user,
            factories.EmployerMemberFactory().user,
            factories.GraduateProfileFactory(),
        )
    with django_assert_max_num_queries(6):
        assert len(outcome_history(window_days=30).shown) == 18


def test_the_selector_keeps_to_the_dates_asked(history, graduate):
    p1, p2, p3 = history
    graduate_id = graduate.graduate_profile.pk
    found = outcome_history(since=T0 + 2 * DAY, until=T0 + 30 * DAY, window_days=5)
    assert [s.shown_at for s in found.shown] == [T0 + 20 * DAY]
    assert found.events[(graduate_id, p1.pk)].applied == [T0 + 2 * DAY]  # `since` is included
    assert found.events[(graduate_id, p1.pk)].graduate_viewed == []  # day 1: before `since`
    assert found.events.get((graduate_id, p3.pk), PairEvents()).applied == []
    assert found.events[(graduate_id, p2.pk)].interviewed == []  # day 40 is past until + 5


def _row(output: str, title: str, k: int) -> list[str]:
    section = output.split(title, 1)[1]
    for line in section.splitlines():
        if line.split() and line.split()[0] == str(k):
            return line.split()
    raise AssertionError(f"no row for K={k} under {title}")


def test_the_command_prints_the_figures_computed_by_hand(history):
    out = StringIO()
    call_command("matching_outcomes_replay", "--k", "1,2,3", "--window-days", "30", stdout=out)
    text = out.getvalue()
    assert "Graduate's matches on the dashboard: 2 impressions, 3 distinct pairs" in text
    assert "Employer's candidate list: 1 impressions, 2 distinct pairs" in text
    # K, pairs, view-rate, apply-rate, interview-rate, mutual-success, open windows
    dashboard_2 = _row(text, "Graduate's matches on the dashboard", 2)
    assert dashboard_2 == [
        "2",
        "2",
        "50.0%",
        "(1)",
        "100.0%",
        "(2)",
        "50.0%",
        "(1)",
        "50.0%",
        "(1)",
        "0",
    ]
    dashboard_3 = _row(text, "Graduate's matches on the dashboard", 3)
    assert dashboard_3[6:10] == ["66.7%", "(2)", "66.7%", "(2)"]
    candidates_2 = _row(text, "Employer's candidate list", 2)
    # the graduate: opened, applied, advanced and interviewed; the invited one never applied
    assert candidates_2 == [
        "2",
        "2",
        "50.0%",
        "(1)",
        "50.0%",
        "(1)",
        "50.0%",
        "(1)",
        "50.0%",
        "(1)",
        "0",
    ]


def test_the_command_says_so_when_there_is_nothing_to_replay(history):
    out = StringIO()
    call_command("matching_outcomes_replay", "--since", "2030-01-01", stdout=out)
    assert (
        out.getvalue().strip()
        == "No impressions logged from 2030-01-01 to the last: nothing to replay."
    )


def test_the_command_filters_by_day_and_rejects_bad_input(history):
    out = StringIO()
    day = (T0 + 20 * DAY).date().isoformat()
    call_command("matching_outcomes_replay", "--since", day, "--until", day, stdout=out)
    assert "1 impressions, 2 distinct pairs" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("matching_outcomes_replay", "--k", "0,5")
    with pytest.raises(CommandError):
        call_command("matching_outcomes_replay", "--since", "yesterday")


def test_windows_still_open_are_reported(db, graduate):
    Impression.objects.create(
        user=graduate,
        list_kind="job_search",
        subject_id=graduate.graduate_profile.pk,
        item_ids=[1],
        shown_at=timezone.now(),
    )
    out = StringIO()
    call_command("matching_outcomes_replay", "--k", "1", stdout=out)
    assert _row(out.getvalue(), "Job search results", 1)[-1] == "1"
