"""Reads of interviews: one for a member of the company or for the graduate (anyone else:
DoesNotExist, which pages and the API turn into 404), the active one of an application, the
booked times of a pipeline, a graduate's own for the export, and times written for a reader."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from core.timezones import KOREA, city_name, moment_in_zone, moment_words
from employers.permissions import require_verified
from interviews.models import Interview, InterviewSlot, InterviewStatus
from jobs.models import Application
from profiles.models import GraduateProfile


def _interviews() -> QuerySet[Interview]:
    return Interview.objects.select_related(
        "booked_slot",
        "created_by",
        "application__posting__employer",
        "application__graduate__user",
    ).prefetch_related(Prefetch("slots", queryset=InterviewSlot.objects.order_by("starts_at")))


def interview_for_member(*, user: User, pk: int) -> Interview:
    """An interview on an application to the user's company; DoesNotExist for anyone else's,
    CompanyNotVerified while the company may not see applicants."""
    interview = _interviews().get(pk=pk, application__posting__employer__members__user=user)
    require_verified(interview.application.posting.employer)
    return interview


def interview_for_graduate(*, profile: GraduateProfile, pk: int) -> Interview:
    """One of the graduate's own interviews; DoesNotExist for anyone else's."""
    return _interviews().get(pk=pk, application__graduate=profile)


def graduate_interviews(*, profile: GraduateProfile) -> QuerySet[Interview]:
    return _interviews().filter(application__graduate=profile).order_by("-created_at", "-id")


def interview_active(*, application: Application) -> Interview | None:
    """The application's proposed or booked interview, if any."""
    return (
        _interviews()
        .filter(application=application)
        .exclude(status=InterviewStatus.CANCELLED)
        .first()
    )


def interviews_active_by_application(*, application_ids: list[int]) -> dict[int, Interview]:
    """The active interview of each of these applications (for a pipeline's cards)."""
    found = (
        Interview.objects.filter(application_id__in=application_ids)
        .exclude(status=InterviewStatus.CANCELLED)
        .select_related("booked_slot")
    )
    return {interview.application_id: interview for interview in found}


@dataclass(frozen=True)
class SlotShown:
    id: int
    starts_at: datetime
    words: str  # "Tue 9 Mar, 10:00 in Ho Chi Minh City (12:00 in Seoul)"
    local: datetime
    is_booked: bool


def slots_for_reader(*, interview: Interview, zone: str) -> list[SlotShown]:
    """The interview's times as a reader in `zone` sees them."""
    return [
        SlotShown(
            id=slot.pk,
            starts_at=slot.starts_at,
            words=moment_in_zone(slot.starts_at, zone),
            local=slot.starts_at.astimezone(ZoneInfo(zone)),
            is_booked=slot.pk == interview.booked_slot_id,
        )
        for slot in interview.slots.all()
    ]


def booked_words(*, interview: Interview | None, zone: str = KOREA) -> str:
    """The booked time for a page ('' when none): Korea time for employers."""
    if interview is None or interview.status != InterviewStatus.BOOKED:
        return ""
    start = interview.starts_at
    if start is None:
        return ""
    if zone == KOREA:
        return f"{moment_words(start, KOREA)} KST"
    return moment_in_zone(start, zone)


def zone_label(zone: str) -> str:
    return f"{city_name(zone)} ({zone})"


def interviews_export(*, profile: GraduateProfile) -> list[dict[str, Any]]:
    """The graduate's interviews for their data export (times in UTC)."""
    return [
        {
            "posting": interview.application.posting.title,
            "company": interview.application.posting.employer.name,
            "status": interview.status,
            "mode": interview.mode,
            "video_link": interview.video_link,
            "place": interview.place,
            "duration_minutes": interview.duration_minutes,
            "note": interview.note,
            "proposed_times": [slot.starts_at.isoformat() for slot in interview.slots.all()],
            "booked_time": interview.starts_at.isoformat() if interview.starts_at else None,
            "cancelled_by": interview.cancelled_by,
            "cancel_reason": interview.cancel_reason,
            "created_at": interview.created_at.isoformat(),
        }
        for interview in graduate_interviews(profile=profile)
    ]
