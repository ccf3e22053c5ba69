"""Reads of the logged impressions and outcomes: a user's share of their data export."""

from typing import Any

from accounts.models import User
from matching.models import Impression, Outcome


def impressions_export(*, user: User) -> dict[str, list[dict[str, Any]]]:
    """The user's part of their data export: the ranked lists they were shown and the job pages
    they opened, oldest first."""
    return {
        "lists_shown": [
            {
                "list": impression.get_list_kind_display(),
                "shown_at": impression.shown_at.isoformat(),
                "subject_id": impression.subject_id,
                "first_position": impression.offset + 1,
                "item_ids": impression.item_ids,
            }
            for impression in Impression.objects.filter(user=user).order_by("shown_at", "id")
        ],
        "job_pages_viewed": [
            {
                "posting_id": outcome.posting_id,
                "posting": outcome.posting.title,
                "at": outcome.at.isoformat(),
            }
            for outcome in Outcome.objects.filter(user=user)
            .select_related("posting")
            .order_by("at", "id")
        ],
    }
