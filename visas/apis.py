"""REST: the visa guidance engine as one public operation, POST /api/v1/visas/evaluate/.

The input serializers describe the body for the OpenAPI schema; the values are checked by the
engine's own validators (`validate_person`, `validate_offer`), the same ones the checker page
uses, so both give the same messages. Errors come back in the API's one shape, every problem at
once, named by their path in the body:
{"error": {"code": "validation_error", "message": ..., "fields": {"person.age": ["..."]}}}.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar, cast

from django.core.cache import caches
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.represent import represent
from profiles.permissions import IsGraduate, graduate_profile_of
from profiles.selectors import graduate_profile_for_user
from visas.rules import (
    GOAL_CHOICES,
    PATHWAY_CODES,
    Guidance,
    OfferFacts,
    OfferVerdict,
    PersonFacts,
    RuleInputError,
    validate_offer,
    validate_person,
)
from visas.rules.facts import EDUCATION_LEVELS, EMPLOYER_SIZES
from visas.selectors import (
    EARLIEST_AS_OF,
    LATEST_AS_OF,
    person_facts_for_graduate,
    visa_answer_key,
    visa_guidance,
    visa_offer_verdict,
)

Facts = TypeVar("Facts")
Errors = dict[str, list[str]]
VERDICTS = ("eligible", "eligible_once", "not_open")

# --- Input (documents the body; the engine validates it) ----------------------------------------


class PersonInputSerializer(serializers.Serializer):
    nationality = serializers.CharField(help_text="ISO 3166-1 alpha-2 code, e.g. VN.")
    age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    education_level = serializers.ChoiceField(
        choices=EDUCATION_LEVELS, required=False, help_text="Highest degree or diploma."
    )
    field_stem = serializers.BooleanField(required=False, default=False)
    degree_country = serializers.CharField(required=False, help_text="Country of the degree.")
    korean_degree = serializers.BooleanField(
        required=False, default=False, help_text="The highest degree is from a Korean university."
    )
    topik = serializers.IntegerField(required=False, min_value=0, max_value=6, default=0)
    kiip_stage = serializers.IntegerField(required=False, min_value=0, max_value=5, default=0)
    experience_years = serializers.FloatField(required=False, min_value=0, max_value=60)
    korean_experience_years = serializers.FloatField(required=False, min_value=0, max_value=60)
    current_visa = serializers.CharField(
        required=False, help_text='Status code on the residence card, e.g. D-2, E-7-1; "" none.'
    )
    status_expires = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The day the current status ends (on the residence card); needs current_visa.",
    )
    annual_income_krw = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    years_since_graduation = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=60
    )
    extra = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text='Answers keyed by rule field, e.g. {"record.imprisonment_offence": false}.',
    )


class OfferInputSerializer(serializers.Serializer):
    annual_salary_krw = serializers.IntegerField(min_value=0)
    occupation_code = serializers.CharField(required=False, help_text="KSCO code, e.g. 2351.")
    employer_size = serializers.ChoiceField(choices=EMPLOYER_SIZES, required=False, default="sme")
    sponsorship = serializers.BooleanField(required=False, default=True)
    eps_job = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Filled through the Employment Permit System (only such jobs open E-9); "
        "null when unknown.",
    )
    extra = serializers.DictField(child=serializers.JSONField(), required=False)


class EvaluateInputSerializer(serializers.Serializer):
    person = PersonInputSerializer()
    offer = OfferInputSerializer(required=False, allow_null=True)
    as_of = serializers.DateField(required=False, help_text="Rules in force on; default today.")
    goal = serializers.ChoiceField(
        choices=GOAL_CHOICES,
        required=False,
        help_text="What the person wants to do: the routes to it come first and the headline "
        "answers for it.",
    )


# --- Output -------------------------------------------------------------------------------------


class CriterionOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field; DRF's stubs see Field.label
    group = serializers.CharField()
    actual = serializers.CharField()
    required = serializers.CharField()  # type: ignore[assignment]  # a field; DRF's stubs see Field.required
    met = serializers.BooleanField(allow_null=True, help_text="null: the facts cannot tell.")
    uncertain = serializers.BooleanField()
    source_keys = serializers.ListField(child=serializers.CharField())


class PointsLineOutputSerializer(serializers.Serializer):
    group = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field; DRF's stubs see Field.label
    points = serializers.IntegerField()


class PointsOutputSerializer(serializers.Serializer):
    table_name = serializers.CharField()
    items = PointsLineOutputSerializer(many=True)
    total = serializers.IntegerField()
    pass_mark = serializers.IntegerField(allow_null=True)
    shortfall = serializers.IntegerField(allow_null=True)
    max_possible = serializers.IntegerField(allow_null=True)
    unscored = serializers.ListField(child=serializers.CharField())
    uncertain = serializers.BooleanField()


class NextStepOutputSerializer(serializers.Serializer):
    action = serializers.CharField()
    effort = serializers.IntegerField(help_text="Rough months of work; lower is easier.")
    points_gain = serializers.IntegerField(allow_null=True)
    skill_hint = serializers.CharField()
    opens_route = serializers.BooleanField()
    cost = serializers.CharField(help_text="What the step costs in money, in words; may be empty.")


class ProgressionOutputSerializer(serializers.Serializer):
    codes = serializers.ListField(child=serializers.CharField())
    current_index = serializers.IntegerField(allow_null=True)
    pathway_index = serializers.IntegerField()


class UriField(serializers.URLField):
    """A link as a URI: some official sources have Korean characters in their paths (IRIs),
    which are percent-encoded so that every client can follow them. No link: null."""

    def to_representation(self, value: str) -> str | None:  # type: ignore[override]  # null: no link
        return iri_to_uri(value) if value else None


class SourceOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = UriField(allow_null=True)
    date_stated = serializers.DateField(allow_null=True)
    date_stated_text = serializers.CharField()
    uncertain = serializers.BooleanField()
    official = serializers.BooleanField(
        help_text="Published by the Korean government or its agencies; false: a secondary source."
    )


class PathwayOutputSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=PATHWAY_CODES)
    name = serializers.CharField()
    name_ko = serializers.CharField()
    verdict = serializers.ChoiceField(choices=VERDICTS)
    summary = serializers.CharField()
    criteria = CriterionOutputSerializer(many=True)
    points = PointsOutputSerializer(allow_null=True)
    next_steps = NextStepOutputSerializer(many=True)
    progression = ProgressionOutputSerializer()
    sources = SourceOutputSerializer(many=True)
    uncertain = serializers.BooleanField()
    uncertain_reasons = serializers.ListField(child=serializers.CharField())


class GniOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value_krw = serializers.IntegerField()
    uncertain = serializers.BooleanField()


class OfferVerdictOutputSerializer(serializers.Serializer):
    opens_route = serializers.BooleanField(
        allow_null=True, help_text="null: a route may open once conditions are confirmed."
    )
    summary = serializers.CharField()
    criteria = CriterionOutputSerializer(many=True)
    routes = PathwayOutputSerializer(many=True)
    salary_threshold_krw = serializers.IntegerField(allow_null=True)
    uncertain = serializers.BooleanField()
    sources = SourceOutputSerializer(many=True)


class EvaluateOutputSerializer(serializers.Serializer):
    on = serializers.DateField()
    pathways = PathwayOutputSerializer(many=True)
    gni = GniOutputSerializer(allow_null=True)
    uncertain = serializers.BooleanField()
    notes = serializers.ListField(child=serializers.CharField())
    headline = serializers.CharField(help_text="The answer in a paragraph, in plain words.")
    offer_verdict = OfferVerdictOutputSerializer(
        allow_null=True, help_text="Whether the offer opens a work route; null without an offer."
    )


# --- The operation ------------------------------------------------------------------------------


_EXAMPLE = {
    "person": {
        "nationality": "VN",
        "age": 26,
        "education_level": "bachelor",
        "field_stem": True,
        "topik": 3,
        "experience_years": 2,
    },
    "offer": {"annual_salary_krw": 36000000, "occupation_code": "2351", "employer_size": "sme"},
    "as_of": "2026-03-01",
}


class VisaEvaluateApi(APIView):
    """Public and stateless: it reads the rules and stores nothing, so it needs no session (and
    no CSRF token from a signed-in browser)."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="visas_evaluate",
        summary="Visa routes open to a person (and a job offer)",
        description=(
            "Evaluates every visa route the platform covers against the rules in force on "
            "`as_of` (default today). Guidance, not legal advice: confirm with HiKorea "
            "(https://www.hikorea.go.kr) or the Korea Visa Portal (https://www.visa.go.kr)."
        ),
        request=EvaluateInputSerializer,
        responses={200: EvaluateOutputSerializer},
        examples=[
            OpenApiExample("Vietnamese engineer with an offer", value=_EXAMPLE, request_only=True)
        ],
        tags=["visas"],
    )
    def post(self, request: Request) -> Response:
        body = request.data  # malformed JSON: the shared `parse_error`, as on every endpoint
        if not isinstance(body, Mapping):
            return _bad({"__all__": ["Expected a JSON object with person, offer and as_of."]})
        errors: Errors = {
            str(name): ["Unknown field."]
            for name in body
            if name not in EvaluateInputSerializer._declared_fields
        }
        person = _facts(validate_person, body.get("person"), "person", errors, required=True)
        offer = _facts(validate_offer, body.get("offer"), "offer", errors, required=False)
        on = _as_of(body.get("as_of"), errors)
        goal = body.get("goal") or ""
        if not isinstance(goal, str) or (goal and goal not in GOAL_CHOICES):
            errors["goal"] = [
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(GOAL_CHOICES)}
            ]
        if errors or person is None or on is None:
            return _bad(errors)
        return Response(_evaluation(person, offer, on, goal))


