"""Reads the graduate's pages combine from several apps: the dashboard's matches with their
reasons, course suggestions, and what the job page adds for a graduate."""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypedDict

from django.core.cache import cache
from django.forms import Form
from django.utils import timezone
from django.utils.translation import gettext as _

from core.fragments import kept_values
from jobs.models import JobPosting
from jobs.selectors import (
    application_missing_parts,
    offer_facts_for_posting,
    posting_reader_relation,
)
from matching.explain import Explanation
from matching.facts import GraduateFacts, PostingFacts
from matching.reasons import checklist, main_gap, top_reasons
from matching.selectors import (
    explanations_for,
    graduate_facts_kept,
    graduate_list_stamp,
    matches_for_graduate,
    pair_keys,
    person_facts_kept,
    posting_facts_kept,
)
from profiles.models import GraduateProfile
from training.selectors import (
    CourseSuggestion,
    course_plan_for_posting,
    course_suggestions_for_graduate,
    explanation_with_courses,
)
from visas.rules import RuleInputError
from visas.selectors import visa_offer_verdict


@dataclass(frozen=True)
class MatchRow:
    posting: JobPosting
    score: float
    fit: float
    is_new: bool
    reasons: tuple[str, ...] = ()  # with_reasons fills these in
    gap: str | None = None


def dashboard_matches(
    *, profile: GraduateProfile, limit: int = 10, since: datetime | None = None
) -> list[MatchRow]:
    """The graduate's best matches; `is_new` marks postings published after `since` (the last
    visit; None = everything is new). Their reasons and main gap: `with_reasons`."""
    return [
        MatchRow(
            posting=item.posting,
            score=item.match.score,
            fit=item.match.fit,
            is_new=since is None
            or (item.posting.published_at is not None and item.posting.published_at > since),
        )
        for item in matches_for_graduate(graduate=profile, limit=limit)
    ]


def with_reasons(*, profile: GraduateProfile, rows: list[MatchRow]) -> list[MatchRow]:
    """The rows with the main reasons each posting fits and its main gap (explained now)."""
    explanations = explanations_for(
        graduate_ids=[profile.pk], posting_ids=[r.posting.pk for r in rows], gap_summaries=False
    ).by_posting()
    return [
        replace(row, reasons=tuple(top_reasons(e)), gap=main_gap(e))
        if (e := explanations.get(row.posting.pk)) is not None
        else row
        for row in rows
    ]


COURSE_SUGGESTIONS_TTL = 3600  # seconds; the key also changes with the profile and its list


def _course_suggestions_key(profile: GraduateProfile, limit: int) -> str:
    """Changes when the profile is saved or the graduate's own match list is rewritten (its
    version), not when anyone else's is: at real volume some list changes every minute."""
    stamp = profile.updated_at.timestamp() if profile.updated_at else 0
    return f"portal:courses:{profile.pk}:{stamp}:{graduate_list_stamp(graduate=profile)}:{limit}"


def course_suggestions_kept(
    *, profile: GraduateProfile, limit: int = 6
) -> list[CourseSuggestion] | None:
    """The graduate's course suggestions if they are kept already, else None (no planning)."""
    kept: list[CourseSuggestion] | None = cache.get(_course_suggestions_key(profile, limit))
    return kept


def course_suggestions(*, profile: GraduateProfile, limit: int = 6) -> list[CourseSuggestion]:
    """Courses for the gaps common among the graduate's best matches (training's suggestions).

    Kept per graduate until their profile or their match list changes (or an hour passes):
    planning reads every near-fit posting (30 ms, up to 100), and the dashboard asks on every
    visit. The dashboard shows kept ones at once and has the browser ask for new ones."""
    key = _course_suggestions_key(profile, limit)
    suggestions: list[CourseSuggestion] | None = cache.get(key)
    if suggestions is None:
        suggestions = course_suggestions_for_graduate(graduate=profile, limit=limit)
        cache.set(key, suggestions, COURSE_SUGGESTIONS_TTL)
    return suggestions


SEARCH_SCORES_KEPT_SECONDS = 30 * 60


class SearchScore(TypedDict):
    score: float
    excluded: bool
    gap: str | None


