"""Moving several of a posting's applications in one call (jobs.services.bulk): the same rules
as one move each; the answer lists what moved and what could not, with the reason."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from employers.permissions import IsVerifiedEmployerMember
from jobs.apis.employer import MoveInputSerializer, own_posting
from jobs.selectors import posting_applications_chosen
from jobs.services.bulk import applications_move_bulk


class BulkMoveInputSerializer(MoveInputSerializer):
    applications = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        min_length=1,
        max_length=200,
        help_text="Ids of the posting's applications (others' ids are ignored).",
    )


class BulkRefusalOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reason = serializers.CharField()


class BulkMoveOutputSerializer(serializers.Serializer):
    moved = serializers.ListField(child=serializers.IntegerField())
    refused = BulkRefusalOutputSerializer(many=True)
    summary = serializers.CharField(help_text='E.g. "3 moved, 1 could not be moved: …".')


class PostingApplicationsBulkMoveApi(APIView):
    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(
        operation_id="employer_postings_applications_move",
        request=BulkMoveInputSerializer,
        responses=BulkMoveOutputSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        posting = own_posting(request, pk, requirements=False)
        body = BulkMoveInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        chosen = posting_applications_chosen(posting=posting, ids=data.pop("applications"))
        result = applications_move_bulk(applications=chosen, by=signed_in_user(request), **data)
        output = {
            "moved": [application.pk for application in result.moved],
            "refused": [{"id": a.pk, "reason": reason} for a, reason in result.refused],
            "summary": result.summary(),
        }
        return Response(BulkMoveOutputSerializer(output).data)
