"""A posting's ranked candidates, one candidate's profile and CV (logged), inviting them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from conversations.selectors import contact_shared_with
from core.fragments import kept_fragments
from employers.models import AccessKind
from employers.permissions import employer_may_see_graduates
from employers.services import candidate_access_record
from jobs.models import JobPosting
from jobs.selectors import candidate_for_employer, candidate_standing
from jobs.services import posting_invite_candidate
from matching.models import ListKind
from matching.selectors import (
    CandidateFilters,
    CandidateMatch,
    candidates_for_posting,
    current_run,
    explanations_for,
    pair_keys,
)
from matching.services import impression_record
from portal.employer.access import company_member, form_errors, membership, posting_or_404
from portal.employer.forms import CandidateFilterForm, CandidateInviteForm
from profiles.models import GraduateProfile

CANDIDATES_SHOWN = 50  # the posting's ranked list (MATCHING_TOP_K)
CANDIDATES_PER_PAGE = 20
CANDIDATE_ROWS_KEPT_SECONDS = 30 * 60


def _filters(form: CandidateFilterForm) -> CandidateFilters:
    if not form.is_valid():
        return CandidateFilters()
    data = form.cleaned_data
    return CandidateFilters(
        nationality=data.get("nationality") or "",
        min_topik=data.get("min_topik"),
        min_education=data.get("min_education") or "",
        min_score=data["min_score"] / 100 if data.get("min_score") is not None else None,
        order_by=data.get("order_by") or "score",
    )


@company_member
@require_GET
def candidate_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The posting's ranked candidates, each with the explanation of the score and the gaps.
    A company not verified by staff sees no candidate's personal data. The list shown is logged
    as an impression; opening a candidate is already logged by candidate_access_record."""
    posting = posting_or_404(request, pk, requirements=False)
    form = CandidateFilterForm(request.GET or None)
    ranked = []
    if employer_may_see_graduates(posting.employer):
        ranked = candidates_for_posting(
            posting=posting, filters=_filters(form), limit=CANDIDATES_SHOWN
        )
    page = Paginator(ranked, CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
    candidates = list(page.object_list)
    rows = list(zip(candidates, _candidate_rows(posting, candidates), strict=True))
    impression_record(
        user=request.user,
        list_kind=ListKind.CANDIDATES,
        subject_id=posting.pk,
        item_ids=[c.graduate.pk for c in candidates],
        offset=(page.number - 1) * CANDIDATES_PER_PAGE,
        run=current_run() if candidates else None,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "employer/candidate_list.html",
        {
            "posting": posting,
            "form": form,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "employer": posting.employer,
            "filtered": any(v not in (None, "") for k, v in request.GET.items() if k != "page"),
        },
    )


def _candidate_rows(posting: JobPosting, candidates: list[CandidateMatch]) -> list[SafeString]:
    """Each candidate's row with the explanation of their score, rendered once and kept while
    nothing it shows changes: the pair's facts and their context (matching.pair_stamps), the
    name, headline, nationality and TOPIK shown, the scores and the language."""
    shown = [
        (c.match, c.graduate.user.get_full_name(), c.graduate.headline,
         str(c.graduate.nationality), c.graduate.topik_level)
        for c in candidates
    ]  # fmt: skip
    keys = pair_keys("candidate-row", [(c.graduate.pk, posting.pk) for c in candidates], shown)

    def render_rows(indexes: list[int]) -> list[str]:
        wanted = [candidates[i] for i in indexes]
        explanations = explanations_for(
            graduate_ids=[c.graduate.pk for c in wanted], posting_ids=[posting.pk]
        ).by_graduate()
        row = get_template("employer/_candidate_row.html")
        return [
            row.render(
                {"posting": posting, "candidate": c, "explanation": explanations.get(c.graduate.pk)}
            )
            for c in wanted
        ]

    return kept_fragments(keys, render_rows, seconds=CANDIDATE_ROWS_KEPT_SECONDS)


def _candidate_or_404(request: AuthenticatedHttpRequest, graduate_id: int) -> GraduateProfile:
    try:
        return candidate_for_employer(
            employer=membership(request).employer, graduate_id=graduate_id
        )
    except GraduateProfile.DoesNotExist as exc:
        raise Http404("No such candidate") from exc


@company_member
@require_GET
def candidate_detail(request: AuthenticatedHttpRequest, pk: int, graduate_id: int) -> HttpResponse:
    posting = posting_or_404(request, pk, requirements=False, listed=True)
    profile = _candidate_or_404(request, graduate_id)
    candidate_access_record(
        employer=posting.employer,
        viewer=request.user,
        graduate=profile,
        kind=AccessKind.PROFILE,
        posting_id=posting.pk,
    )
    return render(
        request,
        "employer/candidate_detail.html",
        {
            "posting": posting,
            "profile": profile,
            "explanation_part": _explanation_part(profile, posting),
            "invite_form": CandidateInviteForm(),
            "candidate_contact": contact_shared_with(graduate=profile, employer=posting.employer),
            "standing": candidate_standing(posting=posting, graduate=profile),
        },
    )


def _explanation_part(profile: GraduateProfile, posting: JobPosting) -> SafeString:
    """The candidate's "Why this score" card, rendered once and kept while the pair's facts and
    their context stay the same (matching.pair_stamps), as their row in the list is."""
    keys = pair_keys("candidate-explanation", [(profile.pk, posting.pk)])

    def render_part(_indexes: list[int]) -> list[str]:
        explained = explanations_for(graduate_ids=[profile.pk], posting_ids=[posting.pk])
        part = get_template("employer/_candidate_explanation.html")
        return [part.render({"explanation": explained.pair(profile.pk, posting.pk)})]

    return kept_fragments(keys, render_part, seconds=CANDIDATE_ROWS_KEPT_SECONDS)[0]


@company_member
@require_GET
def candidate_cv(request: AuthenticatedHttpRequest, graduate_id: int) -> FileResponse:
    """The graduate's CV, for members of a company that may see it; every view is logged."""
    profile = _candidate_or_404(request, graduate_id)
    if not profile.cv:
        raise Http404("No CV")
    posting = _posting_from_query(request)
    candidate_access_record(
        employer=membership(request).employer,
        viewer=request.user,
        graduate=profile,
        kind=AccessKind.CV,
        posting_id=posting.pk if posting else None,
    )
    response = FileResponse(
        profile.cv.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=profile.cv_filename or "cv.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _posting_from_query(request: AuthenticatedHttpRequest) -> JobPosting | None:
    raw = request.GET.get("posting", "")
    if not raw.isdigit():
        return None
    return JobPosting.objects.filter(pk=int(raw), employer=membership(request).employer).first()


@company_member
@require_POST
def candidate_invite(request: AuthenticatedHttpRequest, pk: int, graduate_id: int) -> HttpResponse:
    posting = posting_or_404(request, pk, requirements=False)
    profile = _candidate_or_404(request, graduate_id)
    form = CandidateInviteForm(request.POST)
    if form.is_valid():
        try:
            posting_invite_candidate(
                posting=posting,
                graduate=profile,
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except PermissionDenied as exc:
            raise Http404("No such candidate") from exc
        except ValidationError as error:
            for text in form_errors(error):
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("%(name)s is invited to apply.") % {"name": profile.user.get_full_name()},
            )
    return redirect("employer:candidate_detail", posting.pk, profile.pk)
