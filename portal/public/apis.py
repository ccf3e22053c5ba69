"""Public endpoints whose answer needs more than their resource's own app: the posting search
(with a signed-in graduate's match) and the companies (with their public postings counted)."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.throttling import SearchThrottle
from employers.apis import EmployerPublicProfileOutputSerializer
from employers.models import Employer
from employers.selectors import employer_detail_public
from jobs.apis.public import SUMMARY_FIELDS, PostingSummaryOutputSerializer
from jobs.filters import SORT_MATCH, PostingFilter
from jobs.models import JobPosting
from jobs.selectors import posting_list_public, posting_rank_by_match
from matching.apis.output import MatchOutputSerializer
from matching.selectors import MatchEntry, matches_for_graduate
from portal.public.selectors import company_directory, company_open_roles
from profiles.permissions import signed_in_graduate


class PostingSearchResultOutputSerializer(PostingSummaryOutputSerializer):
    match = serializers.SerializerMethodField(
        help_text="For a signed-in graduate: the posting's place in their match list, if any."
    )

    class Meta(PostingSummaryOutputSerializer.Meta):
        fields = [*SUMMARY_FIELDS, "match"]

    @extend_schema_field(MatchOutputSerializer(allow_null=True))
    def get_match(self, posting: JobPosting) -> dict[str, Any] | None:
        entry: MatchEntry | None = self.context.get("matches", {}).get(posting.pk)
        return None if entry is None else MatchOutputSerializer(entry).data  # type: ignore[return-value]


class PostingListApi(ListAPIView):
    """Search open postings. Graduates get `match` and are sorted best match first unless they
    ask for `sort=date`; everyone else gets the newest first."""

    permission_classes = [AllowAny]
    throttle_classes = [SearchThrottle]
    serializer_class = PostingSearchResultOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PostingFilter

    def get_queryset(self) -> QuerySet[JobPosting]:
        return posting_list_public()

    @extend_schema(operation_id="postings_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        found_postings = self.filter_queryset(self.get_queryset())
        profile = signed_in_graduate(request)
        matches: dict[int, MatchEntry] = {}
        ranked: list[int] = []
        if profile is not None:
            found = matches_for_graduate(graduate=profile, limit=settings.MATCHING_TOP_K)
            matches = {m.posting.pk: m.match for m in found}
            if request.query_params.get("sort", SORT_MATCH) == SORT_MATCH:
                ranked = list(matches)
        search = PostingFilter(request.query_params, request=request).search_key()
        postings = posting_rank_by_match(postings=found_postings, ranked_ids=ranked, search=search)
        # DRF paginates any sequence; its stubs accept only a QuerySet.
        page: list[JobPosting] | None = self.paginate_queryset(postings)  # type: ignore[arg-type]
        output = self.get_serializer(page, many=True, context={"matches": matches})
        return self.get_paginated_response(output.data)


# --- companies ---


class EmployerDirectoryOutputSerializer(EmployerPublicProfileOutputSerializer):
    open_postings = serializers.IntegerField(
        source="open_roles", help_text="Open postings anyone can see."
    )

    class Meta(EmployerPublicProfileOutputSerializer.Meta):
        fields = [*EmployerPublicProfileOutputSerializer.Meta.fields, "open_postings"]


class EmployerPublicDetailOutputSerializer(EmployerDirectoryOutputSerializer):
    class Meta(EmployerDirectoryOutputSerializer.Meta):
        fields = [*EmployerDirectoryOutputSerializer.Meta.fields, "description"]


class EmployerListApi(ListAPIView):
    """Verified companies, by name, with their sites, their support for foreign hires and their
    count of open postings; filter by industry, region (the company's own) or size."""

    permission_classes = [AllowAny]
    throttle_classes = [SearchThrottle]
    serializer_class = EmployerDirectoryOutputSerializer
    filterset_fields = ["industry", "region", "size_class"]

    def get_queryset(self) -> QuerySet[Employer]:
        return company_directory()

    @extend_schema(operation_id="employers_list", tags=["employers"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class EmployerDetailApi(RetrieveAPIView):
    """One verified company, as its public page shows it; any other id gives 404."""

    permission_classes = [AllowAny]
    serializer_class = EmployerPublicDetailOutputSerializer

    def get_queryset(self) -> QuerySet[Employer]:
        return company_directory()

    @extend_schema(operation_id="employers_retrieve", tags=["employers"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class EmployerPostingListApi(ListAPIView):
    """A verified company's open postings, newest first; any other company gives 404."""

    permission_classes = [AllowAny]
    serializer_class = PostingSummaryOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[JobPosting]:
        try:
            employer = employer_detail_public(pk=self.kwargs["pk"])
        except Employer.DoesNotExist as exc:
            raise Http404("No such company") from exc
        return company_open_roles(employer=employer)

    @extend_schema(operation_id="employers_postings_list", tags=["employers"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
