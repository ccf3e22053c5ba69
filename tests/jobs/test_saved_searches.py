"""Saved jobs and saved searches (services), and the searches' alerts: they run the same
filters as the search page, never tell of a posting twice for the same search, cover the
postings published since the last alert (daily, weekly), and instant ones go out when a posting
is published."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.choices import AlertFrequency
from jobs.models import PostingStatus, SavedJob, SavedSearch, SavedSearchAlert
from jobs.services import (
    MAX_SAVED_SEARCHES,
    posting_publish,
    saved_job_add,
    saved_job_remove,
    saved_search_alerts_for_posting,
    saved_search_alerts_send,
    saved_search_create,
    saved_search_update,
)
from jobs.tasks import saved_search_alerts_daily_task, saved_search_alerts_weekly_task
from notifications.models import EmailDelivery, Notification
from tests import factories

pytestmark = pytest.mark.django_db

# A fixed clock: Tuesday 2 June 2026, 09:00 in Seoul.
T0 = datetime.datetime(2026, 6, 2, 0, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def profile(graduate):
    return graduate.graduate_profile


def _search(profile, at=T0, **kwargs):
    with time_machine.travel(at, tick=False):
        return saved_search_create(graduate=profile, **kwargs)


def _posting(at, **kwargs):
    return factories.JobPostingFactory(published_at=at, **kwargs)


def _alerts(user):
    return list(Notification.objects.filter(user=user, kind="saved_search_alert"))


# --- saved jobs ------------------------------------------------------------------------------


def test_saving_a_job_twice_keeps_one_and_removing_forgets_it(profile):
    posting = factories.JobPostingFactory()

    saved_job_add(graduate=profile, posting=posting)
    saved_job_add(graduate=profile, posting=posting)

    assert SavedJob.objects.filter(graduate=profile).count() == 1
    assert saved_job_remove(graduate=profile, posting_id=posting.pk) is True
    assert saved_job_remove(graduate=profile, posting_id=posting.pk) is False


def test_a_draft_or_closed_posting_cannot_be_saved(profile):
    for status in (PostingStatus.DRAFT, PostingStatus.CLOSED):
        with pytest.raises(ValidationError):
            saved_job_add(graduate=profile, posting=factories.JobPostingFactory(status=status))
    assert not SavedJob.objects.exists()


# --- saved searches --------------------------------------------------------------------------


def test_a_saved_search_keeps_only_the_search_filters_and_is_named_after_them(profile):
    search = _search(
        profile,
        params={"q": "  etch   engineer ", "region": "gyeonggi", "sort": "match", "page": "3",
                "sponsorship": "true", "industry": ""},
    )  # fmt: skip

    assert search.filters == {"q": "etch engineer", "region": "gyeonggi", "sponsorship": "on"}
    assert search.frequency == AlertFrequency.DAILY
    assert "etch engineer" in search.name and "Gyeonggi" in search.name


def test_a_salary_of_zero_is_kept_as_the_filter_it_is(profile):
    """A posting with no salary given is not found by "pays at least 0": the search page and
    its saved search's alerts must agree (0 == False in Python, so it was dropped)."""
    assert _search(profile, params={"salary": "0"}).filters == {"salary": "0"}


@pytest.mark.parametrize(
    "params", [{"region": "atlantis"}, {"salary": "-5"}, {"topik": "9"}, {"job_type": "pirate"}]
)
def test_filters_the_search_would_refuse_are_refused(profile, params):
    with pytest.raises(ValidationError):
        _search(profile, params=params)
    assert not SavedSearch.objects.exists()


def test_the_same_search_twice_is_refused_and_the_number_is_limited(profile):
    _search(profile, params={"q": "etch"})
    with pytest.raises(ValidationError, match="already saved"):
        _search(profile, params={"q": "etch", "sort": "date"})
    for n in range(MAX_SAVED_SEARCHES - 1):
        _search(profile, params={"q": f"word{n}"})
    with pytest.raises(ValidationError, match="up to"):
        _search(profile, params={"q": "one more"})


def test_an_unknown_frequency_is_refused(profile):
    with pytest.raises(ValidationError):
        _search(profile, params={}, frequency="hourly")


