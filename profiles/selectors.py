from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.permissions import staff_power
from profiles.models import (
    EducationRecord,
    GraduateProfile,
    GraduateSkill,
    UnmatchedSkill,
    WorkExperience,
)


def profile_rows() -> "tuple[Prefetch[Any], Prefetch[Any], str]":
    """What a page that shows a whole profile reads with it, for `prefetch_related`: its degrees
    with their field of study, its skills with their names, its jobs (three queries, for any
    number of profiles)."""
    return (
        Prefetch("education", queryset=EducationRecord.objects.select_related("field_of_study")),
        Prefetch("skills", queryset=GraduateSkill.objects.select_related("skill")),
        "experience",
    )


def graduate_profile_for_user(*, user: User) -> GraduateProfile:
    return (
        GraduateProfile.objects.select_related("user")
        .prefetch_related(
            *profile_rows(),
            Prefetch(
                "unmatched_skills",
                queryset=UnmatchedSkill.objects.filter(resolved_skill__isnull=True),
                to_attr="pending_unmatched_skills",
            ),
        )
        .get(user=user)
    )


def education_record_for_graduate(*, profile: GraduateProfile, pk: int) -> EducationRecord:
    record = EducationRecord.objects.filter(profile=profile, pk=pk).first()
    if record is None:
        raise Http404("No such education record")
    return record


def work_experience_for_graduate(*, profile: GraduateProfile, pk: int) -> WorkExperience:
    experience = WorkExperience.objects.filter(profile=profile, pk=pk).first()
    if experience is None:
        raise Http404("No such experience")
    return experience


def cv_visible_to(*, profile: GraduateProfile, user: User) -> bool:
    """Who may download the graduate's CV: the graduate, and staff whose role may read
    profiles (with their second sign-in step). (Employers' access to the CVs of applicants and
    discoverable graduates is added by the employer portal.)"""
    if not user.is_authenticated or not profile.cv:
        return False
    if profile.user_id == user.pk:
        return True
    return staff_power(user) and user.has_perm("profiles.view_graduateprofile")


@dataclass(frozen=True)
class Improvement:
    hint: Promise
    step: str  # the profile step that fixes it


def profile_completeness(*, profile: GraduateProfile) -> tuple[int, list[Improvement]]:
    """Percentage of the profile filled in, and what is missing (in the order that most improves
    matches). Uses the profile's prefetched rows when the caller loaded them."""
    skills = len(profile.skills.all())
    checks = [
        (skills >= 3, _("List at least three skills with levels: matches rest on them"), "skills"),
        (
            bool(profile.education.all()),
            _("Add your education: many jobs ask for a degree"),
            "education",
        ),
        (
            bool(profile.preferred_industries),
            _("Choose the industries you want, so matches rank the right jobs first"),
            "preferences",
        ),
        (
            profile.min_salary_krw is not None,
            _("Set your minimum annual salary"),
            "preferences",
        ),
        (
            bool(profile.topik_level or profile.english_test),
            _("Add your TOPIK or English test result: many jobs ask for one"),
            "languages",
        ),
        (
            bool(profile.nationality and profile.date_of_birth),
            _("Add your nationality and date of birth (visa routes depend on them)"),
            "basics",
        ),
        (bool(profile.headline), _("Write a one-line headline"), "basics"),
        (bool(profile.experience.all()), _("Add work experience or internships"), "experience"),
        (bool(profile.cv), _("Upload your CV (PDF)"), "cv"),
    ]
    done = sum(1 for ok, _hint, _step in checks if ok)
    missing = [Improvement(hint, step) for ok, hint, step in checks if not ok]
    return round(100 * done / len(checks)), missing


