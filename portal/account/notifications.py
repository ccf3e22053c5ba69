"""The signed-in user's notifications: the list, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from notifications.selectors import notifications_for_user
from notifications.services import notifications_mark_read
from notifications.texts import notification_text


@login_required
@require_GET
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(notifications_for_user(user=request.user), 20).get_page(
        request.GET.get("page")
    )
    items = [(n, notification_text(n.kind, n.params)) for n in page]
    return render(request, "notifications/notification_list.html", {"page": page, "items": items})


@login_required
@require_POST
def notification_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mark one notification read (`id`) and follow its link, or mark all read (no `id`)."""
    raw = request.POST.get("id", "")
    notification_id = int(raw) if raw.isdigit() else None
    notifications_mark_read(user=request.user, notification_id=notification_id)
    target = request.POST.get("next", "")
    if notification_id is not None and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")
