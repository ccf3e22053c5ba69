"""The graduate's dashboard: matches with reasons, applications, courses, profile completeness."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from core.fragments import kept_fragments
from jobs.selectors import graduate_application_list
from matching.models import ListKind
from matching.selectors import (
    current_run,
    graduate_matches_refreshing,
    pair_keys,
    profile_with_rows_and_facts,
)
from matching.services import impression_record
from portal.graduate.access import graduate_required
from portal.graduate.selectors import (
    MatchRow,
    course_suggestions,
    course_suggestions_kept,
    dashboard_matches,
    with_reasons,
)
from profiles.models import GraduateProfile
from profiles.selectors import profile_completeness
from profiles.services import graduate_matches_seen

DASHBOARD_MATCHES = 8
MATCH_ROWS_KEPT_SECONDS = 30 * 60


@require_GET
@graduate_required
def dashboard(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    user = profile.user
    since = user.last_seen_matches_at
    profile = profile_with_rows_and_facts(profile=profile)
    completeness, missing = profile_completeness(profile=profile)
    matches = dashboard_matches(profile=profile, limit=DASHBOARD_MATCHES, since=since)
    rows = _match_rows(profile, matches, badges=since is not None)
    graduate_matches_seen(user=user)
    refreshing = graduate_matches_refreshing(graduate=profile)
    _matches_shown(profile, matches)
    return render(
        request,
        "graduate/dashboard.html",
        {
            "profile": profile,
            "completeness": completeness,
            "missing": missing,
            "applications": list(graduate_application_list(profile=profile)[:5]),
            "matches": matches,
            "match_rows": rows,
            "new_matches": sum(1 for m in matches if m.is_new),
            "first_visit": since is None,
            "refreshing": refreshing,
            # Kept suggestions at once; otherwise the page asks for them when it has loaded.
            "courses": course_suggestions_kept(profile=profile),
        },
    )


@require_GET
@graduate_required
def dashboard_courses_partial(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    """The suggested courses alone, planned now if they were not kept (the dashboard loads
    them after itself, so planning never holds up the page)."""
    return render(
        request,
        "graduate/_dashboard_courses.html",
        {"courses": course_suggestions(profile=profile)},
    )


@require_GET
@graduate_required
def dashboard_matches_partial(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    """The matches section alone, polled by htmx while a refresh is pending. Only the last poll
    (the refresh is done, so the list has settled) is logged as an impression, not every one."""
    matches = dashboard_matches(profile=profile, limit=DASHBOARD_MATCHES, since=None)
    refreshing = graduate_matches_refreshing(graduate=profile)
    if not refreshing:
        _matches_shown(profile, matches)
    return render(
        request,
        "graduate/_dashboard_matches.html",
        {
            "matches": matches,
            "match_rows": _match_rows(profile, matches, badges=False),
            "refreshing": refreshing,
            "polled": True,
        },
    )


def _match_rows(
    profile: GraduateProfile, matches: list[MatchRow], *, badges: bool
) -> list[SafeString]:
    """Each match's card with its reasons and main gap, rendered once and kept while nothing
    it shows changes: the pair's facts and their context (matching.pair_keys), the posting's
    and its company's last change, the scores, the "New" badge, the language. `badges`: show
    "New" on postings published since the last visit (not on a first visit, nor when polled)."""
    shown = [
        (m.posting.updated_at, m.posting.employer.updated_at, m.score, m.fit, badges and m.is_new)
        for m in matches
    ]
    keys = pair_keys("match-card", [(profile.pk, m.posting.pk) for m in matches], shown)

    def render_rows(indexes: list[int]) -> list[str]:
        explained = with_reasons(profile=profile, rows=[matches[i] for i in indexes])
        card = get_template("graduate/_match_row.html")
        return [card.render({"row": row, "new": badges and row.is_new}) for row in explained]

    return kept_fragments(keys, render_rows, seconds=MATCH_ROWS_KEPT_SECONDS)


def _matches_shown(profile: GraduateProfile, matches: list[MatchRow]) -> None:
    impression_record(
        user=profile.user,
        list_kind=ListKind.GRADUATE_MATCHES,
        subject_id=profile.pk,
        item_ids=[row.posting.pk for row in matches],
        run=current_run() if matches else None,
    )
