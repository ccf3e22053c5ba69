"""Screening questions in the API: a posting's questions (graduates see the questions, the
posting's company also their knockout rules), adding and removing them, and the answers."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from employers.permissions import IsEmployerMember
from jobs.models import JobPosting, QuestionKind, ScreeningAnswer, ScreeningQuestion
from jobs.selectors import posting_for_member
from jobs.services.screening import screening_question_add, screening_question_remove

PUBLIC_FIELDS = ["id", "text", "answer_kind", "required", "options"]


class ScreeningQuestionOutputSerializer(serializers.ModelSerializer):
    """A question as a graduate sees it: never its knockout rule."""

    answer_kind = serializers.ChoiceField(choices=QuestionKind.choices, source="kind")

    class Meta:
        model = ScreeningQuestion
        fields = PUBLIC_FIELDS


class EmployerScreeningQuestionOutputSerializer(serializers.ModelSerializer):
    answer_kind = serializers.ChoiceField(choices=QuestionKind.choices, source="kind")

    class Meta:
        model = ScreeningQuestion
        fields = [*PUBLIC_FIELDS, "expected_yes", "minimum", "accepted_options"]


class ScreeningQuestionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=300)
    answer_kind = serializers.ChoiceField(choices=QuestionKind.choices, source="kind")
    required = serializers.BooleanField(default=True)  # type: ignore[assignment]
    options = serializers.ListField(
        child=serializers.CharField(max_length=120), default=list, max_length=12
    )
    expected_yes = serializers.BooleanField(
        allow_null=True, default=None, help_text="Yes/no questions: the answer expected."
    )
    minimum = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, default=None,
        help_text="Number questions: the lowest answer that meets the rule.",
    )  # fmt: skip
    accepted_options = serializers.ListField(
        child=serializers.CharField(max_length=120),
        default=list,
        help_text="Choice questions: the choices that meet the rule (empty: all).",
    )


class ScreeningAnswerInputSerializer(serializers.Serializer):
    question = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="A screening question of the posting."
    )
    answer = serializers.JSONField(help_text="true/false, a number, or the text of a choice.")


class ScreeningAnswerOutputSerializer(serializers.ModelSerializer):
    answer = serializers.CharField(source="display")

    class Meta:
        model = ScreeningAnswer
        fields = ["question", "question_text", "answer", "meets"]


def answers_by_question(rows: list[dict[str, Any]]) -> dict[int, object]:
    """The apply body's answers as application_submit takes them."""
    return {row["question"]: row["answer"] for row in rows}


def _own_posting(request: Request, pk: int) -> JobPosting:
    try:
        return posting_for_member(user=signed_in_user(request), pk=pk)
    except JobPosting.DoesNotExist:
        raise Http404 from None


class EmployerScreeningQuestionListApi(APIView):
    """A posting's screening questions; POST adds one at the end."""

    permission_classes = [IsEmployerMember]

    @extend_schema(
        operation_id="employer_postings_screening_questions_list",
        responses=EmployerScreeningQuestionOutputSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        questions = _own_posting(request, pk).screening_questions.all()
        return Response(EmployerScreeningQuestionOutputSerializer(questions, many=True).data)

    @extend_schema(
        operation_id="employer_postings_screening_questions_create",
        request=ScreeningQuestionInputSerializer,
        responses={201: EmployerScreeningQuestionOutputSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        posting = _own_posting(request, pk)
        body = ScreeningQuestionInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question = screening_question_add(
            posting=posting, by=signed_in_user(request), **body.validated_data
        )
        output = EmployerScreeningQuestionOutputSerializer(question).data
        return Response(output, status=status.HTTP_201_CREATED)


class EmployerScreeningQuestionDetailApi(APIView):
    permission_classes = [IsEmployerMember]

    @extend_schema(
        operation_id="employer_postings_screening_questions_destroy", responses={204: None}
    )
    def delete(self, request: Request, pk: int, question_pk: int) -> Response:
        posting = _own_posting(request, pk)
        question = posting.screening_questions.filter(pk=question_pk).first()
        if question is None:
            raise Http404
        screening_question_remove(question=question, by=signed_in_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
