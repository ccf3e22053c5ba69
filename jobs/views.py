from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.models import User
from jobs.models import JobPosting
from jobs.selectors import posting_detail_public, posting_list_public
from profiles.models import GraduateProfile
from profiles.selectors import graduate_profile_for_user
from visas.rules import RuleInputError
from visas.selectors import offer_facts_for_posting, person_facts_for_graduate, visa_offer_verdict
from visas.views import OFFICIAL_SOURCES


@require_GET
def posting_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(posting_list_public(), 20).get_page(request.GET.get("page"))
    return render(request, "jobs/posting_list.html", {"page": page})


@require_GET
def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        posting = posting_detail_public(pk=pk)
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such open posting") from exc
    context: dict[str, Any] = {"posting": posting, "official_sources": OFFICIAL_SOURCES}
    if isinstance(request.user, User) and request.user.is_graduate:
        context.update(_visa_box(request.user, posting))
    return render(request, "jobs/posting_detail.html", context)


def _visa_box(graduate: User, posting: JobPosting) -> dict[str, Any]:
    """Whether the posting, as an offer, opens a visa route for the signed-in graduate."""
    try:
        profile = graduate_profile_for_user(user=graduate)
        person = person_facts_for_graduate(profile=profile)
    except GraduateProfile.DoesNotExist:
        return {"visa_gaps": {"nationality": "Your profile has no nationality yet."}}
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
