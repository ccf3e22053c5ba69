from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from profiles.models import GraduateProfile, GraduateSkill


def graduate_profile_get_or_create(*, user: User) -> GraduateProfile:
    profile, _created = GraduateProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def graduate_skills_set(
    *, profile: GraduateProfile, levels: dict[int, int], source: str = "self"
) -> None:
    """Replace the graduate's skills with `levels` (skill id -> 1-5) and queue a re-match."""
    for skill_id, level in levels.items():
        if not 1 <= level <= 5:
            raise ValidationError(
                {"level": f"Skill {skill_id}: the level must be 1-5, not {level}."}
            )
    profile.skills.exclude(skill_id__in=levels).delete()
    for skill_id, level in levels.items():
        GraduateSkill.objects.update_or_create(
            profile=profile, skill_id=skill_id, defaults={"level": level, "source": source}
        )
    graduate_profile_touch(profile=profile)


@transaction.atomic
def graduate_preferences_update(
    *, profile: GraduateProfile, **preferences: object
) -> GraduateProfile:
    """Change preference fields (validated) and queue a re-match of the graduate."""
    allowed = {
        "preferred_industries", "preferred_regions", "preferred_job_types",
        "preferred_company_sizes", "min_salary_krw", "willing_to_relocate", "visibility",
        "topik_level", "needs_visa_sponsorship",
    }  # fmt: skip
    unknown = set(preferences) - allowed
    if unknown:
        raise ValueError(f"Not a preference: {', '.join(sorted(unknown))}")
    for name, value in preferences.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user", "cv"])
    profile.save()
    graduate_profile_touch(profile=profile)
    return profile


def graduate_profile_touch(*, profile: GraduateProfile) -> None:
    """Anything that changes how the graduate matches: re-score them after commit."""
    from matching.models import ChangeKind
    from matching.services import matching_change_record

    GraduateProfile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())
    matching_change_record(kind=ChangeKind.GRADUATE, entity_id=profile.pk)
