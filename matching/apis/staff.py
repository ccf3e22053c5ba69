"""Staff's match runs: start a full recompute and follow it."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from accounts.permissions import staff_with
from matching.models import MatchRun
from matching.services import match_run_request


class MatchRunOutputSerializer(serializers.ModelSerializer):
    requested_by = serializers.EmailField(source="requested_by.email", allow_null=True)
    progress_percent = serializers.IntegerField()

    class Meta:
        model = MatchRun
        fields = [
            "id", "kind", "status", "is_current", "progress_percent", "requested_by",
            "created_at", "started_at", "finished_at", "blocks_total", "blocks_done",
            "graduates_count", "postings_count", "results_count", "duration_ms", "error",
        ]  # fmt: skip


class MatchRunListApi(ListAPIView):
    """Match runs, newest first; POST starts a full recompute (as the admin's button does)."""

    permission_classes = [staff_with("matching.view_matchrun", "matching.add_matchrun")]
    serializer_class = MatchRunOutputSerializer
    filterset_fields = ["kind", "status", "is_current"]

    def get_queryset(self) -> Any:
        return MatchRun.objects.select_related("requested_by").order_by("-created_at", "-id")

    @extend_schema(operation_id="staff_match_runs_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="staff_match_runs_start",
        request=None,
        responses={202: MatchRunOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        run = match_run_request(requested_by=signed_in_user(request))
        run = self.get_queryset().get(pk=run.pk)
        return Response(MatchRunOutputSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class MatchRunDetailApi(APIView):
    permission_classes = [staff_with("matching.view_matchrun")]

    @extend_schema(operation_id="staff_match_runs_retrieve", responses=MatchRunOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        run = MatchRun.objects.select_related("requested_by").filter(pk=pk).first()
        if run is None:
            raise Http404
        return Response(MatchRunOutputSerializer(run).data)
