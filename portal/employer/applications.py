"""The hiring pipeline: a posting's board, one application with its history, moving it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from conversations.selectors import contact_shared_with
from conversations.services import conversation_for_application
from jobs.models import Application, ApplicationStatus, JobPosting
from jobs.selectors import application_history, posting_applications_chosen, posting_pipeline
from jobs.services import application_move
from jobs.services.bulk import applications_move_bulk
from portal.employer.access import application_or_404, company_member, form_errors, posting_or_404
from portal.employer.forms import ApplicationMoveForm, BulkMoveForm
from portal.employer.interviews import interview_context, interviews_attach
from portal.thread import thread_context

BOARD_COLUMNS = ("applied", "screening", "interview", "offer", "hired")
CLOSED_COLUMNS = ("rejected", "withdrawn")


@company_member
@require_GET
def pipeline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _board(request, posting_or_404(request, pk, requirements=False), None)


def _board(
    request: AuthenticatedHttpRequest, posting: JobPosting, form: BulkMoveForm | None
) -> HttpResponse:
    columns = posting_pipeline(posting=posting)
    interviews_attach(applications=[a for column in columns.values() for a in column])
    live = [a.pk for s in BOARD_COLUMNS for a in columns[s]]
    bound = form is not None
    return render(
        request,
        "employer/pipeline.html",
        {
            "posting": posting,
            "board": [(s, ApplicationStatus(s).label, columns[s]) for s in BOARD_COLUMNS],
            "closed": [(s, ApplicationStatus(s).label, columns[s]) for s in CLOSED_COLUMNS],
            "bulk_form": form or BulkMoveForm(application_ids=live),
            "selected": set(request.POST.getlist("applications")) if bound else set(),
        },
        status=400 if bound else 200,
    )


@company_member
@require_POST
def pipeline_bulk_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Move the chosen applications to one stage, or reject them with one reason; the message
    says how many moved and why any could not."""
    posting = posting_or_404(request, pk)
    ids = [a.pk for a in posting_applications_chosen(posting=posting, ids=_ids(request))]
    form = BulkMoveForm(request.POST, application_ids=ids)
    if not form.is_valid():
        return _board(request, posting, form)
    data = form.cleaned_data
    chosen = posting_applications_chosen(posting=posting, ids=data["applications"])
    try:
        result = applications_move_bulk(
            applications=chosen,
            to_status=data["to_status"],
            by=request.user,
            note=data["note"],
            message=data["message"],
            rejection_reason=data["rejection_reason"],
        )
    except PermissionDenied as exc:
        raise Http404("No such posting") from exc
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _board(request, posting, form)
    level = messages.warning if result.refused else messages.success
    level(request, result.summary())
    return redirect("employer:pipeline", posting.pk)


def _ids(request: AuthenticatedHttpRequest) -> list[int]:
    values = request.POST.getlist("applications")
    return [int(v) for v in values if v.isdigit() and len(v) <= 9]


@company_member
@require_GET
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_or_404(request, pk)
    return _detail(request, application, ApplicationMoveForm(application=application))


def _detail(
    request: AuthenticatedHttpRequest,
    application: object,
    form: ApplicationMoveForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "employer/application_detail.html",
        {
            "application": application,
            "posting": application.posting,  # type: ignore[attr-defined]
            "history": application_history(application=application),  # type: ignore[arg-type]
            "form": form,
            "shown": application.shown,  # type: ignore[attr-defined]
            "candidate_contact": contact_shared_with(
                graduate=application.graduate,  # type: ignore[attr-defined]
                employer=application.posting.employer,  # type: ignore[attr-defined]
            ),
            **_thread(request, application),  # type: ignore[arg-type]
            **interview_context(application),  # type: ignore[arg-type]
        },
        status=status,
    )


def _thread(request: AuthenticatedHttpRequest, application: Application) -> dict[str, object]:
    """The conversation with the applicant, while the company still sees them."""
    if not application.shown:  # type: ignore[attr-defined]
        return {}
    conversation = conversation_for_application(application=application)
    thread = thread_context(request, conversation=conversation, side="employer")
    message_form = thread.pop("form")  # "form" is the move form on this page
    return {**thread, "message_form": message_form, "back_url": request.path}


@company_member
@require_POST
def application_move_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Move an application along the pipeline, with a note and a message to the graduate.
    Only the transitions of PIPELINE_TRANSITIONS are offered and accepted."""
    application = application_or_404(request, pk)
    form = ApplicationMoveForm(request.POST, application=application)
    if form.is_valid():
        data = form.cleaned_data
        try:
            application_move(
                application=application,
                to_status=data["to_status"],
                by=request.user,
                note=data["note"],
                message=data["message"],
                rejection_reason=data["rejection_reason"],
            )
        except PermissionDenied as exc:
            raise Http404("No such application") from exc
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, form_errors(error))
        else:
            messages.success(
                request,
                _("Moved to %(status)s.") % {"status": ApplicationStatus(data["to_status"]).label},
            )
            if request.POST.get("next") == "board":
                return redirect("employer:pipeline", application.posting_id)
            return redirect("employer:application_detail", application.pk)
    return _detail(request, application, form, status=400)
