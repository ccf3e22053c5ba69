"""Proposing, booking, rescheduling and cancelling an interview.

Every write checks who acts (a member of the posting's verified company, or the graduate who
applied), validates, changes the rows in one transaction and then tells the people concerned
(interviews.services.news). Booking locks the interview row, so two clicks (or two tabs) book
one slot; booking the slot already booked changes nothing.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.changes import APPLICATION_STATUS
from core.timezones import KOREA, moment_words
from employers.permissions import require_verified
from interviews.models import (
    CancelledBy,
    Interview,
    InterviewMode,
    InterviewSlot,
    InterviewStatus,
)
from interviews.services.news import (
    interview_booked_notify,
    interview_cancelled_notify,
    interview_proposed_notify,
)
from jobs.models import Application, ApplicationStatus

MAX_SLOTS = 5
HORIZON_DAYS = 90


def _require_member(*, application: Application, by: User) -> None:
    membership = getattr(by, "employer_membership", None)
    if membership is None or membership.employer_id != application.posting.employer_id:
        raise PermissionDenied("Only the posting's company can schedule its interviews.")
    require_verified(application.posting.employer)


def interview_slots_check(
    *, slots: Sequence[datetime], now: datetime | None = None
) -> list[datetime]:
    """The proposed times, sorted: 1 to MAX_SLOTS aware datetimes, each in the future, within
    HORIZON_DAYS, none twice. A ValidationError on `slots` names every problem (in Korea time)."""
    now = now or timezone.now()
    problems: list[str] = []
    if not 1 <= len(slots) <= MAX_SLOTS:
        problems.append(_("Propose between 1 and %(max)s times.") % {"max": MAX_SLOTS})
    seen: set[datetime] = set()
    for moment in slots:
        if timezone.is_naive(moment):
            raise ValueError("interview times must be aware datetimes")
        words = moment_words(moment, KOREA)
        if moment <= now:
            problems.append(_("%(when)s (KST) has already passed.") % {"when": words})
        elif moment > now + timedelta(days=HORIZON_DAYS):
            problems.append(
                _("%(when)s (KST) is more than %(days)s days ahead.")
                % {"when": words, "days": HORIZON_DAYS}
            )
        if moment in seen:
            problems.append(_("%(when)s (KST) is given twice.") % {"when": words})
        seen.add(moment)
    if problems:
        raise ValidationError({"slots": problems})
    return sorted(seen)


def _details_apply(interview: Interview, details: dict[str, object]) -> None:
    for name in ("mode", "video_link", "place", "duration_minutes", "note"):
        if name in details:
            setattr(interview, name, details[name])
    if interview.mode != InterviewMode.VIDEO:
        interview.video_link = interview.video_link or ""
    interview.full_clean(exclude=["application", "booked_slot", "created_by"])


@transaction.atomic
def interview_propose(
    *,
    application: Application,
    by: User,
    slots: Sequence[datetime],
    mode: str = InterviewMode.VIDEO,
    video_link: str = "",
    place: str = "",
    duration_minutes: int = 45,
    note: str = "",
) -> Interview:
    """The employer offers 1-5 times for an interview; the graduate hears of it. One active
    interview per application: a second proposal while one is active is refused."""
    _require_member(application=application, by=by)
    if application.is_final:
        raise ValidationError(_("This application is closed: no interview can be scheduled."))
    times = interview_slots_check(slots=slots)
    interview = Interview(application=application, created_by=by)
    _details_apply(
        interview,
        {"mode": mode, "video_link": video_link.strip(), "place": place.strip(),
         "duration_minutes": duration_minutes, "note": note.strip()},
    )  # fmt: skip
    try:
        with transaction.atomic():
            interview.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("This application already has an interview: reschedule or cancel it.")
        ) from exc
    InterviewSlot.objects.bulk_create(
        InterviewSlot(interview=interview, starts_at=t) for t in times
    )
    interview_proposed_notify(interview=interview, rescheduled=False, was_booked=False)
    return interview


@transaction.atomic
def interview_reschedule(
    *, interview: Interview, by: User, slots: Sequence[datetime], **details: object
) -> Interview:
    """New times for an active interview (booked or not): it goes back to proposed, its calendar
    version goes up, the graduate picks again; a booked time is taken out of the calendars."""
    _require_member(application=interview.application, by=by)
    current = Interview.objects.select_for_update().get(pk=interview.pk)
    if current.status == InterviewStatus.CANCELLED:
        raise ValidationError(_("This interview was cancelled: propose a new one."))
    times = interview_slots_check(slots=slots)
    was_booked = current.status == InterviewStatus.BOOKED
    previous_start = current.starts_at if was_booked else None
    _details_apply(current, details)
    current.status = InterviewStatus.PROPOSED
    current.booked_slot = None
    current.sequence += 1
    current.save()
    current.slots.all().delete()
    InterviewSlot.objects.bulk_create(InterviewSlot(interview=current, starts_at=t) for t in times)
    interview_proposed_notify(
        interview=current, rescheduled=True, was_booked=was_booked, previous_start=previous_start
    )
    return current


@transaction.atomic
def interview_book(*, interview: Interview, slot_id: int, by: User) -> Interview:
    """The graduate books one of the proposed times. Booking the time already booked returns
    the interview unchanged (a second click, a retried request); any other change of mind
    goes through the employer (reschedule) or a cancellation."""
    current = (
        Interview.objects.select_for_update()
        .select_related("application__graduate__user", "application__posting__employer")
        .get(pk=interview.pk)
    )
    if current.application.graduate.user_id != by.pk:
        raise PermissionDenied("Only the candidate books their interview.")
    if current.status == InterviewStatus.BOOKED and current.booked_slot_id == slot_id:
        return current
    if current.status != InterviewStatus.PROPOSED or current.application.is_final:
        raise ValidationError(_("This interview cannot be booked any more."))
    slot = current.slots.filter(pk=slot_id).first()
    if slot is None:
        raise ValidationError({"slot": _("Choose one of the proposed times.")})
    if slot.starts_at <= timezone.now():
        raise ValidationError({"slot": _("That time has passed: choose another.")})
    current.status = InterviewStatus.BOOKED
    current.booked_slot = slot
    current.sequence += 1
    current.save(update_fields=["status", "booked_slot", "sequence", "updated_at"])
    interview_booked_notify(interview=current)
    return current


@transaction.atomic
def interview_cancel(*, interview: Interview, by: User, reason: str = "") -> Interview:
    """Either side cancels; a booked time is taken out of both calendars. Cancelling twice
    changes nothing."""
    current = (
        Interview.objects.select_for_update()
        .select_related("application__graduate__user", "application__posting__employer")
        .get(pk=interview.pk)
    )
    if current.application.graduate.user_id == by.pk:
        side = CancelledBy.GRADUATE
    else:
        _require_member(application=current.application, by=by)
        side = CancelledBy.EMPLOYER
    return _cancel(current, side=side, reason=reason)


def _cancel(current: Interview, *, side: str, reason: str) -> Interview:
    if current.status == InterviewStatus.CANCELLED:
        return current
    was_booked = current.status == InterviewStatus.BOOKED
    current.status = InterviewStatus.CANCELLED
    current.cancelled_by = side
    current.cancel_reason = reason.strip()[:500]
    current.sequence += 1
    current.save()
    interview_cancelled_notify(interview=current, was_booked=was_booked)
    return current


# Who closed an application that closes its interview, and the reason both sides are told.
CLOSING: dict[str, tuple[str, object]] = {
    ApplicationStatus.WITHDRAWN: (
        CancelledBy.GRADUATE,
        gettext_lazy("The candidate withdrew the application."),
    ),
    ApplicationStatus.REJECTED: (
        CancelledBy.EMPLOYER,
        gettext_lazy("The application was not taken further."),
    ),
}


def interviews_close_for_application(*, kind: str, entity_id: int) -> None:
    """The listener of core.changes: when an application is withdrawn or rejected, its
    proposed or booked interview is cancelled in the same transaction (a booked time leaves
    both calendars), so nobody is reminded of an interview that will not happen."""
    if kind != APPLICATION_STATUS:
        return
    active = (
        Interview.objects.select_for_update()
        .select_related("application__graduate__user", "application__posting__employer")
        .filter(application_id=entity_id)
        .exclude(status=InterviewStatus.CANCELLED)
    )
    for interview in active:
        closing = CLOSING.get(interview.application.status)
        if closing is not None:
            side, reason = closing
            _cancel(interview, side=side, reason=str(reason))
