"""Reads about a person's account: their consents and everything they may download about
themselves."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.models import Consent, User
from jobs.models import Application, ApplicationStatusChange

EXPORT_FORMAT = "talent-bridge-export/1"


def consents_for_user(*, user: User) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("recorded_at", "id")


def consent_current(*, user: User, purpose: str) -> bool:
    """Whether the latest record for the purpose gives consent (False when none exists)."""
    latest = Consent.objects.filter(user=user, purpose=purpose).order_by("-recorded_at", "-id")
    row = latest.values_list("given", flat=True).first()
    return bool(row)


def user_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about the user, as JSON-ready data.

    Applications carry their history with the messages the employer sent, never the employer's
    internal notes. The CV file itself is downloaded separately (its name and date are listed).
    """
    from profiles.models import GraduateProfile

    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "role": user.role,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [
            {
                "purpose": c.purpose,
                "version": c.version,
                "given": c.given,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in consents_for_user(user=user)
        ],
    }
    profile = (
        GraduateProfile.objects.filter(user=user)
        .prefetch_related("education__field_of_study", "experience", "skills__skill")
        .first()
    )
    if profile is not None:
        data.update(_profile_export(profile))
    return data


def _profile_export(profile: Any) -> dict[str, Any]:
    from profiles.models import UnmatchedSkill

    history = Prefetch(
        "history", queryset=ApplicationStatusChange.objects.order_by("changed_at", "id")
    )
    applications = (
        Application.objects.filter(graduate=profile)
        .select_related("posting__employer")
        .prefetch_related(history)
        .order_by("created_at", "id")
    )
    return {
        "profile": {
            "nationality": str(profile.nationality or ""),
            "date_of_birth": profile.date_of_birth.isoformat() if profile.date_of_birth else None,
            "phone": str(profile.phone or ""),
            "current_country": str(profile.current_country or ""),
            "current_city": profile.current_city,
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
                "uploaded_at": profile.cv_uploaded_at.isoformat()
                if profile.cv_uploaded_at
                else None,
            }
            if profile.cv
            else None,
        },
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
        "applications": [
            {
                "posting": a.posting.title,
                "employer": a.posting.employer.name,
                "status": a.status,
                "cover_letter": a.cover_letter,
                "applied_at": a.created_at.isoformat(),
                "history": [
                    {
                        "from_status": h.from_status,
                        "to_status": h.to_status,
                        "changed_at": h.changed_at.isoformat(),
                        "message": h.message,
                    }
                    for h in a.history.all()
                ],
            }
            for a in applications
        ],
    }
