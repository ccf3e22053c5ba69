"""The calendar invitation of an interview (RFC 5545, iTIP methods REQUEST and CANCEL).

One event per interview: UID from `Interview.uid` (never changes), SEQUENCE from
`Interview.sequence` (up by one on every change sent), times in UTC ('Z'). Written with the
icalendar package.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

REQUEST, CANCEL = "REQUEST", "CANCEL"
PRODID = "-//Talent Bridge//Interviews//EN"


def interview_ics(
    *,
    uid: str,
    sequence: int,
    method: str,
    starts_at: datetime,
    duration_minutes: int,
    summary: str,
    description: str,
    location: str,
    organizer_email: str,
    organizer_name: str,
    attendee_email: str = "",
    attendee_name: str = "",
    video_link: str = "",
) -> str:
    """The .ics text of one interview event; `method` is REQUEST (new or changed) or CANCEL."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{uid}@{_domain()}")
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    start = starts_at.astimezone(UTC)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=duration_minutes))
    event.add("summary", summary)
    event.add("description", description)
    if location:
        event.add("location", location)
    if video_link:
        event.add("url", video_link)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{organizer_email}")
    organizer.params["cn"] = vText(organizer_name)
    event.add("organizer", organizer)
    if attendee_email:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        attendee.params["cn"] = vText(attendee_name or attendee_email)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def _domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ")
    return sender or "talentbridge.example"
