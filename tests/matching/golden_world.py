"""A posting with candidates and a current run whose stored order the test decides."""

from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from accounts.models import Role, User
from jobs.models import JobPosting
from matching.models import ENTRY_DTYPE, MatchRun, PostingMatchList
from profiles.models import GraduateProfile
from tests import factories


def current_run_with(order: dict[JobPosting, list[GraduateProfile]]) -> MatchRun:
    """A succeeded current run whose stored list of each posting is exactly `order` (best
    first, scores falling), without running the engine."""
    now = timezone.now()
    run = MatchRun.objects.create(
        status="succeeded", is_current=True, started_at=now, finished_at=now
    )
    for posting, graduates in order.items():
        entries = np.zeros(len(graduates), dtype=ENTRY_DTYPE)
        entries["id"] = [g.pk for g in graduates]
        entries["score"] = np.linspace(0.95, 0.40, len(graduates))
        PostingMatchList.objects.create(
            run=run, posting=posting, entries=entries.tobytes(), length=len(graduates)
        )
    return run


def quick_user(role: str = Role.GRADUATE, **fields: object) -> User:
    """A user without a password (hashing one takes most of a second): nobody signs in as it."""
    email = f"{role}-{User.objects.count() + 1}@golden.example"
    user = User(email=email, role=role, **fields)
    user.set_unusable_password()
    user.save()
    if user.is_staff:  # staff power needs the second sign-in step (accounts.permissions)
        from allauth.mfa.models import Authenticator

        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    return user


def staff_grader(name: str) -> User:
    return quick_user(Role.STAFF, is_staff=True, full_name=name)


@dataclass
class World:
    posting: JobPosting
    ranked: list[GraduateProfile]  # in the stored list, best first
    sharing: list[GraduateProfile]  # not listed, share the posting's skill
    stranger: GraduateProfile  # not listed, shares nothing
    hidden: GraduateProfile  # shares the skill but is not discoverable


def golden_world(ranked: int = 8, sharing: int = 3) -> World:
    skill = factories.SkillFactory(name="Dry etching")
    posting = factories.JobPostingFactory(title="Etch process engineer")
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)

    def graduate(visibility: str = "discoverable", with_skill: bool = True) -> GraduateProfile:
        profile = factories.GraduateProfileFactory(user=quick_user(), visibility=visibility)
        if with_skill:
            factories.GraduateSkillFactory(profile=profile, skill=skill, level=4)
        return profile

    world = World(
        posting=posting,
        ranked=[graduate() for _ in range(ranked)],
        sharing=[graduate() for _ in range(sharing)],
        stranger=graduate(with_skill=False),
        hidden=graduate(visibility="hidden"),
    )
    current_run_with({posting: world.ranked})
    return world