# An evaluation's response is kept this long in the process ("answers" cache), under the
# rules' version token: the same question (a shared example, a client's retry) is answered
# without evaluating and serializing every route again, and a rule edit changes the token.
EVALUATION_KEPT_SECONDS = 600


def _evaluation(
    person: PersonFacts, offer: OfferFacts | None, on: date, goal: str
) -> dict[str, Any]:
    key = visa_answer_key("evaluate", person, offer, on.isoformat(), goal)
    if key is not None:
        kept = caches["answers"].get(key)
        if kept is not None:
            return cast(dict[str, Any], kept)
    guidance = visa_guidance(person=person, offer=offer, on=on, goal=goal)
    verdict = None if offer is None else visa_offer_verdict(person=person, offer=offer, on=on)
    payload = _represented(guidance, verdict)
    if key is not None:
        caches["answers"].set(key, payload, EVALUATION_KEPT_SECONDS)
    return payload


def _represented(guidance: Guidance, verdict: OfferVerdict | None) -> dict[str, Any]:
    """The guidance (and the offer's verdict) as EvaluateOutputSerializer shapes it."""
    output = {
        "on": guidance.on,
        "pathways": guidance.pathways,
        "gni": guidance.gni,
        "uncertain": guidance.uncertain,
        "notes": guidance.notes,
        "headline": guidance.headline,
        "offer_verdict": verdict,
    }
    return represent(EvaluateOutputSerializer, output)


