"""REST for a graduate's own profile: basics, languages, preferences, education, skills, CV and
their visa guidance. Every write goes through profiles.services (which re-match the graduate);
ids of someone else's rows give 404."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.fields import UploadField
from core.api.files import PDF_DOWNLOAD_RESPONSES, pdf_download
from profiles.models import (
    EducationRecord,
    FieldOfStudy,
    GraduateProfile,
    GraduateSkill,
    UnmatchedSkill,
)
from profiles.permissions import IsGraduate, graduate_profile_of
from profiles.selectors import (
    education_record_for_graduate,
    graduate_profile_for_user,
    profile_completeness,
)
from profiles.services import (
    BASICS_FIELDS,
    LANGUAGE_FIELDS,
    education_record_delete,
    education_record_save,
    graduate_basics_update,
    graduate_cv_remove,
    graduate_cv_replace,
    graduate_digest_frequency_set,
    graduate_languages_update,
    graduate_preferences_update,
    graduate_skills_set_from_labels,
    graduate_visibility_set,
)

PREFERENCE_FIELDS = [
    "preferred_industries", "preferred_regions", "preferred_job_types",
    "preferred_company_sizes", "min_salary_krw", "willing_to_relocate", "visibility",
    "match_digest_frequency",
]  # fmt: skip

# --- serializers --------------------------------------------------------------------------------


class BasicsInputSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(max_length=150, required=False)

    class Meta:
        model = GraduateProfile
        fields = ["full_name", *sorted(BASICS_FIELDS)]


class LanguagesInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = GraduateProfile
        fields = sorted(LANGUAGE_FIELDS)


class PreferencesInputSerializer(serializers.ModelSerializer):
    preferred_industries = serializers.ListField(child=serializers.CharField(), required=False)
    preferred_regions = serializers.ListField(child=serializers.CharField(), required=False)
    preferred_job_types = serializers.ListField(child=serializers.CharField(), required=False)
    preferred_company_sizes = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = GraduateProfile
        fields = PREFERENCE_FIELDS


class ProfileOutputSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")
    nationality = serializers.CharField()
    current_country = serializers.CharField()
    phone = serializers.CharField()
    preferred_industries = serializers.ListField(child=serializers.CharField())
    preferred_regions = serializers.ListField(child=serializers.CharField())
    preferred_job_types = serializers.ListField(child=serializers.CharField())
    preferred_company_sizes = serializers.ListField(child=serializers.CharField())
    cv_filename = serializers.CharField()
    needs_visa_sponsorship = serializers.BooleanField(
        read_only=True,
        help_text="Whether an employer must sponsor a work visa: follows from current_visa "
        "(F-2, F-4, F-5 and F-6 allow any work).",
    )
    completeness = serializers.SerializerMethodField(help_text="Percent of the profile filled in.")

    class Meta:
        model = GraduateProfile
        fields = [
            "id", "email", "full_name", *sorted(BASICS_FIELDS), *sorted(LANGUAGE_FIELDS),
            *PREFERENCE_FIELDS, "needs_visa_sponsorship", "cv_filename", "cv_uploaded_at",
            "completeness", "updated_at",
        ]  # fmt: skip

    def get_completeness(self, profile: GraduateProfile) -> int:
        return profile_completeness(profile=profile)[0]


class EducationSerializer(serializers.ModelSerializer):
    """Input and output alike: one degree or diploma (field of study by ISCED-F code)."""

    field_of_study = serializers.SlugRelatedField(
        slug_field="code", queryset=FieldOfStudy.objects.all(), help_text="ISCED-F code."
    )
    country = serializers.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code.")

    class Meta:
        model = EducationRecord
        fields = [
            "id", "level", "field_of_study", "programme", "institution", "country",
            "graduation_year",
        ]  # fmt: skip
        read_only_fields = ["id"]
        # The model's check constraint, so every bad field is reported at once.
        extra_kwargs = {"graduation_year": {"min_value": 1950, "max_value": 2100}}


class SkillRowInputSerializer(serializers.Serializer):
    skill = serializers.CharField(max_length=80, help_text="Name, alias or Korean name.")
    level = serializers.IntegerField(min_value=1, max_value=5, help_text="1 basic … 5 expert")


class SkillsInputSerializer(serializers.Serializer):
    skills = SkillRowInputSerializer(many=True, help_text="Replaces the whole list.")


class GraduateSkillOutputSerializer(serializers.ModelSerializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField(
        source="skill.name", help_text="The name, as PUT takes it: a GET's rows can be sent back."
    )
    name = serializers.CharField(source="skill.name", help_text="The same as `skill`.")

    class Meta:
        model = GraduateSkill
        fields = ["skill_id", "skill", "name", "level", "source"]


class UnmatchedSkillOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnmatchedSkill
        fields = ["label", "level"]


class SkillsOutputSerializer(serializers.Serializer):
    skills = GraduateSkillOutputSerializer(many=True)
    unmatched = UnmatchedSkillOutputSerializer(
        many=True, help_text="Names that match no skill yet: kept for staff to review."
    )


class CvUploadInputSerializer(serializers.Serializer):
    file = UploadField(help_text="A PDF, at most CV_MAX_BYTES (5 MB by default).")


# --- views --------------------------------------------------------------------------------------


def _profile(request: Request) -> GraduateProfile:
    """The caller's profile with what the output needs prefetched."""
    return graduate_profile_for_user(user=graduate_profile_of(request).user)


