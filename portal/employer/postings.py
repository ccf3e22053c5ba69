"""The company's postings: list, create, edit, publish, close, reopen, duplicate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from jobs.models import JobPosting, PostingStatus
from jobs.selectors import posting_e7_salary_warning, posting_skills_listed
from jobs.services import (
    posting_close,
    posting_create,
    posting_duplicate,
    posting_publish,
    posting_reopen,
    posting_update,
)
from portal.employer.access import company_member, form_errors, membership, posting_or_404
from portal.employer.posting_forms import E7_OPTIONS_ID, ISCO_OPTIONS_ID, PostingForm
from portal.employer.posting_skill_forms import (
    ADD_SKILL_ROW,
    BasePostingSkillFormSet,
    errors_silenced,
    posting_skill_formset,
    skill_row_added,
)
from portal.employer.selectors import employer_postings

POSTINGS_PER_PAGE = 25


@company_member
@require_GET
def posting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in PostingStatus.values else ""
    postings = employer_postings(employer=membership(request).employer, status=status)
    page = Paginator(postings, POSTINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "employer/posting_list.html",
        {
            "postings": page.object_list,
            "page": page,
            "query": f"status={status}" if status else "",
            "status": status,
            "statuses": PostingStatus.choices,
            "employer": membership(request).employer,
        },
    )


def _posting_form(request: AuthenticatedHttpRequest, posting: JobPosting | None) -> HttpResponse:
    """Create (posting None) or edit a posting with its skills; one page for both."""
    instance = posting or JobPosting(employer=membership(request).employer)
    data = request.POST if request.method == "POST" else None
    if data is not None and ADD_SKILL_ROW in data:
        # Without JavaScript: the same form again, everything typed kept, one more skill row.
        form = PostingForm(data, instance=instance)
        skills = posting_skill_formset(skill_row_added(data), posting=posting)
        errors_silenced(form, skills)
        return _form_page(request, form, skills, posting, status=200)
    form = PostingForm(data, instance=instance)
    skills = posting_skill_formset(data, posting=posting)
    if data is not None and form.is_valid() and skills.is_valid():
        try:
            saved = _save(request, form, skills, posting)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The posting is saved."))
            warning = posting_e7_salary_warning(posting=saved)
            if warning is not None:
                messages.warning(request, _salary_warning_text(warning))
            return redirect("employer:posting_detail", saved.pk)
    return _form_page(request, form, skills, posting, status=400 if data is not None else 200)


def _form_page(
    request: AuthenticatedHttpRequest,
    form: PostingForm,
    skills: BasePostingSkillFormSet,
    posting: JobPosting | None,
    *,
    status: int,
) -> HttpResponse:
    context = {
        "form": form,
        "skills": skills,
        "posting": posting,
        "add_skill_row": ADD_SKILL_ROW,
        "isco_options_id": ISCO_OPTIONS_ID,
        "e7_options_id": E7_OPTIONS_ID,
    }
    return render(request, "employer/posting_form.html", context, status=status)


def _save(
    request: AuthenticatedHttpRequest,
    form: PostingForm,
    skills: BasePostingSkillFormSet,
    posting: JobPosting | None,
) -> JobPosting:
    instance = form.save(commit=False)
    fields = form.cleaned_data["accepted_fields"]
    rows = skills.skill_rows()
    if posting is None:
        return posting_create(
            employer=membership(request).employer,
            posting=instance,
            accepted_fields=fields,
            skills=rows,
        )
    return posting_update(posting=instance, accepted_fields=fields, skills=rows)


def _salary_warning_text(warning: object) -> str:
    return _(
        "The salary is below the E-7 minimum in force (KRW %(amount)s a year) although the "
        "posting sponsors a visa: an offer below it cannot get an E-7 visa."
    ) % {"amount": f"{warning.threshold_krw:,}"}  # type: ignore[attr-defined]


@company_member
def posting_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _posting_form(request, None)


@company_member
def posting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _posting_form(request, posting_or_404(request, pk))


@company_member
@require_GET
def posting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # The description, skills and details are kept rendered ({% kept %}): their rows are read
    # only when the kept part is not there.
    posting = posting_or_404(request, pk, requirements=False, listed=True)
    return render(
        request,
        "employer/posting_detail.html",
        {
            "posting": posting,
            "employer": posting.employer,
            "salary_warning": posting_e7_salary_warning(posting=posting),
            "skills": SimpleLazyObject(lambda: posting_skills_listed(posting=posting)),
        },
    )


@company_member
@require_POST
def posting_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    """Publish, close, reopen or duplicate. Publishing a posting whose salary is below the E-7
    minimum needs an explicit confirmation after the warning."""
    posting = posting_or_404(request, pk)
    if action in ("publish", "reopen") and not request.POST.get("confirm_salary"):
        warning = posting_e7_salary_warning(posting=posting)
        if warning is not None:
            messages.warning(request, _salary_warning_text(warning))
            return redirect(f"{posting_url(posting)}?confirm=1#status")
    try:
        if action == "duplicate":
            copy = posting_duplicate(posting=posting)
            messages.success(request, _("A draft copy was created. Edit it, then publish."))
            return redirect("employer:posting_edit", copy.pk)
        {"publish": posting_publish, "close": posting_close, "reopen": posting_reopen}[action](
            posting=posting
        )
    except ValidationError as error:
        for text in form_errors(error):
            messages.error(request, text)
    else:
        done = {
            "publish": _("The posting is published."),
            "close": _("The posting is closed; it no longer takes applications."),
            "reopen": _("The posting is open again."),
        }
        messages.success(request, done[action])
    return redirect("employer:posting_detail", posting.pk)


def posting_url(posting: JobPosting) -> str:
    from django.urls import reverse

    return reverse("employer:posting_detail", args=[posting.pk])
