"""A graduate's saved jobs and saved searches (with their alerts' frequency). Only the graduate
who saved them sees them: anyone else's id gives 404."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.choices import AlertFrequency
from jobs.apis.public import PostingSummaryOutputSerializer
from jobs.filters import SEARCH_PARAMS
from jobs.models import JobPosting, SavedJob, SavedSearch
from jobs.selectors import (
    posting_list_public,
    saved_jobs_for_graduate,
    saved_search_for_graduate,
    saved_searches_for_graduate,
)
from jobs.services import (
    saved_job_add,
    saved_job_remove,
    saved_search_create,
    saved_search_delete,
    saved_search_update,
)
from profiles.permissions import IsGraduate, graduate_profile_of


class SavedJobInputSerializer(serializers.Serializer):
    posting = serializers.PrimaryKeyRelatedField(
        queryset=JobPosting.objects.none(), help_text="An open posting's id."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posting"].queryset = posting_list_public()  # type: ignore[attr-defined]


class SavedJobOutputSerializer(serializers.ModelSerializer):
    posting = PostingSummaryOutputSerializer()
    is_open = serializers.SerializerMethodField(help_text="Whether the posting still takes "
                                                "applications.")  # fmt: skip

    class Meta:
        model = SavedJob
        fields = ["id", "posting", "is_open", "created_at"]

    def get_is_open(self, saved: SavedJob) -> bool:
        return saved.posting.is_public


class SearchFiltersSerializer(serializers.Serializer):
    """The job search's filters, as GET /api/v1/postings/ takes them."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    industry = serializers.CharField(required=False, allow_blank=True)
    region = serializers.CharField(required=False, allow_blank=True)
    job_type = serializers.CharField(required=False, allow_blank=True)
    salary = serializers.CharField(required=False, allow_blank=True)
    topik = serializers.CharField(required=False, allow_blank=True)
    sponsorship = serializers.BooleanField(required=False)


class SavedSearchInputSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)
    frequency = serializers.ChoiceField(
        choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    filters = SearchFiltersSerializer(required=False, default=dict)


class SavedSearchUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=80)
    frequency = serializers.ChoiceField(choices=AlertFrequency.choices, required=False)


class SavedSearchOutputSerializer(serializers.ModelSerializer):
    filters = serializers.DictField(child=serializers.CharField())

    class Meta:
        model = SavedSearch
        fields = ["id", "name", "filters", "frequency", "created_at", "updated_at"]


class SavedJobListApi(ListAPIView):
    """The graduate's saved jobs, last saved first (closed ones too); POST saves an open one."""

    permission_classes = [IsGraduate]
    serializer_class = SavedJobOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[SavedJob]:
        return saved_jobs_for_graduate(graduate=graduate_profile_of(self.request))

    @extend_schema(operation_id="graduate_saved_jobs_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="graduate_saved_jobs_create",
        request=SavedJobInputSerializer,
        responses={201: SavedJobOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        body = SavedJobInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile = graduate_profile_of(request)
        saved = saved_job_add(graduate=profile, posting=body.validated_data["posting"])
        saved = saved_jobs_for_graduate(graduate=profile).get(pk=saved.pk)
        return Response(SavedJobOutputSerializer(saved).data, status=status.HTTP_201_CREATED)


class SavedJobDetailApi(APIView):
    permission_classes = [IsGraduate]

    def _saved(self, request: Request, pk: int) -> SavedJob:
        saved = saved_jobs_for_graduate(graduate=graduate_profile_of(request)).filter(pk=pk).first()
        if saved is None:
            raise Http404("No such saved job")
        return saved

    @extend_schema(operation_id="graduate_saved_jobs_retrieve", responses=SavedJobOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(SavedJobOutputSerializer(self._saved(request, pk)).data)

    @extend_schema(operation_id="graduate_saved_jobs_destroy", responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        saved = self._saved(request, pk)
        saved_job_remove(graduate=saved.graduate, posting_id=saved.posting_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SavedSearchListApi(ListAPIView):
    """The graduate's saved searches; POST saves one (filters as the job search takes them)."""

    permission_classes = [IsGraduate]
    serializer_class = SavedSearchOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[SavedSearch]:
        return saved_searches_for_graduate(graduate=graduate_profile_of(self.request))

    @extend_schema(operation_id="graduate_saved_searches_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="graduate_saved_searches_create",
        request=SavedSearchInputSerializer,
        responses={201: SavedSearchOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        body = SavedSearchInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        filters = {k: v for k, v in body.validated_data["filters"].items() if k in SEARCH_PARAMS}
        if filters.get("sponsorship") is not None:
            filters["sponsorship"] = "on" if filters["sponsorship"] else ""
        search = saved_search_create(
            graduate=graduate_profile_of(request),
            params=filters,
            name=body.validated_data["name"],
            frequency=body.validated_data["frequency"],
        )
        return Response(SavedSearchOutputSerializer(search).data, status=status.HTTP_201_CREATED)


class SavedSearchDetailApi(APIView):
    """One saved search: read, rename or change its alerts (PATCH), delete."""

    permission_classes = [IsGraduate]

    @extend_schema(
        operation_id="graduate_saved_searches_retrieve", responses=SavedSearchOutputSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        search = saved_search_for_graduate(graduate=graduate_profile_of(request), pk=pk)
        return Response(SavedSearchOutputSerializer(search).data)

    @extend_schema(
        operation_id="graduate_saved_searches_update",
        request=SavedSearchUpdateInputSerializer,
        responses=SavedSearchOutputSerializer,
    )
    def patch(self, request: Request, pk: int) -> Response:
        search = saved_search_for_graduate(graduate=graduate_profile_of(request), pk=pk)
        body = SavedSearchUpdateInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        search = saved_search_update(search=search, **body.validated_data)
        return Response(SavedSearchOutputSerializer(search).data)

    @extend_schema(operation_id="graduate_saved_searches_destroy", responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        search = saved_search_for_graduate(graduate=graduate_profile_of(request), pk=pk)
        saved_search_delete(search=search)
        return Response(status=status.HTTP_204_NO_CONTENT)
