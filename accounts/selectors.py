"""Reads about a person's account: their consents, and the account's part of their data export."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Consent, User

EXPORT_FORMAT = "talent-bridge-export/1"


def consents_for_user(*, user: User) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("recorded_at", "id")


def consent_current(*, user: User, purpose: str) -> bool:
    """Whether the latest record for the purpose gives consent (False when none exists)."""
    latest = Consent.objects.filter(user=user, purpose=purpose).order_by("-recorded_at", "-id")
    row = latest.values_list("given", flat=True).first()
    return bool(row)


def account_export(*, user: User) -> dict[str, Any]:
    """The account and its consents, as JSON-ready data: the first part of a person's data export
    (portal.account.selectors.user_data_export adds what other apps hold)."""
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "role": user.role,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [
            {
                "purpose": c.purpose,
                "version": c.version,
                "given": c.given,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in consents_for_user(user=user)
        ],
    }
