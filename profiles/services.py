import logging
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import ConsentPurpose, User
from accounts.services import audit_forget_person, consent_record
from core.changes import ChangeKind, change_announce
from notifications.services import notifications_forget_person
from profiles.models import (
    EducationRecord,
    GraduateProfile,
    GraduateSkill,
    UnmatchedSkill,
    Visibility,
    WorkExperience,
)
from skills.models import Skill
from skills.selectors import skill_for_label, unknown_skill_ids

logger = logging.getLogger(__name__)


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
    unknown = unknown_skill_ids(ids=levels)
    if unknown:
        raise ValidationError({"skills": f"No skill has the id {unknown[0]}."})
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
        "topik_level",
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
    GraduateProfile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())
    change_announce(kind=ChangeKind.GRADUATE, entity_id=profile.pk)


# --- the guided profile's writes -------------------------------------------------------------

BASICS_FIELDS = frozenset(
    {
        "nationality", "date_of_birth", "phone", "current_country", "current_city",
        "current_visa", "headline", "summary",
    }
)  # fmt: skip
LANGUAGE_FIELDS = frozenset({"topik_level", "kiip_stage", "english_test", "english_score"})


def _profile_fields_update(
    *, profile: GraduateProfile, allowed: frozenset[str], values: dict[str, Any]
) -> GraduateProfile:
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user", "cv"])
    profile.save()
    # Nationality, age, visa, languages feed the visa routes that matching uses.
    graduate_profile_touch(profile=profile)
    return profile


@transaction.atomic
def graduate_basics_update(
    *, profile: GraduateProfile, full_name: str, **values: Any
) -> GraduateProfile:
    """Name and personal details; re-matches (visa routes depend on nationality and age)."""
    user = profile.user
    user.full_name = full_name.strip()
    user.full_clean(exclude=["password"], validate_unique=False)
    user.save(update_fields=["full_name"])
    return _profile_fields_update(profile=profile, allowed=BASICS_FIELDS, values=values)


@transaction.atomic
def graduate_languages_update(*, profile: GraduateProfile, **values: Any) -> GraduateProfile:
    """TOPIK, KIIP and English; re-matches (TOPIK is a hard constraint)."""
    if not values.get("english_test"):
        values["english_test"], values["english_score"] = "", None
    return _profile_fields_update(profile=profile, allowed=LANGUAGE_FIELDS, values=values)


@transaction.atomic
def education_record_save(*, profile: GraduateProfile, record: EducationRecord) -> EducationRecord:
    """Add or change one of the graduate's degrees (the record must be theirs)."""
    if record.pk is not None and record.profile_id != profile.pk:
        raise ValidationError("This education record belongs to someone else.")
    record.profile = profile
    record.full_clean()
    record.save()
    graduate_profile_touch(profile=profile)
    return record


@transaction.atomic
def education_record_delete(*, profile: GraduateProfile, record: EducationRecord) -> None:
    if record.profile_id != profile.pk:
        raise ValidationError("This education record belongs to someone else.")
    record.delete()
    graduate_profile_touch(profile=profile)


@transaction.atomic
def work_experience_save(*, profile: GraduateProfile, experience: WorkExperience) -> WorkExperience:
    """Add or change one job of the graduate's (Korean experience counts for visa points)."""
    if experience.pk is not None and experience.profile_id != profile.pk:
        raise ValidationError("This experience belongs to someone else.")
    experience.profile = profile
    experience.full_clean()
    experience.save()
    graduate_profile_touch(profile=profile)
    return experience


@transaction.atomic
def work_experience_delete(*, profile: GraduateProfile, experience: WorkExperience) -> None:
    if experience.profile_id != profile.pk:
        raise ValidationError("This experience belongs to someone else.")
    experience.delete()
    graduate_profile_touch(profile=profile)


@transaction.atomic
def graduate_skills_set_from_labels(
    *, profile: GraduateProfile, rows: list[tuple[str, int]]
) -> list[UnmatchedSkill]:
    """Replace the graduate's skills with typed (label, level) rows.

    A label is resolved by name, alias or Korean name (skills.selectors.skill_for_label); a label
    naming no skill is kept as an UnmatchedSkill for staff review rather than dropped, and pending
    ones no longer listed are removed. Two labels naming one skill keep the higher level. Returns
    the graduate's pending unmatched skills. Queues a re-match (through graduate_skills_set).
    """
    levels: dict[int, int] = {}
    unknown: dict[str, tuple[str, int]] = {}  # casefolded label -> (label as typed, level)
    for typed, level in rows:
        label = " ".join(typed.split())[:80]
        if not label:
            continue
        if not 1 <= level <= 5:
            raise ValidationError({"level": f"{label}: the level must be 1-5, not {level}."})
        skill = skill_for_label(label=label)
        if skill is not None:
            levels[skill.pk] = max(level, levels.get(skill.pk, 0))
        else:
            unknown[label.casefold()] = (label, level)
    # A label staff already mapped for this graduate resolves to that skill.
    resolved = UnmatchedSkill.objects.filter(profile=profile, resolved_skill__isnull=False)
    for row in resolved:
        typed_row = unknown.pop(row.label.casefold(), None)
        if typed_row is not None and row.resolved_skill_id is not None:
            levels[row.resolved_skill_id] = max(typed_row[1], levels.get(row.resolved_skill_id, 0))
    graduate_skills_set(profile=profile, levels=levels)
    pending = list(UnmatchedSkill.objects.filter(profile=profile, resolved_skill__isnull=True))
    dropped = [u.pk for u in pending if u.label.casefold() not in unknown]
    UnmatchedSkill.objects.filter(pk__in=dropped).delete()
    existing = {u.label.casefold(): u for u in pending}
    kept: list[UnmatchedSkill] = []
    for key, (label, level) in unknown.items():
        row = existing.get(key) or UnmatchedSkill(profile=profile, label=label)
        row.level = level
        row.full_clean(validate_unique=False)
        row.save()
        kept.append(row)
    return kept


