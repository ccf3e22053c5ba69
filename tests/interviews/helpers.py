"""An application to a verified company's posting, with a member and a graduate in Vietnam."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from interviews.models import Interview
from interviews.services import interview_propose
from jobs.models import Application
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")


@dataclass
class Scene:
    application: Application
    member: User
    graduate: User


def scene(*, employer_user: User | None = None, graduate_user: User | None = None) -> Scene:
    if employer_user is None:
        employer_user = factories.EmployerMemberFactory().user
    company = employer_user.employer_membership.employer
    posting = factories.JobPostingFactory(employer=company)
    if graduate_user is None:
        graduate_user = factories.GraduateProfileFactory(nationality="VN").user
    application = factories.ApplicationFactory(
        posting=posting, graduate=graduate_user.graduate_profile
    )
    return Scene(application=application, member=employer_user, graduate=graduate_user)


def kst(days: int, hour: int, minute: int = 0) -> datetime:
    """A time `days` days from today, at hour:minute Korea time (aware)."""
    today = timezone.now().astimezone(SEOUL).date() + timedelta(days=days)
    return datetime(today.year, today.month, today.day, hour, minute, tzinfo=SEOUL)


def proposed(s: Scene, *times: datetime, **details: object) -> Interview:
    details.setdefault("video_link", "https://meet.example.com/abc")
    return interview_propose(
        application=s.application, by=s.member, slots=list(times or [kst(3, 10), kst(4, 15)]),
        **details,  # type: ignore[arg-type]
    )  # fmt: skip