def search_scores(*, profile: GraduateProfile, posting_ids: list[int]) -> dict[int, SearchScore]:
    """Per posting on a search page: the graduate's score and main gap, computed once and kept
    while the pair's facts and their context stay the same (matching.pair_stamps)."""
    ids = list(posting_ids)
    keys = pair_keys("search-score", [(profile.pk, pid) for pid in ids])

    def score(indexes: list[int]) -> list[SearchScore | None]:
        wanted = [ids[i] for i in indexes]
        explanations = explanations_for(
            graduate_ids=[profile.pk], posting_ids=wanted, gap_summaries=False
        ).by_posting()
        return [
            None
            if (e := explanations.get(pid)) is None
            else {"score": e.score, "excluded": e.excluded, "gap": main_gap(e)}
            for pid in wanted
        ]

    scores = kept_values(keys, score, seconds=SEARCH_SCORES_KEPT_SECONDS)
    return {pid: found for pid, found in zip(ids, scores, strict=True) if found is not None}


# --- the job page ------------------------------------------------------------------------------


def job_page_for_graduate(
    *, profile: GraduateProfile | None, posting: JobPosting, form: Form
) -> dict[str, Any]:
    """What the job page adds for a graduate: the visa box, how they match (met / partial /
    missing) with the courses for their gaps and the plan of fewest hours, applying, and
    whether they saved it. The graduate's visa facts and the pair's matching facts come from
    the shared cache where it keeps them; their application and saving come with the posting
    when it was read for them (`posting_detail_public(reader=...)`)."""
    if profile is None:
        return {
            "visa_gaps": {"nationality": _("Your profile has no nationality yet.")},
            "apply_form": form,
            "saved_ids": set(),
        }
    return {**_visa_box(profile, posting), **_how_you_match(profile, posting, form)}


def _how_you_match(profile: GraduateProfile, posting: JobPosting, form: Form) -> dict[str, Any]:
    facts = _pair_facts(profile, posting)
    explanation = explanation_with_courses(graduate=profile, posting=posting, facts=facts)
    checks = checklist(explanation)
    gap_courses = _gap_courses(explanation)
    relation = posting_reader_relation(graduate=profile, posting=posting)
    return {
        "apply_form": form,
        "apply_missing": application_missing_parts(
            graduate=profile,
            without_cv=False,
            has_rows=(facts[0].education_rank >= 0, bool(facts[0].skills)),
        ),
        "has_cv": bool(profile.cv),
        "application": relation.application,
        "saved_ids": {posting.pk} if relation.saved else set(),
        "explanation": explanation,
        "skill_checks": checks.skills,
        "need_checks": checks.needs,
        "constraint_checks": checks.constraints,
        "gap_courses": gap_courses,
        "course_plan": None,
        "plan_pending": bool(gap_courses),  # the page asks for the plan once it has loaded
    }


def job_course_plan_for_graduate(
    *, profile: GraduateProfile, posting: JobPosting
) -> dict[str, Any]:
    """The job page's courses for the graduate's gaps with the plan of fewest hours (the page
    shows the courses at once and asks for this after it has loaded)."""
    facts = _pair_facts(profile, posting)
    explanation = explanation_with_courses(graduate=profile, posting=posting, facts=facts)
    return {
        "posting": posting,
        "gap_courses": _gap_courses(explanation),
        "course_plan": course_plan_for_posting(
            graduate=profile, posting=posting, facts=facts, before=explanation
        ),
        "plan_pending": False,
    }


def _pair_facts(
    profile: GraduateProfile, posting: JobPosting
) -> tuple[GraduateFacts, PostingFacts]:
    return graduate_facts_kept(ids=[profile.pk])[0], posting_facts_kept(ids=[posting.pk])[0]


def _gap_courses(explanation: Explanation) -> list[dict[str, Any]]:
    """Each course that teaches one of the gaps, once, with the first gap it teaches."""
    found, seen = [], set()
    for term in explanation.skills:
        for course in term.courses:
            if course.course_id not in seen:
                seen.add(course.course_id)
                found.append({"skill": term.name, "course": course})
    return found


def _visa_box(profile: GraduateProfile, posting: JobPosting) -> dict[str, Any]:
    """Whether the posting, as an offer, opens a visa route for the signed-in graduate."""
    try:
        person = person_facts_kept(profile=profile)
    except RuleInputError as error:
        return {"visa_gaps": error.errors}
    verdict = visa_offer_verdict(
        person=person, offer=offer_facts_for_posting(posting=posting), on=timezone.localdate()
    )
    if not verdict.routes:  # no rules loaded: no answer rather than a misleading "no"
        return {"visa_verdict": None}
    threshold = verdict.salary_threshold_krw
    return {
        "visa_verdict": verdict,
        "visa_salary_floor_below": threshold is not None
        and posting.salary_min_krw < threshold <= posting.salary_max_krw,
    }
