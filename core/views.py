from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from core.selectors import platform_figures, staff_overview, system_health


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"figures": platform_figures()})


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


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send each role to its own dashboard."""
    user = request.user
    if user.is_staff:
        return redirect("staff_dashboard")
    if user.is_employer_member:
        return redirect("employers:dashboard")
    return redirect("profiles:dashboard")


@login_required
def staff_dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    return render(
        request,
        "core/staff_dashboard.html",
        {"figures": platform_figures(), "overview": staff_overview()},
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the failure may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
