"""The terms of use and the privacy notice that sign-up asks everyone to agree to."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import CONSENT_VERSION


@require_GET
def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "public/terms.html", {"version": CONSENT_VERSION})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """The notice states the retention periods the platform's deletion tasks apply, read from
    the same settings, so the page and the practice cannot drift apart."""
    context = {
        "version": CONSENT_VERSION,
        "retention": settings.RETENTION_DAYS,
        "impression_days": settings.IMPRESSION_RETENTION_DAYS,
        "contact": settings.PRIVACY_CONTACT_EMAIL,
    }
    return render(request, "public/privacy.html", context)
