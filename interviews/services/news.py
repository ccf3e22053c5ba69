"""What the graduate and the company's members hear about an interview: in the app, by e-mail
with the calendar invitation attached, and the reminders before a booked interview.

Each message has an idempotency key with the interview's calendar `sequence`, so a change is
announced once, and each reminder (24 hours and 1 hour before) is sent once per booking.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.timezones import KOREA
from interviews.ics import CANCEL, REQUEST, interview_ics
from interviews.models import Interview, InterviewMode, InterviewStatus
from notifications.models import Notification
from notifications.services import absolute_url, email_queue, notification_create

REMINDERS = (("1h", timedelta(hours=1)), ("24h", timedelta(hours=24)))


def news_key(interview: Interview) -> str:
    """The start of every key of an interview's news: "interview:<application>:<interview>".
    jobs.services.applicant_news_keys names "interview:<application>:", so the applicant's
    name leaves this news too once the company no longer sees them."""
    return f"interview:{interview.application_id}:{interview.pk}"


def _people(interview: Interview) -> list[tuple[User, str, str]]:
    """(user, their zone, their page) for the graduate and every member of the company."""
    application = interview.application
    graduate = application.graduate
    people = [
        (
            graduate.user,
            graduate.effective_time_zone,
            reverse("graduate:interview", args=[interview.pk]),
        )
    ]
    employer_url = reverse("employer:interview", args=[interview.pk])
    for member in application.posting.employer.members.select_related("user"):
        people.append((member.user, KOREA, employer_url))
    return people


def _params(interview: Interview, zone: str, **extra: Any) -> dict[str, Any]:
    posting = interview.application.posting
    start = interview.starts_at
    return {
        "posting_title": posting.title,
        "company": posting.employer.name,
        "graduate_name": interview.application.graduate.user.get_full_name(),
        "person": interview.application.graduate.user_id,
        "zone": zone,
        "starts_at": start.isoformat() if start else "",
        "mode": interview.mode,
        "video_link": interview.video_link,
        "place": interview.place,
        "reason": interview.cancel_reason,
        **extra,
    }


def interview_calendar(interview: Interview, *, method: str = REQUEST,
                       starts_at: datetime | None = None) -> str:  # fmt: skip
    """The .ics of the interview as it stands (CANCEL once cancelled), for e-mails and the
    download on both sides' pages."""
    application = interview.application
    posting = application.posting
    start = starts_at or interview.starts_at
    assert start is not None, "only a booked (or once booked) interview has a calendar event"
    if interview.status == InterviewStatus.CANCELLED:
        method = CANCEL
    organizer = interview.created_by
    lines = [f"{posting.employer.name}: {posting.title}"]
    if interview.video_link:
        lines.append(f"Video: {interview.video_link}")
    if interview.note:
        lines.append(interview.note)
    location = interview.place or interview.video_link
    if interview.mode == InterviewMode.PHONE and not location:
        location = "Phone"
    return interview_ics(
        uid=str(interview.uid),
        sequence=interview.sequence,
        method=method,
        starts_at=start,
        duration_minutes=interview.duration_minutes,
        summary=f"Interview: {posting.title} ({posting.employer.name})",
        description="\n".join(lines),
        location=location,
        organizer_email=organizer.email if organizer else _sender(),
        organizer_name=posting.employer.name,
        # No attendee address: the same file goes to the company's members, who see the
        # candidate's e-mail address only once the candidate shares it (conversations).
        video_link=interview.video_link,
    )


def _sender() -> str:
    return str(settings.DEFAULT_FROM_EMAIL).rsplit("<", 1)[-1].strip("> ")


def _tell(
    interview: Interview,
    *,
    kind: str,
    key: str,
    ics: str = "",
    only_graduate: bool = False,
    **extra: Any,
) -> int:
    """An in-app notification and an e-mail (with `ics` attached) to each person concerned.
    Returns how many notifications were new."""
    created = 0
    for user, zone, url in _people(interview)[: 1 if only_graduate else None]:
        user_key = f"{key}:{user.pk}"
        if Notification.objects.filter(key=user_key).exists():
            continue
        params = _params(interview, zone, **extra)
        notification_create(user=user, kind=kind, key=user_key, params=params, url=url)
        created += 1
        if user.email:
            context: dict[str, Any] = {"kind": kind, "params": params, "url": absolute_url(url)}
            if ics:
                context.update(ics=ics, ics_method=CANCEL if "METHOD:CANCEL" in ics else REQUEST)
            email_queue(key=user_key, to_email=user.email, template="interview",
                        context=context, user=user)  # fmt: skip
    return created


def interview_proposed_notify(
    *,
    interview: Interview,
    rescheduled: bool,
    was_booked: bool,
    previous_start: datetime | None = None,
) -> None:
    """New times: the graduate chooses one; on a reschedule the members hear of it too, and a
    time that was booked is taken out of the calendars."""
    ics = ""
    if was_booked and previous_start is not None:
        ics = interview_calendar(interview, method=CANCEL, starts_at=previous_start)
    kind = "interview_rescheduled" if rescheduled else "interview_proposed"
    _tell(
        interview,
        kind=kind,
        key=f"{news_key(interview)}:{kind}:{interview.sequence}",
        ics=ics,
        only_graduate=not rescheduled,
    )


def interview_booked_notify(*, interview: Interview) -> None:
    _tell(
        interview,
        kind="interview_booked",
        key=f"{news_key(interview)}:booked:{interview.sequence}",
        ics=interview_calendar(interview),
    )


def interview_cancelled_notify(*, interview: Interview, was_booked: bool) -> None:
    ics = interview_calendar(interview) if was_booked and interview.booked_slot_id else ""
    _tell(
        interview,
        kind="interview_cancelled",
        key=f"{news_key(interview)}:cancelled:{interview.sequence}",
        ics=ics,
        cancelled_by=interview.cancelled_by,
    )


def interview_reminders_send(*, now: datetime | None = None) -> int:
    """Every few minutes: a reminder to both sides 24 hours before a booked interview and
    another 1 hour before, each once (its key holds the booking's sequence). An interview booked
    less than an hour ahead gets only the 1-hour one. Returns how many notifications went."""
    now = now or timezone.now()
    sent = 0
    due = Interview.objects.filter(
        status=InterviewStatus.BOOKED,
        booked_slot__starts_at__gt=now,
        booked_slot__starts_at__lte=now + REMINDERS[-1][1],
    ).select_related("booked_slot", "application__graduate__user", "application__posting__employer")
    for interview in due:
        ahead = interview.booked_slot.starts_at - now  # type: ignore[union-attr]
        window = next(name for name, gap in REMINDERS if ahead <= gap)
        sent += _tell(
            interview,
            kind="interview_reminder",
            key=f"{news_key(interview)}:reminder:{interview.sequence}:{window}",
            window=window,
        )
    return sent