def _bad(errors: Errors) -> Response:
    """Every problem at once, in the API's one error shape (core.api.errors)."""
    raise exceptions.ValidationError(errors)


def _facts(
    validate: Callable[[Mapping[str, Any]], Facts],
    raw: Any,
    name: str,
    errors: Errors,
    *,
    required: bool,
) -> Facts | None:
    if raw is None:
        if required:
            errors[name] = [_("This field is required.")]
        return None
    try:
        return validate(raw)
    except RuleInputError as error:
        for field, message in error.errors.items():
            errors[name if field == "__all__" else f"{name}.{field}"] = [message]
        return None


def _as_of(raw: Any, errors: Errors) -> date | None:
    if raw is None or raw == "":
        return timezone.localdate()
    try:
        day: date = serializers.DateField().run_validation(raw)
    except serializers.ValidationError as error:
        errors["as_of"] = [str(message) for message in error.detail]
        return None
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        errors["as_of"] = [f"Choose a day between {EARLIEST_AS_OF} and {LATEST_AS_OF}."]
        return None
    return day


# --- the graduate's own guidance ---


class VisaGuidanceApi(APIView):
    """The visa routes open to the graduate today, from their profile (guidance, not legal
    advice). Without a nationality on the profile: 400 naming the field."""

    permission_classes = [IsGraduate]

    @extend_schema(operation_id="graduate_visa_guidance", responses=EvaluateOutputSerializer)
    def get(self, request: Request) -> Response:
        profile = graduate_profile_for_user(user=graduate_profile_of(request).user)
        on = timezone.localdate()
        try:
            person = person_facts_for_graduate(profile=profile, on=on)
        except RuleInputError as error:
            raise serializers.ValidationError(
                {field: [message] for field, message in error.errors.items()}
            ) from None
        guidance = visa_guidance(person=person, offer=None, on=on)
        return Response(_represented(guidance, None))
