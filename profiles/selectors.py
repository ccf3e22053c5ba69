from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from jobs.models import Application, ApplicationStatusChange
from profiles.models import (
    EducationRecord,
    GraduateProfile,
    UnmatchedSkill,
    WorkExperience,
)


def graduate_profile_for_user(*, user: User) -> GraduateProfile:
    return (
        GraduateProfile.objects.select_related("user")
        .prefetch_related(
            "education__field_of_study",
            "skills__skill",
            "experience",
            Prefetch(
                "unmatched_skills",
                queryset=UnmatchedSkill.objects.filter(resolved_skill__isnull=True),
                to_attr="pending_unmatched_skills",
            ),
        )
        .get(user=user)
    )


def graduate_applications(*, profile: GraduateProfile) -> QuerySet[Application]:
    return Application.objects.filter(graduate=profile).select_related("posting__employer")


def graduate_application_list(*, profile: GraduateProfile) -> QuerySet[Application]:
    """The graduate's applications, newest first, with the number of employer messages."""
    return (
        graduate_applications(profile=profile)
        .annotate(messages_count=Count("history", filter=~Q(history__message="")))
        .order_by("-created_at", "-id")
    )


def graduate_application_detail(*, profile: GraduateProfile, pk: int) -> Application:
    """One of the graduate's own applications with its history; 404 for anyone else's."""
    history = Prefetch(
        "history",
        queryset=ApplicationStatusChange.objects.order_by("changed_at", "id"),
        to_attr="timeline",
    )
    application = (
        graduate_applications(profile=profile).prefetch_related(history).filter(pk=pk).first()
    )
    if application is None:
        raise Http404("No such application")
    return application


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
    """Who may download the graduate's CV: the graduate and staff. (Employers' access to the
    CVs of applicants and discoverable graduates is added by the employer portal.)"""
    if not user.is_authenticated or not profile.cv:
        return False
    return profile.user_id == user.pk or bool(user.is_staff)


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


@dataclass(frozen=True)
class MatchRow:
    posting: Any
    score: float
    fit: float
    reasons: list[str]
    gap: str | None
    is_new: bool


def dashboard_matches(
    *, profile: GraduateProfile, limit: int = 10, since: datetime | None = None
) -> list[MatchRow]:
    """The graduate's best matches with reasons and the main gap; `is_new` marks postings
    published after `since` (the last visit; None = everything is new)."""
    from matching.reasons import main_gap, top_reasons
    from matching.selectors import explanations_for, matches_for_graduate

    matches = matches_for_graduate(graduate=profile, limit=limit)
    explanations = explanations_for(
        graduate_ids=[profile.pk], posting_ids=[m.posting.pk for m in matches]
    ).by_posting()
    rows = []
    for item in matches:
        explanation = explanations.get(item.posting.pk)
        published = item.posting.published_at
        rows.append(
            MatchRow(
                posting=item.posting,
                score=item.match.score,
                fit=item.match.fit,
                reasons=top_reasons(explanation) if explanation else [],
                gap=main_gap(explanation) if explanation else None,
                is_new=since is None or (published is not None and published > since),
            )
        )
    return rows


COURSE_SUGGESTIONS_TTL = 600  # seconds; the key also changes with the profile and the matches


def course_suggestions(*, profile: GraduateProfile, limit: int = 6) -> list[Any] | None:
    """Courses for the graduate's gaps from the training app; None while it offers none.

    Cached per graduate until their profile or the match lists change (or ten minutes pass):
    planning reads every near-fit posting, and the dashboard asks on every visit."""
    from django.core.cache import cache

    from matching.selectors import current_run
    from profiles.training_links import training_function

    suggest = training_function("course_suggestions_for_graduate")
    if suggest is None:
        return None
    run = current_run()
    stamp = profile.updated_at.timestamp() if profile.updated_at else 0
    version = f"{run.pk}.{run.results_version}" if run else "none"
    key = f"portal:courses:{profile.pk}:{stamp}:{version}:{limit}"
    suggestions: list[Any] | None = cache.get(key)
    if suggestions is None:
        suggestions = list(suggest(graduate=profile, limit=limit))
        cache.set(key, suggestions, COURSE_SUGGESTIONS_TTL)
    return suggestions
