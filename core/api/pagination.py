"""Page-number pagination for every API list: ?page=2&page_size=50 (at most 100); cursor pages
for the change feeds partners sync by (`?updated_since=`)."""

from typing import Any

from rest_framework import serializers
from rest_framework.pagination import CursorPagination, PageNumberPagination


class ApiPagination(PageNumberPagination):
    """{"count", "next", "previous", "results"}; an out-of-range page gives 404 (not_found)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """The schema says what the server does: pages from 1, 1 to 100 items, 20 by default
        (a larger page_size is served as 100)."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "default": 1}
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
        return parameters


class ChangeFeedPagination(CursorPagination):
    """A change feed's pages: oldest change first, by an opaque cursor (`next`), so a page is
    never skipped or repeated as rows change meanwhile (an offset would shift). An item changed
    again while a partner pages shows again later, with its new state."""

    ordering = ("updated_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


class ChangeFeedInputSerializer(serializers.Serializer[Any]):
    updated_since = serializers.DateTimeField(
        required=False,
        help_text="ISO 8601 with a time zone, e.g. 2026-12-01T09:00:00+09:00: only what changed "
        "after it. Keep the last item's `updated_at` and send it next time.",
    )
