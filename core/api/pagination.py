"""Page-number pagination for every API list: ?page=2&page_size=50 (at most 100)."""

from typing import Any

from rest_framework.pagination import PageNumberPagination


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
