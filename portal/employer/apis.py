"""Employer endpoints whose answer needs more than jobs: the company's postings with how many
candidates matching ranks for each (and creating a posting, on the same URL)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from employers.permissions import IsEmployerMember, membership_of
from jobs.apis.employer import (
    EmployerPostingOutputSerializer,
    EmployerPostingSummaryOutputSerializer,
    PostingInputSerializer,
    own_posting,
)
from jobs.models import JobPosting, PostingStatus
from jobs.services import posting_create
from portal.employer.selectors import employer_postings


class EmployerPostingListApi(ListAPIView):
    """The company's postings, newest first (`?status=draft|open|closed`); POST creates a draft."""

    permission_classes = [IsEmployerMember]
    serializer_class = EmployerPostingSummaryOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[JobPosting]:
        wanted = self.request.query_params.get("status", "")
        return employer_postings(
            employer=membership_of(self.request).employer,
            status=wanted if wanted in PostingStatus.values else "",
        )

    @extend_schema(operation_id="employer_postings_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="employer_postings_create",
        request=PostingInputSerializer,
        responses={201: EmployerPostingOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        body = PostingInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        fields, skills = data.pop("accepted_fields", []), data.pop("skills", [])
        posting = posting_create(
            employer=membership_of(request).employer,
            posting=JobPosting(**data),
            accepted_fields=fields,
            skills=skills,
        )
        output = EmployerPostingOutputSerializer(own_posting(request, posting.pk)).data
        return Response(output, status=status.HTTP_201_CREATED)
