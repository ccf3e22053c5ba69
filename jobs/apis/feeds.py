"""Change feeds partners sync by: what changed after `updated_since`, oldest first, in cursor
pages (core.api.pagination.ChangeFeedPagination). A partner's applicant tracking system keeps the
last item's `updated_at` and asks for what changed after it next time, instead of reading every
application again."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.pagination import ChangeFeedInputSerializer, ChangeFeedPagination
from core.api.throttling import SearchThrottle
from employers.permissions import IsVerifiedEmployerMember, membership_of
from jobs.apis.employer import EmployerApplicationOutputSerializer
from jobs.apis.public import PostingSummaryOutputSerializer
from jobs.models import Application
from jobs.selectors import applicant_shown, company_applications_changed, postings_changed_public


class ApplicationChangeOutputSerializer(EmployerApplicationOutputSerializer):
    updated_at = serializers.DateTimeField(help_text="When it last changed: the feed's order.")

    class Meta(EmployerApplicationOutputSerializer.Meta):
        fields = [*EmployerApplicationOutputSerializer.Meta.fields, "updated_at"]


class CompanyApplicationChangesApi(ListAPIView):
    """Every application to the company's postings that changed after `updated_since` (all of
    them without it: the first sync), oldest change first. An applicant who withdrew, or was
    rejected 30 days ago, shows as null, as everywhere else."""

    permission_classes = [IsVerifiedEmployerMember]
    serializer_class = ApplicationChangeOutputSerializer
    pagination_class = ChangeFeedPagination
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        query = ChangeFeedInputSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return company_applications_changed(
            employer=membership_of(self.request).employer,
            since=query.validated_data.get("updated_since"),
        )

    def paginate_queryset(self, queryset: Any) -> Any:
        page: list[Application] | None = super().paginate_queryset(queryset)
        for application in page or []:
            application.shown = applicant_shown(application)  # type: ignore[attr-defined]
        return page

    @extend_schema(
        operation_id="employer_applications_changes", parameters=[ChangeFeedInputSerializer]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PostingChangeOutputSerializer(PostingSummaryOutputSerializer):
    listed = serializers.BooleanField(
        help_text="In the public catalogue now: open, its company verified, not past its "
        "deadline. False: take it off your listing."
    )
    updated_at = serializers.DateTimeField(help_text="When it last changed: the feed's order.")

    class Meta(PostingSummaryOutputSerializer.Meta):
        fields = [*PostingSummaryOutputSerializer.Meta.fields, "status", "listed", "updated_at"]


class PublicPostingChangesApi(ListAPIView):  # type: ignore[type-arg]
    """Every posting ever published that changed after `updated_since` (all without it),
    oldest change first: a job board or a partner keeps its listing in step, closed postings
    included. Public: no token needed."""

    permission_classes = [AllowAny]
    throttle_classes = [SearchThrottle]
    serializer_class = PostingChangeOutputSerializer
    pagination_class = ChangeFeedPagination
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        query = ChangeFeedInputSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return postings_changed_public(since=query.validated_data.get("updated_since"))

    @extend_schema(operation_id="postings_changes", parameters=[ChangeFeedInputSerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
