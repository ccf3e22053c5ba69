"""Interviews are the graduate's personal data: in their export, gone with their account, and
the calendar file leaves the employer's e-mail records once the graduate is forgotten."""

from datetime import UTC

import pytest

from interviews.models import Interview, InterviewSlot
from interviews.services import interview_book
from jobs.services import application_withdraw
from notifications.models import EmailDelivery, Notification
from portal.account.selectors import user_data_export
from profiles.services import graduate_account_delete
from tests.interviews.helpers import kst, proposed, scene

pytestmark = pytest.mark.django_db


def test_the_graduates_export_lists_their_interviews():
    s = scene()
    interview = proposed(s, kst(3, 10), note="Bring your portfolio")
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)

    exported = user_data_export(user=s.graduate)["interviews"]

    assert exported[0]["status"] == "booked" and exported[0]["note"] == "Bring your portfolio"
    assert exported[0]["booked_time"] == kst(3, 10).astimezone(UTC).isoformat()


def test_deleting_the_account_deletes_the_interviews_and_the_calendar_in_e_mails():
    s = scene()
    interview = proposed(s)
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)
    to_member = EmailDelivery.objects.get(key__contains=":booked:", user=s.member)
    assert "ics" in to_member.context

    graduate_account_delete(user=s.graduate)

    assert not Interview.objects.exists() and not InterviewSlot.objects.exists()
    to_member.refresh_from_db()
    assert "ics" not in to_member.context
    assert to_member.context["params"]["graduate_name"] == ""


def test_a_withdrawal_takes_the_name_out_of_the_companys_interview_news():
    s = scene()
    interview = proposed(s)
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=s.graduate)

    application_withdraw(application=s.application, by=s.graduate)

    news = Notification.objects.get(kind="interview_booked", user=s.member)
    assert news.params["graduate_name"] == ""
    to_member = EmailDelivery.objects.get(key__contains=":booked:", user=s.member)
    assert to_member.context["params"]["graduate_name"] == "" and "ics" not in to_member.context