@transaction.atomic
def unmatched_skill_resolve(
    *, unmatched: UnmatchedSkill, skill: Skill, by: User | None = None
) -> GraduateSkill:
    """Staff map a typed label to a taxonomy skill: the graduate gets the skill at the level they
    gave (or keep a higher one they already had), and the label is marked resolved."""
    graduate_skill, created = GraduateSkill.objects.get_or_create(
        profile=unmatched.profile, skill=skill, defaults={"level": unmatched.level}
    )
    if not created and graduate_skill.level < unmatched.level:
        graduate_skill.level = unmatched.level
        graduate_skill.save(update_fields=["level"])
    unmatched.resolved_skill = skill
    unmatched.resolved_at = timezone.now()
    unmatched.save(update_fields=["resolved_skill", "resolved_at"])
    graduate_profile_touch(profile=unmatched.profile)
    return graduate_skill


@transaction.atomic
def graduate_visibility_set(*, profile: GraduateProfile, visibility: str) -> GraduateProfile:
    """Who may see the profile. Becoming discoverable records the discovery consent; leaving it
    records the withdrawal (the consent log is append-only)."""
    was_discoverable = profile.visibility == Visibility.DISCOVERABLE
    profile = graduate_preferences_update(profile=profile, visibility=visibility)
    now_discoverable = visibility == Visibility.DISCOVERABLE
    if now_discoverable != was_discoverable:
        consent_record(user=profile.user, purpose=ConsentPurpose.DISCOVERY, given=now_discoverable)
    return profile


def graduate_time_zone_set(*, profile: GraduateProfile, time_zone: str) -> GraduateProfile:
    """The zone interview times are shown in; blank goes back to the country's zone. An
    unknown zone is a ValidationError and changes nothing."""
    field = GraduateProfile._meta.get_field("time_zone")
    try:
        cleaned = field.clean(time_zone.strip(), profile)
    except ValidationError as error:
        raise ValidationError({"time_zone": error.messages}) from error
    profile.time_zone = cleaned
    profile.save(update_fields=["time_zone", "updated_at"])
    return profile


@transaction.atomic
def graduate_cv_replace(*, profile: GraduateProfile, upload: UploadedFile) -> GraduateProfile:
    """Store a checked PDF under a random private name; the previous file is deleted after commit.

    The caller has validated the upload (profiles.cv.cv_validate); it is checked again here so
    no path can store an unchecked file."""
    from profiles.cv import cv_validate

    cv_validate(upload)
    old_name = profile.cv.name if profile.cv else ""
    original = (upload.name or "cv.pdf").replace("\\", "/").rsplit("/", 1)[-1][:200]
    profile.cv.save(original, upload, save=False)
    profile.cv_original_name = original
    profile.cv_uploaded_at = timezone.now()
    profile.save(update_fields=["cv", "cv_original_name", "cv_uploaded_at", "updated_at"])
    if old_name:
        _delete_file_on_commit(profile, old_name)
    return profile


@transaction.atomic
def graduate_cv_remove(*, profile: GraduateProfile) -> GraduateProfile:
    if profile.cv:
        _delete_file_on_commit(profile, profile.cv.name)
    profile.cv = ""
    profile.cv_original_name = ""
    profile.cv_uploaded_at = None
    profile.save(update_fields=["cv", "cv_original_name", "cv_uploaded_at", "updated_at"])
    return profile


def _delete_file_on_commit(profile: GraduateProfile, name: str) -> None:
    storage = profile.cv.storage
    transaction.on_commit(lambda: storage.delete(name))


def graduate_matches_seen(*, user: User) -> None:
    """Remember when the graduate last looked at their matches ("new since your last visit")."""
    user.last_seen_matches_at = timezone.now()
    User.objects.filter(pk=user.pk).update(last_seen_matches_at=user.last_seen_matches_at)


@transaction.atomic
def graduate_account_delete(*, user: User) -> None:
    """Delete the user and everything that is theirs: the graduate profile with its education,
    experience, skills and applications, the CV file, their matches, e-mails to them, and
    their name in other people's notifications and e-mails.

    The profile's stored match list goes with it (foreign key); the postings' lists still name
    the graduate until matching re-scores them, so the change is announced (matching drops
    graduates that no longer exist). Files are deleted only after the commit, so a
    failed deletion leaves nothing half-done.
    """
    profile = GraduateProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.cv:
            storage, name = profile.cv.storage, profile.cv.name
            transaction.on_commit(lambda: storage.delete(name))
        change_announce(kind=ChangeKind.GRADUATE, entity_id=profile.pk)
    notifications_forget_person(user=user)
    logger.info("Deleting account %s at the user's request", user.pk)
    user_id, email = user.pk, user.email
    token_ids = list(user.api_tokens.values_list("pk", flat=True))
    with set_actor(None):  # the audit log records the deletion, not the person who left
        user.delete()
    audit_forget_person(user_id=user_id, email=email, token_ids=token_ids)


def graduate_digest_frequency_set(*, profile: GraduateProfile, frequency: str) -> GraduateProfile:
    """How often the graduate gets the e-mail of new matching jobs (daily, weekly or off).
    Only this field is checked and written: the rest of the profile is not re-validated."""
    profile.match_digest_frequency = frequency
    profile.clean_fields(exclude=[f.name for f in profile._meta.fields if f.name != _DIGEST])
    GraduateProfile.objects.filter(pk=profile.pk).update(match_digest_frequency=frequency)
    return profile


_DIGEST = "match_digest_frequency"
