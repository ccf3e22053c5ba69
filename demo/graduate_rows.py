"""Writing the planned graduates: their accounts, profiles, education, experience, skills and
sign-up consents, in bulk (demo.graduates plans them)."""

from accounts.models import Consent, ConsentPurpose, Role, User
from demo.graduate_texts import experience_description
from demo.graduates import GraduatePlan
from demo.logins import UserRow, users_ensure
from demo.vocabulary import Vocabulary
from profiles.models import (
    EducationRecord,
    GraduateProfile,
    GraduateSkill,
    SkillSource,
    Visibility,
    WorkExperience,
)

NewProfiles = list[tuple[GraduatePlan, GraduateProfile]]


def graduates_write(
    *, plans: tuple[GraduatePlan, ...], vocabulary: Vocabulary
) -> dict[str, GraduateProfile]:
    """Create the planned graduates that are missing (by e-mail); return all profiles by e-mail.

    A profile's education, experience and skills are created with it, so a profile that exists
    is left as it is.
    """
    users = users_ensure(rows=[UserRow(p.email, p.full_name, Role.GRADUATE) for p in plans])
    existing = {
        profile.user_id: profile
        for profile in GraduateProfile.objects.filter(user__in=list(users.values()))
    }
    profiles: dict[str, GraduateProfile] = {}
    new: NewProfiles = []
    for plan in plans:
        user = users[plan.email]
        profile = existing.get(user.pk)
        if profile is None:
            profile = _profile_build(plan=plan, user=user)
            new.append((plan, profile))
        profiles[plan.email] = profile
    GraduateProfile.objects.bulk_create([profile for _, profile in new])
    EducationRecord.objects.bulk_create(_education_rows(new=new, vocabulary=vocabulary))
    WorkExperience.objects.bulk_create(_experience_rows(new=new, vocabulary=vocabulary))
    GraduateSkill.objects.bulk_create(_skill_rows(new=new, vocabulary=vocabulary))
    _consents_write(profiles=[profile for _, profile in new])
    return profiles


def _education_rows(*, new: NewProfiles, vocabulary: Vocabulary) -> list[EducationRecord]:
    return [
        EducationRecord(
            profile=profile,
            level=record.level,
            field_of_study_id=vocabulary.field_ids[record.field_code],
            programme=record.programme,
            institution=record.institution,
            country=record.country,
            graduation_year=record.graduation_year,
        )
        for plan, profile in new
        for record in plan.education
    ]


def _experience_rows(*, new: NewProfiles, vocabulary: Vocabulary) -> list[WorkExperience]:
    return [
        WorkExperience(
            profile=profile,
            title=job.title,
            isco_code=plan.occupation.isco08,
            employer_name=job.employer_name,
            country=job.country,
            start_date=job.start_date,
            end_date=job.end_date,
            description=experience_description(
                experience=job, occupation=plan.occupation, vocabulary=vocabulary
            ),
        )
        for plan, profile in new
        for job in plan.experience
    ]


def _skill_rows(*, new: NewProfiles, vocabulary: Vocabulary) -> list[GraduateSkill]:
    return [
        GraduateSkill(
            profile=profile,
            skill_id=vocabulary.skill_ids[slug],
            level=level,
            source=(
                SkillSource.CERTIFICATE
                if vocabulary.skill_kinds[slug] == "certification"
                else SkillSource.SELF
            ),
        )
        for plan, profile in new
        for slug, level in plan.skills
    ]


def _consents_write(*, profiles: list[GraduateProfile]) -> None:
    """What a graduate agrees to at sign-up (terms, privacy) and, when their profile is
    discoverable, to being found by employers; dated when the account was made."""
    Consent.objects.bulk_create(
        Consent(user_id=profile.user_id, purpose=purpose, recorded_at=profile.user.date_joined)
        for profile in profiles
        for purpose in (
            (ConsentPurpose.TERMS, ConsentPurpose.PRIVACY, ConsentPurpose.DISCOVERY)
            if profile.visibility == Visibility.DISCOVERABLE
            else (ConsentPurpose.TERMS, ConsentPurpose.PRIVACY)
        )
    )


def _profile_build(*, plan: GraduatePlan, user: User) -> GraduateProfile:
    return GraduateProfile(
        user=user,
        nationality=plan.nationality,
        date_of_birth=plan.date_of_birth,
        phone=plan.phone,
        current_country=plan.current_country,
        current_city=plan.current_city,
        headline=plan.headline,
        summary=plan.summary,
        topik_level=plan.topik_level,
        kiip_stage=plan.kiip_stage,
        english_test=plan.english_test,
        english_score=plan.english_score,
        current_visa=plan.current_visa,
        preferred_industries=list(plan.preferred_industries),
        preferred_regions=list(plan.preferred_regions),
        preferred_job_types=list(plan.preferred_job_types),
        min_salary_krw=plan.min_salary_krw,
        willing_to_relocate=plan.willing_to_relocate,
        visibility=plan.visibility,
    )
