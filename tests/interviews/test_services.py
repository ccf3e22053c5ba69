"""Scheduling an interview: Korea time in, UTC stored; booking once, even twice at a time;
reschedule and cancel with calendar versions; reminders sent once."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from icalendar import Calendar

from core.timezones import moment_in_zone, zone_for_country
from interviews.models import Interview, InterviewStatus
from interviews.services import (
    interview_book,
    interview_calendar,
    interview_cancel,
    interview_reminders_send,
    interview_reschedule,
    interview_slots_check,
)
from jobs.models import Application
from notifications.models import EmailDelivery, Notification
from notifications.services import email_render
from notifications.texts import notification_text
from profiles.services import graduate_time_zone_set
from tests import factories
from tests.interviews.helpers import SEOUL, Scene, kst, proposed, scene

pytestmark = pytest.mark.django_db


def test_times_entered_in_korea_are_stored_in_utc():
    s = scene()
    interview = proposed(s, kst(3, 10), kst(3, 14, 30))

    stored = [slot.starts_at.astimezone(UTC) for slot in interview.slots.all()]
    assert [t.hour for t in stored] == [1, 5]  # KST is UTC+9
    assert stored[1].minute == 30


def test_the_graduates_zone_comes_from_their_country_and_can_be_changed():
    profile = factories.GraduateProfileFactory(nationality="VN", current_country="")
    assert profile.effective_time_zone == "Asia/Ho_Chi_Minh"
    profile.current_country = "ID"
    assert profile.effective_time_zone == "Asia/Jakarta"
    graduate_time_zone_set(profile=profile, time_zone="Australia/Sydney")
    profile.refresh_from_db()
    assert profile.effective_time_zone == "Australia/Sydney"
    with pytest.raises(ValidationError):
        graduate_time_zone_set(profile=profile, time_zone="Mars/Olympus_Mons")
    profile.refresh_from_db()
    assert profile.time_zone == "Australia/Sydney"
    assert zone_for_country("TL") == "Asia/Dili" and zone_for_country("MM") == "Asia/Yangon"


def test_a_time_is_written_in_the_readers_zone_with_korea_time_beside_it():
    moment = datetime(2027, 3, 9, 10, 0, tzinfo=SEOUL)
    assert moment_in_zone(moment, "Asia/Ho_Chi_Minh") == (
        "Tue 9 Mar, 08:00 in Ho Chi Minh City (10:00 in Seoul)"
    )


def test_zoneinfo_follows_daylight_saving_time_where_a_zone_has_it():
    # Sydney is UTC+11 in January (summer time) and UTC+10 in July; Seoul has no DST.
    january = datetime(2027, 1, 12, 10, 0, tzinfo=SEOUL)
    july = datetime(2027, 7, 13, 10, 0, tzinfo=SEOUL)
    assert "12:00 in Sydney" in moment_in_zone(january, "Australia/Sydney")
    assert "11:00 in Sydney" in moment_in_zone(july, "Australia/Sydney")


@pytest.mark.parametrize(
    ("times", "message"),
    [
        (lambda: [kst(-1, 10)], "has already passed"),
        (lambda: [kst(91, 10)], "more than 90 days"),
        (lambda: [kst(3, 10), kst(3, 10)], "given twice"),
        (lambda: [], "between 1 and 5"),
        (lambda: [kst(d, 10) for d in range(1, 7)], "between 1 and 5"),
    ],
)
def test_bad_times_are_refused_with_a_clear_message(times, message):
    with pytest.raises(ValidationError) as refused:
        interview_slots_check(slots=times())
    assert any(message in m for m in refused.value.message_dict["slots"])


def test_only_the_companys_members_propose_and_one_interview_at_a_time():
    s = scene()
    stranger = factories.EmployerMemberFactory().user
    with pytest.raises(PermissionDenied):
        proposed(Scene(s.application, stranger, s.graduate))
    proposed(s)
    with pytest.raises(ValidationError, match="already has an interview"):
        proposed(s)


def test_a_video_link_must_be_https():
    with pytest.raises(ValidationError) as refused:
        proposed(scene(), video_link="http://meet.example.com/x")
    assert "video_link" in refused.value.message_dict


def test_booking_notifies_both_sides_with_a_calendar_invitation():
    s = scene()
    interview = proposed(s)
    slot = interview.slots.all()[1]

    booked = interview_book(interview=interview, slot_id=slot.pk, by=s.graduate)

    assert booked.status == InterviewStatus.BOOKED and booked.sequence == 1
    kinds = set(Notification.objects.filter(kind="interview_booked").values_list("user", flat=True))
    assert kinds == {s.graduate.pk, s.member.pk}
    delivery = EmailDelivery.objects.get(key__contains=":booked:", user=s.graduate)
    message = email_render(delivery)
    calendars = [a for a in message.attachments if "calendar" in a.get_content_type()]
    assert calendars and calendars[0].get_param("method") == "REQUEST"
    event = Calendar.from_ical(calendars[0].get_payload(decode=True)).walk("VEVENT")[0]
    assert event.decoded("dtstart") == slot.starts_at
    assert event.decoded("dtstart").tzinfo is not None
    assert "https://meet.example.com/abc" in str(event["description"])


def test_booking_twice_is_idempotent_and_another_slot_is_refused():
    s = scene()
    interview = proposed(s)
    first, second = interview.slots.all()
    interview_book(interview=interview, slot_id=first.pk, by=s.graduate)
    again = interview_book(interview=interview, slot_id=first.pk, by=s.graduate)
    assert again.sequence == 1
    assert Notification.objects.filter(kind="interview_booked").count() == 2
    with pytest.raises(ValidationError):
        interview_book(interview=interview, slot_id=second.pk, by=s.graduate)


def test_a_closed_application_cannot_book_its_interview():
    s = scene()
    interview = proposed(s)
    Application.objects.filter(pk=s.application.pk).update(status="withdrawn")
    with pytest.raises(ValidationError, match="cannot be booked"):
        interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)


def test_another_graduate_cannot_book():
    s = scene()
    interview = proposed(s)
    with pytest.raises(PermissionDenied):
        interview_book(
            interview=interview, slot_id=interview.slots.first().pk,
            by=factories.GraduateProfileFactory().user,
        )  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_bookings_at_once_book_one_slot():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises writers itself)")
    s = scene()
    interview = proposed(s)
    first, second = interview.slots.all()
    results: list[str] = []

    def book(slot_id: int) -> None:
        try:
            interview_book(interview=interview, slot_id=slot_id, by=s.graduate)
            results.append("booked")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(pk,)) for pk in (first.pk, second.pk)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["booked", "refused"]
    assert Interview.objects.get(pk=interview.pk).sequence == 1


def test_reschedule_sends_the_booked_time_out_of_the_calendars_and_asks_again():
    s = scene()
    interview = proposed(s)
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)

    again = interview_reschedule(interview=interview, by=s.member, slots=[kst(10, 9)])

    assert again.status == InterviewStatus.PROPOSED and again.sequence == 2
    assert [slot.starts_at for slot in again.slots.all()] == [kst(10, 9)]
    told = Notification.objects.filter(kind="interview_rescheduled")
    assert set(told.values_list("user", flat=True)) == {s.graduate.pk, s.member.pk}
    delivery = EmailDelivery.objects.get(key__contains=":interview_rescheduled:", user=s.graduate)
    assert "METHOD:CANCEL" in delivery.context["ics"]


def test_cancel_by_the_graduate_with_a_reason_sends_a_cancellation():
    s = scene()
    interview = proposed(s)
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)

    cancelled = interview_cancel(interview=interview, by=s.graduate, reason="I took another offer")
    interview_cancel(interview=interview, by=s.graduate)

    assert cancelled.status == InterviewStatus.CANCELLED and cancelled.cancelled_by == "graduate"
    ics = Calendar.from_ical(interview_calendar(cancelled))
    assert ics["method"] == "CANCEL" and ics.walk("VEVENT")[0]["sequence"] == 2
    assert Notification.objects.filter(kind="interview_cancelled").count() == 2
    # a new interview may follow a cancelled one
    proposed(s)


def test_reminders_go_24_hours_and_1_hour_before_each_once():
    s = scene()
    interview = proposed(s, kst(2, 10))
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)
    start = interview.slots.first().starts_at

    assert interview_reminders_send(now=start - timedelta(hours=30)) == 0
    assert interview_reminders_send(now=start - timedelta(hours=23)) == 2
    assert interview_reminders_send(now=start - timedelta(hours=22)) == 0
    assert interview_reminders_send(now=start - timedelta(minutes=50)) == 2
    assert interview_reminders_send(now=start - timedelta(minutes=10)) == 0
    assert interview_reminders_send(now=start + timedelta(minutes=1)) == 0
    assert Notification.objects.filter(kind="interview_reminder").count() == 4


def test_the_booking_news_shows_each_reader_their_own_zone():
    s = scene()
    interview = proposed(s, kst(5, 10))
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)

    graduate_news = Notification.objects.get(kind="interview_booked", user=s.graduate)
    member_news = Notification.objects.get(kind="interview_booked", user=s.member)
    graduate_title = notification_text(graduate_news.kind, graduate_news.params).title
    member_title = notification_text(member_news.kind, member_news.params).title
    assert "08:00 in Ho Chi Minh City (10:00 in Seoul)" in graduate_title
    assert "10:00 in Seoul (KST)" in member_title
