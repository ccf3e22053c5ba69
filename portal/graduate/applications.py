"""My applications: the list, one application's history with the employer's messages and the
conversation with the company, withdraw (after a confirmation page)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conversations.services import conversation_for_application
from jobs.selectors import graduate_application_detail, graduate_application_list
from jobs.services import ApplicationRefused
from jobs.services import application_withdraw as application_withdraw_service
from portal.employer.interviews import interview_context
from portal.graduate.access import graduate_required
from portal.thread import thread_context
from profiles.models import GraduateProfile


@require_GET
@graduate_required
def application_list(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    applications = list(graduate_application_list(profile=profile))
    return render(request, "graduate/application_list.html", {"applications": applications})


@require_GET
@graduate_required
def application_detail(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    application = graduate_application_detail(profile=profile, pk=pk)
    conversation = conversation_for_application(application=application)
    thread = thread_context(request, conversation=conversation, side="graduate")
    interview = interview_context(application, zone=profile.effective_time_zone)
    return render(
        request,
        "graduate/application_detail.html",
        {**thread, **interview, "application": application, "back_url": request.path},
    )


@require_http_methods(["GET", "POST"])
@graduate_required
def application_withdraw(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    """GET asks for confirmation and says what withdrawing does; POST withdraws."""
    application = graduate_application_detail(profile=profile, pk=pk)
    if request.method == "GET":
        if not application.can_withdraw:
            messages.info(request, _("This application can no longer be withdrawn."))
            return redirect("graduate:application_detail", pk=application.pk)
        return render(request, "graduate/application_withdraw.html", {"application": application})
    try:
        application_withdraw_service(application=application, by=profile.user)
    except ApplicationRefused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("graduate:application_detail", pk=application.pk)
