"""Demo applications to open postings, each with the status history that led to its status."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from demo.catalogue import EMPLOYERS
from demo.dates import ACTIVITY_END, at
from demo.graduates import GraduatePlan
from demo.occupations import Occupation
from demo.postings import PostingPlan
from demo.vocabulary import Vocabulary
from employers.models import EmployerMember
from jobs.models import Application, ApplicationStatus, ApplicationStatusChange, JobPosting
from profiles.models import GraduateProfile, Visibility

_STAGES = (ApplicationStatus.APPLIED, ApplicationStatus.SCREENING, ApplicationStatus.INTERVIEW)
_FINAL_WEIGHTS = {
    ApplicationStatus.APPLIED: 35,
    ApplicationStatus.SCREENING: 20,
    ApplicationStatus.INTERVIEW: 15,
    ApplicationStatus.OFFER: 6,
    ApplicationStatus.HIRED: 4,
    ApplicationStatus.REJECTED: 15,
    ApplicationStatus.WITHDRAWN: 5,
}
_NOTES: dict[str, str] = {
    ApplicationStatus.SCREENING: "CV passed the first review.",
    ApplicationStatus.INTERVIEW: "Video interview scheduled with the team lead.",
    ApplicationStatus.OFFER: "Offer letter sent.",
    ApplicationStatus.HIRED: "Offer accepted; visa paperwork started.",
    ApplicationStatus.REJECTED: "Another candidate was a closer match this time.",
    ApplicationStatus.WITHDRAWN: "",
}


@dataclass(frozen=True)
class ApplicationPlan:
    graduate: GraduatePlan
    posting: PostingPlan
    path: tuple[str, ...]  # statuses in order; the last is the current one
    times: tuple[datetime, ...]


def application_plans(
    *,
    seed: int,
    count: int,
    graduates: tuple[GraduatePlan, ...],
    postings: tuple[PostingPlan, ...],
    demo_graduate: GraduatePlan,
) -> tuple[ApplicationPlan, ...]:
    """About `count` applications to open postings of verified employers.

    The demo graduate applies to two postings of the demo employer and one elsewhere, and a few
    semiconductor graduates apply to the demo employer too, so both demo logins have something
    to look at. The rest pair graduates with postings of their own occupation or industry.
    """
    rng = Random(f"{seed}:applications")
    open_postings = [p for p in postings if p.status == "open" and not p.employer.pending]
    demo_postings = sorted(
        (p for p in open_postings if p.employer is EMPLOYERS[0]),
        key=lambda p: _closeness(demo_graduate.occupation, p.occupation),
    )
    by_occupation = defaultdict(list)
    by_industry = defaultdict(list)
    for posting in open_postings:
        by_occupation[posting.occupation.slug].append(posting)
        by_industry[posting.occupation.industry].append(posting)
    pairs: dict[tuple[str, str, str], ApplicationPlan] = {}

    def add(
        graduate: GraduatePlan, posting: PostingPlan, path: tuple[str, ...] | None = None
    ) -> None:
        key = (graduate.email, posting.employer.name, posting.title)
        if key not in pairs:
            path = path or _path(rng)
            pairs[key] = ApplicationPlan(graduate, posting, path, _times(posting, path, rng))

    demo_paths = (_STAGES, _STAGES[:2])
    for posting, path in zip(demo_postings, demo_paths, strict=False):
        add(demo_graduate, posting, path)
    elsewhere = [p for p in by_occupation[demo_graduate.occupation.slug] if p not in demo_postings]
    elsewhere = elsewhere or [
        p for p in by_industry[demo_graduate.occupation.industry] if p not in demo_postings
    ]
    if elsewhere:
        add(demo_graduate, rng.choice(elsewhere), _STAGES[:1])
    seekers = [g for g in graduates if g.visibility != Visibility.HIDDEN]
    chip_seekers = [g for g in seekers if g.occupation.industry == EMPLOYERS[0].industry]
    for graduate in rng.sample(chip_seekers, min(5, len(chip_seekers))):
        if demo_postings:
            add(graduate, rng.choice(demo_postings))
    attempts = 0
    while len(pairs) < count and seekers and attempts < count * 20:
        attempts += 1
        graduate = rng.choice(seekers)
        choices = by_occupation[graduate.occupation.slug]
        if not choices or rng.random() < 0.3:
            choices = by_industry[graduate.occupation.industry] or open_postings
        if choices:
            add(graduate, rng.choice(choices))
    return tuple(pairs.values())


def _closeness(mine: Occupation, theirs: Occupation) -> int:
    """0 for the same occupation, 1 for a related one, 2 otherwise."""
    if mine.slug == theirs.slug:
        return 0
    return 1 if theirs.slug in mine.related else 2


def _path(rng: Random) -> tuple[str, ...]:
    final = rng.choices(list(_FINAL_WEIGHTS), weights=list(_FINAL_WEIGHTS.values()))[0]
    if final in _STAGES:
        return _STAGES[: _STAGES.index(final) + 1]
    if final == ApplicationStatus.OFFER:
        return (*_STAGES, ApplicationStatus.OFFER)
    if final == ApplicationStatus.HIRED:
        return (*_STAGES, ApplicationStatus.OFFER, ApplicationStatus.HIRED)
    return (*_STAGES[: rng.randint(1, 3)], final)


def _times(posting: PostingPlan, path: tuple[str, ...], rng: Random) -> tuple[datetime, ...]:
    """One moment per status, after publication, rising, and no later than ACTIVITY_END."""
    if posting.published_at is None:
        raise ValueError("Only published postings receive applications")
    published = posting.published_at.date()
    gaps = [rng.randint(2, 9) for _ in path[1:]]
    applied = published + timedelta(days=rng.randint(1, 20))
    latest_start = ACTIVITY_END - timedelta(days=sum(gaps))
    if applied > latest_start:
        applied = max(published + timedelta(days=1), latest_start)
    moments: list[datetime] = []
    day = applied
    for gap in (0, *gaps):
        day += timedelta(days=gap)
        moment = at(min(day, ACTIVITY_END), rng.randint(8, 18), rng.randint(0, 59))
        if moments and moment <= moments[-1]:
            moment = moments[-1] + timedelta(hours=2)
        moments.append(moment)
    return tuple(moments)


def applications_write(
    *,
    plans: tuple[ApplicationPlan, ...],
    profiles: dict[str, GraduateProfile],
    postings: dict[tuple[str, str], JobPosting],
    vocabulary: Vocabulary,
) -> None:
    """Create the planned applications that are missing, and their history rows (append-only)."""
    chosen = [
        (plan, profiles[plan.graduate.email], postings[_posting_key(plan.posting)])
        for plan in plans
    ]
    have = set(
        Application.objects.filter(graduate__in=[g for _, g, _ in chosen]).values_list(
            "graduate_id", "posting_id"
        )
    )
    new = [
        (
            plan,
            _application_build(
                plan=plan, graduate=graduate, posting=posting, vocabulary=vocabulary
            ),
        )
        for plan, graduate, posting in chosen
        if (graduate.pk, posting.pk) not in have
    ]
    Application.objects.bulk_create([application for _, application in new])
    for plan, application in new:  # created_at is auto_now_add: date them as their history
        application.created_at, application.status_changed_at = plan.times[0], plan.times[-1]
    Application.objects.bulk_update(
        [application for _, application in new], ["created_at", "status_changed_at"]
    )
    owners = _employer_actors([posting.employer_id for _, _, posting in chosen])
    ApplicationStatusChange.objects.bulk_create(
        ApplicationStatusChange(
            application=application,
            changed_by_id=(
                application.graduate.user_id
                if status in (ApplicationStatus.APPLIED, ApplicationStatus.WITHDRAWN)
                else owners.get(application.posting.employer_id)
            ),
            changed_at=moment,
            from_status=previous,
            to_status=status,
            note=_NOTES.get(status, ""),
        )
        for plan, application in new
        for previous, status, moment in zip(("", *plan.path), plan.path, plan.times, strict=False)
    )


def _posting_key(posting: PostingPlan) -> tuple[str, str]:
    return (posting.employer.name, posting.title)


def _application_build(
    *, plan: ApplicationPlan, graduate: GraduateProfile, posting: JobPosting, vocabulary: Vocabulary
) -> Application:
    return Application(
        graduate=graduate,
        posting=posting,
        status=plan.path[-1],
        cover_letter=_cover_letter(plan=plan, vocabulary=vocabulary),
    )


def _employer_actors(employer_ids: list[int]) -> dict[int, int]:
    """The user who moves an employer's applications along: its owner, else any member."""
    actors: dict[int, int] = {}
    members = EmployerMember.objects.filter(employer_id__in=employer_ids).order_by(
        "role", "user_id"
    )
    for employer_id, user_id in members.values_list("employer_id", "user_id"):
        actors.setdefault(employer_id, user_id)
    return actors


def _cover_letter(*, plan: ApplicationPlan, vocabulary: Vocabulary) -> str:
    graduate, posting = plan.graduate, plan.posting
    education = graduate.education[-1]
    strongest = [slug for slug, _ in graduate.skills if vocabulary.skill_kinds[slug] != "language"]
    if graduate.topik_level >= 3:
        korean = f"With TOPIK level {graduate.topik_level}, I can work in Korean from day one."
    elif graduate.topik_level:
        korean = f"I hold TOPIK level {graduate.topik_level} and am studying for the next level."
    else:
        korean = "I am learning Korean and can start in English."
    return (
        f"Dear {posting.employer.name} hiring team,\n\n"
        f"I am applying for the {posting.title} position. I hold a {education.programme} from "
        f"{education.institution} ({education.graduation_year}) and work with "
        f"{vocabulary.skill_list(strongest[:3])}. {korean}\n\n"
        f"I would be glad to discuss how I can contribute to your team in "
        f"{posting.employer.city}.\n\nKind regards,\n{graduate.full_name}"
    )