# --- daily and weekly alerts -----------------------------------------------------------------


def test_a_daily_alert_tells_of_fitting_postings_published_since_the_search_was_saved(
    graduate, profile, mailoutbox, django_capture_on_commit_callbacks
):
    search = _search(profile, params={"region": "busan"})
    before = _posting(T0 - datetime.timedelta(hours=1), region="busan")
    fits = _posting(T0 + datetime.timedelta(hours=3), region="busan", title="Busan etch lead")
    _posting(T0 + datetime.timedelta(hours=4), region="gyeonggi")  # another region
    _posting(T0 + datetime.timedelta(hours=5), region="busan", status=PostingStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        assert saved_search_alerts_send(frequency="daily", now=T0 + DAY) == 1

    (alert,) = _alerts(graduate)
    assert [p["title"] for p in alert.params["postings"]] == [fits.title]
    assert alert.params["search_name"] == search.name
    assert "region=busan" in alert.url
    assert set(SavedSearchAlert.objects.values_list("posting_id", flat=True)) == {fits.pk}
    assert not SavedSearchAlert.objects.filter(posting=before).exists()
    (message,) = mailoutbox
    assert fits.title in message.body and "/graduate/alerts/" in message.body
    assert "/graduate/alerts/stop/" in message.body


def test_a_posting_is_never_told_twice_for_the_same_search(graduate, profile):
    _search(profile, params={"region": "busan"})
    _posting(T0 + datetime.timedelta(hours=3), region="busan")

    assert saved_search_alerts_send(frequency="daily", now=T0 + DAY) == 1
    assert saved_search_alerts_send(frequency="daily", now=T0 + DAY) == 0
    # Even when the window is moved back over it (a beat run late), no repeat: only the new one.
    SavedSearch.objects.update(alerts_from=T0)
    later = _posting(T0 + DAY + datetime.timedelta(hours=2), region="busan")
    assert saved_search_alerts_send(frequency="daily", now=T0 + 2 * DAY) == 1
    assert saved_search_alerts_send(frequency="daily", now=T0 + 2 * DAY) == 0

    first, second = sorted(_alerts(graduate), key=lambda n: n.pk)
    assert second.params["count"] == 1 and second.params["postings"][0]["title"] == later.title
    assert first.key != second.key


def test_each_search_has_its_own_alert_and_other_frequencies_wait_their_turn(
    graduate, other_graduate, profile
):
    _search(profile, params={"region": "busan"}, name="Busan")
    _search(profile, params={"q": "etch"}, name="Etch", frequency="weekly")
    _search(other_graduate.graduate_profile, params={}, frequency="off")
    _posting(T0 + datetime.timedelta(hours=3), region="busan", title="Etch engineer")

    assert saved_search_alerts_send(frequency="daily", now=T0 + DAY) == 1
    assert [n.params["search_name"] for n in _alerts(graduate)] == ["Busan"]
    assert saved_search_alerts_send(frequency="weekly", now=T0 + 7 * DAY) == 1
    assert sorted(n.params["search_name"] for n in _alerts(graduate)) == ["Busan", "Etch"]
    assert _alerts(other_graduate) == []


def test_a_weekly_alert_covers_the_week_in_one_message(graduate, profile):
    _search(profile, params={"q": "etch"}, frequency="weekly")
    monday = _posting(T0 + DAY, title="Etch engineer A")
    friday = _posting(T0 + 4 * DAY, title="Etch engineer B")

    assert saved_search_alerts_send(frequency="weekly", now=T0 + 7 * DAY) == 1

    (alert,) = _alerts(graduate)
    assert [p["title"] for p in alert.params["postings"]] == [friday.title, monday.title]


def test_alerts_turned_back_on_cover_what_is_published_from_then_on(graduate, profile):
    search = _search(profile, params={"q": "etch"}, frequency="off")
    _posting(T0 + DAY, title="Etch engineer while off")
    assert saved_search_alerts_send(frequency="daily", now=T0 + 2 * DAY) == 0

    with time_machine.travel(T0 + 2 * DAY, tick=False):
        saved_search_update(search=search, frequency="daily")
    new = _posting(T0 + 2 * DAY + datetime.timedelta(hours=1), title="Etch engineer after")

    assert saved_search_alerts_send(frequency="daily", now=T0 + 3 * DAY) == 1
    (alert,) = _alerts(graduate)
    assert [p["title"] for p in alert.params["postings"]] == [new.title]


def test_a_search_whose_filters_no_longer_validate_sends_nothing(graduate, profile):
    search = _search(profile, params={"region": "busan"})
    SavedSearch.objects.filter(pk=search.pk).update(filters={"region": "atlantis"})
    _posting(T0 + datetime.timedelta(hours=3), region="busan")

    assert saved_search_alerts_send(frequency="daily", now=T0 + DAY) == 0
    assert _alerts(graduate) == []


def test_an_inactive_graduate_gets_no_alert(graduate, profile):
    _search(profile, params={})
    _posting(T0 + datetime.timedelta(hours=3))
    graduate.is_active = False
    graduate.save()

    assert saved_search_alerts_send(frequency="daily", now=T0 + DAY) == 0


def test_the_daily_and_weekly_tasks_run_their_frequency(graduate, profile):
    _search(profile, params={}, name="Daily")
    _search(profile, params={"q": "engineer"}, name="Weekly", frequency="weekly")
    with time_machine.travel(T0 + datetime.timedelta(hours=3), tick=False):
        _posting(timezone.now(), title="Process engineer")
    with time_machine.travel(T0 + DAY, tick=False):
        saved_search_alerts_daily_task.delay()
    assert [n.params["search_name"] for n in _alerts(graduate)] == ["Daily"]
    with time_machine.travel(T0 + 7 * DAY, tick=False):
        saved_search_alerts_weekly_task.delay()
    assert sorted(n.params["search_name"] for n in _alerts(graduate)) == ["Daily", "Weekly"]


# --- instant alerts --------------------------------------------------------------------------


def test_publishing_a_posting_queues_the_instant_alerts_after_commit(
    graduate, profile, employer, django_capture_on_commit_callbacks
):
    _search(profile, params={"q": "etch", "region": "busan"}, frequency="instant")
    _search(profile, params={"region": "jeju"}, frequency="instant", name="Jeju")
    _search(profile, params={"q": "etch"}, frequency="daily", name="Daily etch")
    company = employer.employer_membership.employer
    draft = factories.JobPostingFactory(
        employer=company, status=PostingStatus.DRAFT, published_at=None, region="busan",
        title="Etch engineer, Busan fab",
    )  # fmt: skip
    factories.PostingSkillFactory(posting=draft)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        posting_publish(posting=draft)
    assert _alerts(graduate) == []  # nothing before the commit
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    (alert,) = _alerts(graduate)
    assert alert.params["postings"][0]["title"] == draft.title
    busan = SavedSearch.objects.get(frequency="instant", filters__region="busan")
    assert alert.key == f"saved-search:{busan.pk}:posting:{draft.pk}"
    assert EmailDelivery.objects.filter(key=alert.key).exists()


def test_an_instant_alert_is_sent_once_even_when_the_posting_is_reopened(graduate, profile):
    _search(profile, params={}, frequency="instant")
    with time_machine.travel(T0 + DAY, tick=False):
        posting = _posting(timezone.now())

    assert saved_search_alerts_for_posting(posting_id=posting.pk) == 1
    assert saved_search_alerts_for_posting(posting_id=posting.pk) == 0
    assert len(_alerts(graduate)) == 1
    # and the daily run does not tell of it again after a switch to daily
    SavedSearch.objects.update(frequency="daily")
    assert saved_search_alerts_send(frequency="daily", now=T0 + 2 * DAY) == 0


def test_an_instant_search_ignores_postings_published_before_it_was_saved(graduate, profile):
    posting = _posting(T0 - DAY)
    _search(profile, params={}, frequency="instant")

    assert saved_search_alerts_for_posting(posting_id=posting.pk) == 0


def test_a_posting_not_public_sends_no_instant_alert(graduate, profile):
    _search(profile, params={}, frequency="instant")
    with time_machine.travel(T0 + DAY, tick=False):
        closed = _posting(timezone.now(), status=PostingStatus.CLOSED)

    assert saved_search_alerts_for_posting(posting_id=closed.pk) == 0
