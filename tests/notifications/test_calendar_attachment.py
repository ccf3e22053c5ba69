"""An e-mail whose delivery carries a calendar invitation (`ics` in its context) is sent with
it attached as text/calendar with the iTIP method; other e-mails carry no attachment."""

import pytest

from notifications.models import EmailDelivery
from notifications.services import email_render

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n"


def _delivery(**context: object) -> EmailDelivery:
    return EmailDelivery.objects.create(
        key=f"k-{len(context)}",
        to_email="lan@example.com",
        template="interview",
        context={"kind": "interview_cancelled", "params": {"posting_title": "Etch"}, **context},
    )


def test_the_calendar_is_attached_with_its_method():
    message = email_render(_delivery(ics=ICS, ics_method="CANCEL"))

    [part] = message.attachments
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "CANCEL"
    assert part.get_filename() == "invite.ics"
    assert part.get_payload(decode=True).decode() == ICS
    assert "invite.ics" in message.body


def test_an_e_mail_without_a_calendar_has_no_attachment():
    message = email_render(_delivery())
    assert message.attachments == []
    assert "invite.ics" not in message.body
