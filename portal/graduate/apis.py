"""Graduate endpoints whose answer needs more than matching: how the graduate matches one posting,
with the courses that close the gaps (training)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jobs.selectors import posting_list_public
from matching.apis.output import ExplanationOutputSerializer, explanation_output
from profiles.permissions import IsGraduate, graduate_profile_of
from training.selectors import explanation_with_courses


class GraduateMatchDetailApi(APIView):
    """How the graduate matches one open posting, term by term, with courses for the gaps."""

    permission_classes = [IsGraduate]

    @extend_schema(operation_id="graduate_matches_explain", responses=ExplanationOutputSerializer)
    def get(self, request: Request, posting_id: int) -> Response:
        posting = posting_list_public().filter(pk=posting_id).first()
        if posting is None:
            raise Http404
        explanation = explanation_with_courses(
            graduate=graduate_profile_of(request), posting=posting
        )
        return Response(explanation_output(explanation))
