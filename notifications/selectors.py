from datetime import datetime

from django.db.models import Q, QuerySet

from accounts.models import User
from notifications.models import DeliveryStatus, EmailDelivery, Notification


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def email_deliveries_due(*, now: datetime, limit: int) -> list[int]:
    """Pending deliveries whose next attempt is due and that no worker holds, oldest first."""
    return list(
        EmailDelivery.objects.filter(status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