class ProfileApi(APIView):
    """The graduate's profile; PATCH changes the basics (name and personal details)."""

    permission_classes = [IsGraduate]

    @extend_schema(operation_id="graduate_profile_retrieve", responses=ProfileOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(ProfileOutputSerializer(_profile(request)).data)

    @extend_schema(
        operation_id="graduate_profile_update",
        request=BasicsInputSerializer(partial=True),
        responses=ProfileOutputSerializer,
    )
    def patch(self, request: Request) -> Response:
        profile = _profile(request)
        body = BasicsInputSerializer(profile, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        full_name = values.pop("full_name", profile.user.full_name)
        graduate_basics_update(profile=profile, full_name=full_name, **values)
        return Response(ProfileOutputSerializer(_profile(request)).data)


class LanguagesApi(APIView):
    """TOPIK, KIIP and an English test: PATCH changes them (re-matches the graduate)."""

    permission_classes = [IsGraduate]

    @extend_schema(
        operation_id="graduate_languages_update",
        request=LanguagesInputSerializer(partial=True),
        responses=ProfileOutputSerializer,
    )
    def patch(self, request: Request) -> Response:
        profile = _profile(request)
        body = LanguagesInputSerializer(profile, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        current = {name: getattr(profile, name) for name in LANGUAGE_FIELDS}
        graduate_languages_update(profile=profile, **{**current, **body.validated_data})
        return Response(ProfileOutputSerializer(_profile(request)).data)


class PreferencesApi(APIView):
    """What the graduate wants and who may see them: PATCH re-matches the graduate; becoming
    discoverable (or not) records the consent; `match_digest_frequency` (daily, weekly, off)
    is how often the e-mail of new matching jobs comes."""

    permission_classes = [IsGraduate]

    @extend_schema(
        operation_id="graduate_preferences_update",
        request=PreferencesInputSerializer(partial=True),
        responses=ProfileOutputSerializer,
    )
    def patch(self, request: Request) -> Response:
        profile = _profile(request)
        body = PreferencesInputSerializer(profile, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        visibility = values.pop("visibility", None)
        digest = values.pop("match_digest_frequency", None)
        if values:
            graduate_preferences_update(profile=profile, **values)
        if visibility is not None:
            graduate_visibility_set(profile=profile, visibility=visibility)
        if digest is not None:
            graduate_digest_frequency_set(profile=profile, frequency=digest)
        return Response(ProfileOutputSerializer(_profile(request)).data)


class EducationListApi(ListAPIView):
    permission_classes = [IsGraduate]
    serializer_class = EducationSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        return (
            EducationRecord.objects.filter(profile=graduate_profile_of(self.request))
            .select_related("field_of_study")
            .order_by("-graduation_year", "id")
        )

    @extend_schema(operation_id="graduate_education_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="graduate_education_create",
        request=EducationSerializer,
        responses={201: EducationSerializer},
    )
    def post(self, request: Request) -> Response:
        body = EducationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = education_record_save(
            profile=graduate_profile_of(request), record=EducationRecord(**body.validated_data)
        )
        return Response(EducationSerializer(record).data, status=status.HTTP_201_CREATED)


class EducationDetailApi(APIView):
    permission_classes = [IsGraduate]

    def _record(self, request: Request, pk: int) -> EducationRecord:
        return education_record_for_graduate(profile=graduate_profile_of(request), pk=pk)

    @extend_schema(operation_id="graduate_education_retrieve", responses=EducationSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(EducationSerializer(self._record(request, pk)).data)

    @extend_schema(
        operation_id="graduate_education_update",
        request=EducationSerializer(partial=True),
        responses=EducationSerializer,
    )
    def patch(self, request: Request, pk: int) -> Response:
        record = self._record(request, pk)
        body = EducationSerializer(record, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        for name, value in body.validated_data.items():
            setattr(record, name, value)
        record = education_record_save(profile=graduate_profile_of(request), record=record)
        return Response(EducationSerializer(record).data)

    @extend_schema(operation_id="graduate_education_delete", responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        profile = graduate_profile_of(request)
        education_record_delete(profile=profile, record=self._record(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _skills_output(profile: GraduateProfile) -> dict[str, Any]:
    skills = GraduateSkill.objects.filter(profile=profile).select_related("skill")
    unmatched = UnmatchedSkill.objects.filter(profile=profile, resolved_skill__isnull=True)
    return SkillsOutputSerializer({"skills": skills, "unmatched": unmatched}).data  # type: ignore[return-value]


class SkillsApi(APIView):
    """The graduate's skills with levels. PUT replaces them: names are resolved like the site's
    form (names, aliases, Korean names); a name that matches nothing is kept for review."""

    permission_classes = [IsGraduate]

    @extend_schema(operation_id="graduate_skills_retrieve", responses=SkillsOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(_skills_output(graduate_profile_of(request)))

    @extend_schema(
        operation_id="graduate_skills_replace",
        request=SkillsInputSerializer,
        responses=SkillsOutputSerializer,
    )
    def put(self, request: Request) -> Response:
        body = SkillsInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile = graduate_profile_of(request)
        rows = [(row["skill"], row["level"]) for row in body.validated_data["skills"]]
        graduate_skills_set_from_labels(profile=profile, rows=rows)
        return Response(_skills_output(profile))


class CvApi(APIView):
    """The graduate's own CV: GET downloads it, PUT uploads a PDF (content checked), DELETE
    removes it. It is never served from a public URL."""

    permission_classes = [IsGraduate]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="graduate_cv_download",
        responses=PDF_DOWNLOAD_RESPONSES,
    )
    def get(self, request: Request) -> FileResponse:
        profile = graduate_profile_of(request)
        if not profile.cv:
            raise Http404
        return pdf_download(request, profile.cv, filename=profile.cv_filename or "cv.pdf")

    @extend_schema(
        operation_id="graduate_cv_upload",
        request={"multipart/form-data": CvUploadInputSerializer},
        responses=ProfileOutputSerializer,
    )
    def put(self, request: Request) -> Response:
        body = CvUploadInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            graduate_cv_replace(
                profile=graduate_profile_of(request), upload=body.validated_data["file"]
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError({"file": error.messages}) from None
        return Response(ProfileOutputSerializer(_profile(request)).data)

    @extend_schema(operation_id="graduate_cv_delete", responses={204: None})
    def delete(self, request: Request) -> Response:
        graduate_cv_remove(profile=graduate_profile_of(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
