from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Min, Q, QuerySet

from accounts.models import User
from notifications.models import DeliveryStatus, EmailDelivery, Notification


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


# Creating a notification and marking them read forget the kept figure (notifications.services);
# what they miss (a pruned unread notification, an edit in the admin) shows within ten minutes.
UNREAD_KEPT_SECONDS = 600


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(*, user: User) -> int:
    """The user's unread notifications (the nav's figure, on every signed-in page).

    Kept in the shared cache for ten minutes; a new notification and marking read forget it
    once their transaction commits (notifications.services)."""
    kept: int | None = cache.get(unread_key(user.pk))
    if kept is None:
        kept = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(unread_key(user.pk), kept, UNREAD_KEPT_SECONDS)
    return kept


def email_deliveries_due(*, now: datetime, limit: int) -> list[int]:
    """Pending deliveries whose next attempt is due and that no worker holds, oldest first."""
    return list(
        EmailDelivery.objects.filter(status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )


@dataclass(frozen=True)
class DeliveryBacklog:
    pending: int
    oldest_due_seconds: float | None  # the longest a due e-mail has waited for its attempt
    failed: int  # failed for good, waiting for staff to send them again


def delivery_backlog(*, now: datetime) -> DeliveryBacklog:
    due = EmailDelivery.objects.filter(status=DeliveryStatus.PENDING).aggregate(
        count=Count("id"), oldest=Min("next_attempt_at", filter=Q(next_attempt_at__lte=now))
    )
    oldest = due["oldest"]
    return DeliveryBacklog(
        pending=due["count"],
        oldest_due_seconds=None if oldest is None else (now - oldest).total_seconds(),
        failed=EmailDelivery.objects.filter(status=DeliveryStatus.FAILED).count(),
    )