def profile_missing_for_applying(
    *, profile: GraduateProfile, has_rows: tuple[bool, bool] | None = None
) -> list[Improvement]:
    """What a graduate must add before an application can be sent: their name and nationality,
    one education record and one skill (employers judge an application by these). The CV is
    asked for separately: a graduate may choose to apply without one. The same rule for many
    graduates at once, in the database: `graduates_ready_to_apply`.

    `has_rows`: whether they have (an education record, a skill), when the caller knows it
    already (the job page reads it from the graduate's matching facts); else two queries."""
    has_education, has_skill = (
        (profile.education.exists(), profile.skills.exists()) if has_rows is None else has_rows
    )
    checks = [
        (
            bool(profile.user.full_name.strip() and profile.nationality),
            _("your full name and nationality"),
            "basics",
        ),
        (has_education, _("at least one degree or diploma"), "education"),
        (has_skill, _("at least one skill with its level"), "skills"),
    ]
    return [Improvement(hint, step) for ok, hint, step in checks if not ok]


# --- the graduate's data export -----------------------------------------------------------------


def graduate_profile_export(*, profile: GraduateProfile) -> dict[str, Any]:
    """The profile with its education, experience and skills as JSON-ready data (the CV file is
    listed by name and date; it is downloaded on its own). Part of the person's data export."""
    profile = GraduateProfile.objects.filter(pk=profile.pk).prefetch_related(*profile_rows()).get()
    return {
        "profile": _profile_fields(profile),
        "education": [
            {
                "level": e.level,
                "field_of_study": e.field_of_study.code,
                "field_of_study_name": e.field_of_study.name,
                "programme": e.programme,
                "institution": e.institution,
                "country": str(e.country),
                "graduation_year": e.graduation_year,
            }
            for e in profile.education.all()
        ],
        "experience": [
            {
                "title": x.title,
                "isco_code": x.isco_code,
                "employer_name": x.employer_name,
                "country": str(x.country),
                "start_date": x.start_date.isoformat(),
                "end_date": x.end_date.isoformat() if x.end_date else None,
                "description": x.description,
            }
            for x in profile.experience.all()
        ],
        "skills": [
            {"skill": s.skill.name, "level": s.level, "source": s.source}
            for s in profile.skills.all()
        ],
        "unmatched_skills": [
            {
                "label": u.label,
                "level": u.level,
                "created_at": u.created_at.isoformat(),
                "resolved": u.resolved_skill_id is not None,
            }
            for u in UnmatchedSkill.objects.filter(profile=profile).order_by("created_at", "id")
        ],
    }


def _profile_fields(profile: GraduateProfile) -> dict[str, Any]:
    return {
        "nationality": str(profile.nationality or ""),
        "date_of_birth": profile.date_of_birth.isoformat() if profile.date_of_birth else None,
        "phone": str(profile.phone or ""),
        "current_country": str(profile.current_country or ""),
        "current_city": profile.current_city,
        "time_zone": profile.time_zone,
        "headline": profile.headline,
        "summary": profile.summary,
        "topik_level": profile.topik_level,
        "kiip_stage": profile.kiip_stage,
        "english_test": profile.english_test,
        "english_score": float(profile.english_score)
        if profile.english_score is not None
        else None,
        "current_visa": profile.current_visa,
        "needs_visa_sponsorship": profile.needs_visa_sponsorship,
        "preferred_industries": profile.preferred_industries,
        "preferred_regions": profile.preferred_regions,
        "preferred_job_types": profile.preferred_job_types,
        "preferred_company_sizes": profile.preferred_company_sizes,
        "min_salary_krw": profile.min_salary_krw,
        "willing_to_relocate": profile.willing_to_relocate,
        "visibility": profile.visibility,
        "cv": {
            "file_name": profile.cv_original_name,
            "uploaded_at": profile.cv_uploaded_at.isoformat() if profile.cv_uploaded_at else None,
        }
        if profile.cv
        else None,
    }


def graduates_ready_to_apply() -> Q:
    """The profiles `profile_missing_for_applying` finds nothing missing in, as a condition on
    GraduateProfile (a name that is only spaces aside: the database keeps it as typed)."""
    return (
        ~Q(user__full_name="")
        & ~Q(nationality="")
        & Q(Exists(EducationRecord.objects.filter(profile=OuterRef("pk"))))
        & Q(Exists(GraduateSkill.objects.filter(profile=OuterRef("pk"))))
    )
