"""CV files: served only through this access-checked view, never from a public URL."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from portal.graduate.access import graduate_required
from profiles.models import GraduateProfile
from profiles.selectors import cv_visible_to
from profiles.services import graduate_cv_remove

audit = logging.getLogger("talentbridge.audit")  # ids only: no name or address in the log


@never_cache
@require_GET
@login_required
def cv_download(request: HttpRequest, pk: int) -> FileResponse:
    """The CV of profile `pk` as an attachment, for those `cv_visible_to` allows; 404 otherwise
    (the same answer whether the profile exists or not)."""
    profile = GraduateProfile.objects.select_related("user").filter(pk=pk).first()
    user = request.user
    if (
        profile is None
        or not isinstance(user, User)
        or not cv_visible_to(profile=profile, user=user)
    ):
        raise Http404("No such CV")
    if profile.user_id != user.pk:  # staff reading someone's CV: on the audit record
        audit.info("staff %s read the CV of graduate profile %s", user.pk, profile.pk)
    try:
        handle = profile.cv.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The CV file is missing") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=profile.cv_filename or "cv.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
@graduate_required
def cv_remove(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    graduate_cv_remove(profile=profile)
    messages.success(request, _("Your CV is removed."))
    return redirect("graduate:step", step="cv")
