"""The home page, the liveness and readiness checks and the error pages."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.selectors import system_health
from portal.public.selectors import platform_figures_kept
from portal.staff.selectors import background_work


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"figures": platform_figures_kept()})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    components = system_health()
    healthy = all(c.ok for c in components)
    body: dict[str, object] = {
        "status": "ok" if healthy else "error",
        "components": {c.name: {"ok": c.ok, "detail": c.detail} for c in components},
    }
    if not healthy:
        body["down"] = [c.name for c in components if not c.ok]
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the services answer, a worker is alive, and neither the matching outbox nor
    the e-mails are falling behind (503 names what is not). Monitoring sees each check's state;
    staff also see the figures behind it."""
    work = background_work()
    staff = request.user.is_authenticated and request.user.is_staff
    body: dict[str, object] = {
        "status": "ok" if work.ok else "error",
        "checks": {
            c.name: {"ok": c.ok, "detail": c.detail} if staff else {"ok": c.ok} for c in work.checks
        },
    }
    if not work.ok:
        body["down"] = [c.name for c in work.checks if not c.ok]
    return JsonResponse(body, status=200 if work.ok else 503)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the failure may be the database.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
