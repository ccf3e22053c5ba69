"""Page-number pagination for every API list: ?page=2&page_size=50 (at most 100)."""

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """{"count", "next", "previous", "results"}; an out-of-range page gives 404 (not_found)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
