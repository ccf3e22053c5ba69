"""The employer's "sponsor a course" page for one of their postings' common gaps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.http import signed_in_user
from employers.permissions import signed_in_member
from jobs.models import JobPosting
from portal.employer.forms import SponsorshipForm
from skills.models import Skill
from training.models import Course
from training.selectors import sponsor_gaps_for_posting, sponsorship_interests_for_posting
from training.services import SponsorshipRefused, sponsorship_interest_record

UNVERIFIED_MESSAGE = gettext_lazy(
    "Your company must be verified by our staff before it can sponsor training."
)


def _posting_for_employer(request: HttpRequest, pk: int) -> JobPosting:
    """One of the signed-in member's company's postings; 404 for anyone else's or anyone else."""
    membership = signed_in_member(request)
    if membership is None:
        raise Http404("No such posting")
    try:
        return JobPosting.objects.select_related("employer").get(
            pk=pk, employer_id=membership.employer_id
        )
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such posting") from exc


@login_required
@require_http_methods(["GET", "POST"])
def sponsor(request: HttpRequest, posting_pk: int) -> HttpResponse:
    posting = _posting_for_employer(request, posting_pk)
    gaps = sponsor_gaps_for_posting(posting=posting)
    form = SponsorshipForm(request.POST or None, gaps=gaps)
    status = 200
    if request.method == "POST":
        if not posting.employer.is_verified:
            status = 403
            form.is_valid()
            form.add_error(
                None,
                _("Your company must be verified by our staff before it can sponsor training."),
            )
        elif form.is_valid():
            kind, pk = form.target_ids()
            course = Course.objects.filter(pk=pk).first() if kind == "course" else None
            skill = Skill.objects.filter(pk=pk).first() if kind == "skill" else None
            try:
                sponsorship_interest_record(
                    user=signed_in_user(request),
                    posting=posting,
                    course=course,
                    skill=skill,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            except SponsorshipRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Thank you: our staff will contact you about sponsoring it.")
                )
                return redirect("training:sponsor", posting_pk=posting.pk)
    context = {
        "posting": posting,
        "gaps": gaps,
        "form": form,
        "interests": sponsorship_interests_for_posting(posting_id=posting.pk),
    }
    return render(request, "training/sponsor_form.html", context, status=status)
