"""An interview ends with its application: withdrawing or rejecting cancels a proposed or booked
interview in the same transaction (a booked time leaves both calendars), and nobody is
reminded of it afterwards. Moving along the pipeline keeps it. The calendar file, which the
company's members get too, carries no address of the candidate's."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from interviews.models import InterviewStatus
from interviews.services import interview_book, interview_calendar, interview_reminders_send
from jobs.models import ApplicationStatus
from jobs.services import application_move, application_withdraw
from matching.models import MatchingChange
from notifications.models import EmailDelivery, Notification
from notifications.services import email_render
from tests.interviews.helpers import proposed, scene

pytestmark = pytest.mark.django_db


def _booked():
    s = scene()
    interview = proposed(s)
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)
    interview.refresh_from_db()
    return s, interview


def test_withdrawing_cancels_the_booked_interview_and_takes_it_out_of_the_calendars():
    s, interview = _booked()
    start = interview.slots.first().starts_at

    application_withdraw(application=s.application, by=s.graduate)

    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED
    assert interview.cancelled_by == "graduate" and "withdrew" in interview.cancel_reason
    told = Notification.objects.filter(kind="interview_cancelled").values_list("user", flat=True)
    assert set(told) == {s.graduate.pk, s.member.pk}
    delivery = EmailDelivery.objects.get(key__contains=":cancelled:", user=s.member)
    calendars = [a for a in email_render(delivery).attachments if "calendar" in str(a)]
    assert calendars, "the cancellation carries the calendar update"
    assert interview_reminders_send(now=start - timedelta(hours=23)) == 0


def test_rejecting_cancels_a_proposed_interview():
    s = scene()
    interview = proposed(s)
    application_move(
        application=s.application, to_status=ApplicationStatus.REJECTED, by=s.member,
        rejection_reason="We chose a candidate with more etch experience.",
    )  # fmt: skip
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED and interview.cancelled_by == "employer"


def test_moving_along_the_pipeline_keeps_the_interview():
    s, interview = _booked()
    application_move(application=s.application, to_status=ApplicationStatus.SCREENING, by=s.member)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.BOOKED


def test_matching_is_not_told_of_application_moves():
    s = scene()
    MatchingChange.objects.all().delete()
    application_move(application=s.application, to_status=ApplicationStatus.SCREENING, by=s.member)
    assert not MatchingChange.objects.exists()


def test_the_calendar_names_no_address_of_the_candidate():
    s, interview = _booked()
    text = interview_calendar(interview)
    event = Calendar.from_ical(text).walk("VEVENT")[0]
    assert event.get("attendee") is None
    assert s.graduate.email not in text.replace("\r\n ", "")  # lines unfolded
