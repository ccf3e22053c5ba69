"""An employer's own postings and applications. Querysets start from the caller's company, so
another company's ids give 404, and no body can name the company: it is always the caller's."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from employers.permissions import IsEmployerMember, IsVerifiedEmployerMember
from jobs.apis.public import FieldOfStudyOutputSerializer, PostingSkillOutputSerializer
from jobs.apis.screening import (
    EmployerScreeningQuestionOutputSerializer,
    ScreeningAnswerOutputSerializer,
)
from jobs.models import (
    PIPELINE_TRANSITIONS,
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    JobPosting,
    Requirement,
)
from jobs.selectors import (
    application_for_member,
    application_history,
    posting_for_member,
    posting_pipeline,
)
from jobs.services import (
    application_move,
    posting_close,
    posting_duplicate,
    posting_publish,
    posting_reopen,
    posting_update,
)
from profiles.models import FieldOfStudy, GraduateProfile
from skills.models import Skill
from skills.selectors import skill_for_label

POSTING_FIELDS = [
    "title", "description", "occupation", "isco_code", "e7_code", "min_education", "min_topik",
    "english_requirement", "min_experience_years", "salary_min_krw", "salary_max_krw", "region",
    "city", "job_type", "visa_sponsorship", "is_eps_job", "openings", "deadline",
]  # fmt: skip

# --- postings -----------------------------------------------------------------------------------


class PostingSkillInputSerializer(serializers.Serializer):
    skill = serializers.CharField(
        max_length=120, help_text="The skill's name, an alias or its Korean name."
    )
    requirement = serializers.ChoiceField(choices=Requirement.choices, default=Requirement.REQUIRED)
    min_level = serializers.IntegerField(min_value=1, max_value=5, default=3)
    weight = serializers.FloatField(min_value=0.1, max_value=5.0, default=1.0)

    def validate_skill(self, label: str) -> Skill:
        skill = skill_for_label(label=label)
        if skill is None:
            raise serializers.ValidationError(
                _("“%(label)s” is not in the skill list.") % {"label": label}
            )
        return skill


class PostingInputSerializer(serializers.ModelSerializer):
    accepted_fields = serializers.ListField(
        child=serializers.CharField(max_length=4),
        required=False,
        help_text="ISCED-F codes of the fields of study accepted; empty = any.",
    )
    skills = PostingSkillInputSerializer(many=True, required=False)

    class Meta:
        model = JobPosting
        fields = [*POSTING_FIELDS, "accepted_fields", "skills"]

    def validate_accepted_fields(self, codes: list[str]) -> list[FieldOfStudy]:
        found = {f.code: f for f in FieldOfStudy.objects.filter(code__in=codes)}
        unknown = sorted(set(codes) - set(found))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown field(s) of study: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        return list(found.values())

    def validate_skills(self, rows: list[dict[str, Any]]) -> list[tuple[int, str, int, float]]:
        ids = [row["skill"].pk for row in rows]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(_("A skill is listed twice."))
        return [(r["skill"].pk, r["requirement"], r["min_level"], r["weight"]) for r in rows]


class EmployerPostingOutputSerializer(serializers.ModelSerializer):
    skills = PostingSkillOutputSerializer(many=True)
    accepted_fields = FieldOfStudyOutputSerializer(many=True)
    location = serializers.CharField(read_only=True)
    screening_questions = EmployerScreeningQuestionOutputSerializer(many=True)

    class Meta:
        model = JobPosting
        fields = [
            "id", *POSTING_FIELDS, "location", "status", "published_at", "created_at", "updated_at",
            "skills", "accepted_fields", "screening_questions",
        ]  # fmt: skip


class EmployerPostingSummaryOutputSerializer(serializers.ModelSerializer):
    applications_total = serializers.IntegerField()
    applications_new = serializers.IntegerField()
    ranked_candidates = serializers.IntegerField()

    class Meta:
        model = JobPosting
        fields = [
            "id", "title", "status", "region", "city", "job_type", "deadline", "published_at",
            "created_at", "applications_total", "applications_new", "ranked_candidates",
        ]  # fmt: skip


def own_posting(request: Request, pk: int, *, requirements: bool = True) -> JobPosting:
    """One of the caller's company's postings (`requirements`: posting_for_member); else 404."""
    try:
        return posting_for_member(user=signed_in_user(request), pk=pk, requirements=requirements)
    except JobPosting.DoesNotExist:
        raise Http404 from None


def _current_rows(
    posting: JobPosting,
) -> tuple[list[FieldOfStudy], list[tuple[int, str, int, float]]]:
    fields = list(posting.accepted_fields.all())
    skills = [(s.skill_id, s.requirement, s.min_level, s.weight) for s in posting.skills.all()]
    return fields, skills


class EmployerPostingDetailApi(APIView):
    permission_classes = [IsEmployerMember]

    @extend_schema(
        operation_id="employer_postings_retrieve", responses=EmployerPostingOutputSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(EmployerPostingOutputSerializer(own_posting(request, pk)).data)

    @extend_schema(
        operation_id="employer_postings_update",
        request=PostingInputSerializer(partial=True),
        responses=EmployerPostingOutputSerializer,
        description="Change some fields; `skills` and `accepted_fields`, when sent, replace "
        "the lists.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        posting = own_posting(request, pk)
        body = PostingInputSerializer(posting, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        fields, skills = _current_rows(posting)
        fields, skills = data.pop("accepted_fields", fields), data.pop("skills", skills)
        for name, value in data.items():
            setattr(posting, name, value)
        posting_update(posting=posting, accepted_fields=fields, skills=skills)
        return Response(EmployerPostingOutputSerializer(own_posting(request, pk)).data)


class _PostingStepApi(APIView):
    permission_classes = [IsEmployerMember]
    step = staticmethod(posting_publish)
    created = False

    def _run(self, request: Request, pk: int) -> Response:
        posting = self.step(posting=own_posting(request, pk))
        output = EmployerPostingOutputSerializer(own_posting(request, posting.pk)).data
        return Response(output, status=status.HTTP_201_CREATED if self.created else 200)


def _step_schema(name: str, summary: str, code: int = 200) -> Any:
    return extend_schema(
        operation_id=f"employer_postings_{name}",
        summary=summary,
        request=None,
        responses={code: EmployerPostingOutputSerializer},
    )


class EmployerPostingPublishApi(_PostingStepApi):
    permission_classes = [IsEmployerMember]
    step = staticmethod(posting_publish)

    @_step_schema("publish", "Publish a draft (once staff have verified the company)")
    def post(self, request: Request, pk: int) -> Response:
        return self._run(request, pk)


class EmployerPostingCloseApi(_PostingStepApi):
    permission_classes = [IsEmployerMember]
    step = staticmethod(posting_close)

    @_step_schema("close", "Close a published posting")
    def post(self, request: Request, pk: int) -> Response:
        return self._run(request, pk)


class EmployerPostingReopenApi(_PostingStepApi):
    permission_classes = [IsEmployerMember]
    step = staticmethod(posting_reopen)

    @_step_schema("reopen", "Reopen a closed posting")
    def post(self, request: Request, pk: int) -> Response:
        return self._run(request, pk)


class EmployerPostingDuplicateApi(_PostingStepApi):
    permission_classes = [IsEmployerMember]
    step = staticmethod(posting_duplicate)
    created = True

    @_step_schema("duplicate", "Copy a posting as a new draft", 201)
    def post(self, request: Request, pk: int) -> Response:
        return self._run(request, pk)


# --- applications -------------------------------------------------------------------------------


class ApplicantOutputSerializer(serializers.ModelSerializer):
    """The applicant as the company sees them: no e-mail address or phone number, which the
    graduate shares in the conversation when they choose (the conversation API gives them)."""

    full_name = serializers.CharField(source="user.full_name")
    nationality = serializers.CharField()

    class Meta:
        model = GraduateProfile
        fields = ["id", "full_name", "nationality", "headline", "topik_level"]


class EmployerApplicationOutputSerializer(serializers.ModelSerializer):
    graduate = serializers.SerializerMethodField(
        help_text="The applicant; null once they withdrew, or 30 days after a rejection."
    )
    cover_letter = serializers.SerializerMethodField(help_text="Empty once the applicant is not.")
    allowed_moves = serializers.SerializerMethodField()
    screening_answers = serializers.SerializerMethodField(
        help_text="Answers to the screening questions (`meets` false: misses a knockout rule)."
    )

    @extend_schema_field(ScreeningAnswerOutputSerializer(many=True))
    def get_screening_answers(self, application: Application) -> list[dict[str, Any]]:
        if not getattr(application, "shown", False):
            return []
        answers = application.screening_answers.all()
        return ScreeningAnswerOutputSerializer(answers, many=True).data  # type: ignore[return-value]

    def get_cover_letter(self, application: Application) -> str:
        return application.cover_letter if getattr(application, "shown", False) else ""

    @extend_schema_field(ApplicantOutputSerializer(allow_null=True))
    def get_graduate(self, application: Application) -> dict[str, Any] | None:
        if not getattr(application, "shown", False):
            return None
        return ApplicantOutputSerializer(application.graduate).data  # type: ignore[return-value]

    class Meta:
        model = Application
        fields = [
            "id", "posting", "graduate", "status", "status_changed_at", "created_at",
            "cover_letter", "rejection_reason", "allowed_moves", "screening_answers",
        ]  # fmt: skip

    def get_allowed_moves(self, application: Application) -> list[str]:
        moves = PIPELINE_TRANSITIONS[application.status] - {ApplicationStatus.WITHDRAWN}
        return sorted(moves, key=ApplicationStatus.values.index)


class EmployerHistoryOutputSerializer(serializers.ModelSerializer):
    changed_by = serializers.SerializerMethodField(
        help_text="Who moved it: a colleague's e-mail address; null for the applicant's own step."
    )

    class Meta:
        model = ApplicationStatusChange
        fields = ["from_status", "to_status", "changed_at", "changed_by", "note", "message"]

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_changed_by(self, change: ApplicationStatusChange) -> str | None:
        applicant = change.application.graduate.user_id
        if change.changed_by is None or change.changed_by_id == applicant:
            return None
        return change.changed_by.email


class EmployerApplicationDetailOutputSerializer(EmployerApplicationOutputSerializer):
    history = serializers.SerializerMethodField()

    class Meta(EmployerApplicationOutputSerializer.Meta):
        fields = [*EmployerApplicationOutputSerializer.Meta.fields, "history"]

    @extend_schema_field(EmployerHistoryOutputSerializer(many=True))
    def get_history(self, application: Application) -> list[dict[str, Any]]:
        changes = application_history(application=application)
        return EmployerHistoryOutputSerializer(changes, many=True).data  # type: ignore[return-value]


class MoveInputSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(
        choices=ApplicationStatus.choices,
        help_text="See allowed_moves; only the graduate withdraws.",
    )
    note = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Internal; the graduate never sees it.",
    )
    message = serializers.CharField(
        allow_blank=True, default="", max_length=2000, help_text="Shown to the graduate."
    )
    rejection_reason = serializers.CharField(
        allow_blank=True, default="", max_length=300, help_text="Required to reject."
    )


class PostingApplicationListApi(ListAPIView):
    """A posting's applications in pipeline order (`?status=` for one column)."""

    permission_classes = [IsVerifiedEmployerMember]
    serializer_class = EmployerApplicationOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> list[Application]:  # type: ignore[override]
        posting = own_posting(self.request, self.kwargs["pk"], requirements=False)
        columns = posting_pipeline(posting=posting)
        wanted = self.request.query_params.get("status", "")
        if wanted in columns:
            return columns[wanted]
        return [application for column in columns.values() for application in column]

    @extend_schema(
        operation_id="employer_postings_applications",
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=ApplicationStatus.values,
                description="One pipeline column only.",
            )
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def own_application(request: Request, pk: int) -> Application:
    try:
        return application_for_member(user=signed_in_user(request), pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def _detail(application: Application) -> dict[str, Any]:
    return EmployerApplicationDetailOutputSerializer(application).data  # type: ignore[return-value]


class EmployerApplicationDetailApi(APIView):
    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(
        operation_id="employer_applications_retrieve",
        responses=EmployerApplicationDetailOutputSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(own_application(request, pk)))


class EmployerApplicationMoveApi(APIView):
    """Move an application along the pipeline; only allowed transitions are accepted."""

    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(
        operation_id="employer_applications_move",
        request=MoveInputSerializer,
        responses=EmployerApplicationDetailOutputSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        application = own_application(request, pk)
        body = MoveInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application_move(application=application, by=signed_in_user(request), **body.validated_data)
        return Response(_detail(own_application(request, pk)))
