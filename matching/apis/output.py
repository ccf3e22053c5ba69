"""What a match and its explanation look like in the API (every endpoint that shows one)."""

from collections.abc import Callable
from functools import cache
from typing import Any

from rest_framework import serializers

from jobs.models import Requirement
from matching.explain import Explanation
from matching.vocabulary import Need, SkillStatus


class MatchOutputSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="1 = the best match in the list.")
    score = serializers.FloatField(
        help_text=(
            "0-1. In a graduate's list: the harmonic mean of fit and preference. In a posting's "
            "list of candidates: the fit, with the candidate's preference only breaking ties "
            "(fit to the millionth + preference / 10^7)."
        )
    )
    fit = serializers.FloatField()
    preference = serializers.FloatField()


class CourseOfferOutputSerializer(serializers.Serializer):
    course_id = serializers.IntegerField()
    title = serializers.CharField()
    provider = serializers.CharField()
    level_reached = serializers.IntegerField()
    hours = serializers.IntegerField(allow_null=True)
    cost_usd = serializers.FloatField()
    funding = serializers.CharField()
    kind = serializers.CharField()


class SkillTermOutputSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    name = serializers.CharField()
    requirement = serializers.ChoiceField(choices=Requirement.choices)
    deal_breaker = serializers.BooleanField()
    min_level = serializers.IntegerField()
    weight = serializers.FloatField(help_text="Normalised: a posting's weights sum to 1.")
    own_level = serializers.IntegerField()
    effective_level = serializers.FloatField()
    via_skill_id = serializers.IntegerField(allow_null=True)
    via_name = serializers.CharField(allow_null=True)
    credit = serializers.FloatField()
    contribution = serializers.FloatField(help_text="This skill's share of `fit`.")
    status = serializers.ChoiceField(choices=SkillStatus.values)
    courses = CourseOfferOutputSerializer(many=True, help_text="Courses that close the gap.")
    points = serializers.IntegerField(help_text="This term in whole points of `fit_points`.")


class NeedTermOutputSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=Need.choices)
    asked = serializers.FloatField(
        help_text="In the need's unit: TOPIK level, CEFR 1-6, education rank, years."
    )
    shown = serializers.FloatField(help_text="The graduate's value in the same unit.")
    min_level = serializers.FloatField(help_text="`asked` on the 0-5 ladder.")
    level = serializers.FloatField(help_text="`shown` on the 0-5 ladder.")
    weight = serializers.FloatField()
    credit = serializers.FloatField()
    contribution = serializers.FloatField(help_text="This need's share of `fit`.")
    note = serializers.CharField()
    points = serializers.IntegerField()


class ConstraintOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    required = serializers.JSONField()  # type: ignore[assignment]  # a field; DRF's stubs see Field.required
    actual = serializers.JSONField()
    ok = serializers.BooleanField()


class PreferenceFactorOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    wanted = serializers.JSONField(help_text="Codes wanted ([] = open) or a minimum salary.")
    offered = serializers.JSONField()
    value = serializers.FloatField()
    weight = serializers.FloatField()
    note = serializers.CharField()


class GapSummaryOutputSerializer(serializers.Serializer):
    missing = serializers.IntegerField()
    below_level = serializers.IntegerField()
    related_below_level = serializers.IntegerField()
    fit_if_gaps_closed = serializers.FloatField()
    score_if_gaps_closed = serializers.FloatField()
    excluded_if_gaps_closed = serializers.BooleanField()
    note = serializers.CharField()


class ExplanationOutputSerializer(serializers.Serializer):
    """Why a graduate and a posting score what they score; the terms add up to the score."""

    graduate_id = serializers.IntegerField()
    posting_id = serializers.IntegerField()
    score = serializers.FloatField()
    fit = serializers.FloatField()
    preference = serializers.FloatField()
    excluded = serializers.BooleanField()
    excluded_reasons = serializers.ListField(child=serializers.CharField())
    skills = SkillTermOutputSerializer(many=True)
    needs = NeedTermOutputSerializer(many=True, help_text="Korean, English, education, experience.")
    constraints = ConstraintOutputSerializer(many=True)
    preference_factors = PreferenceFactorOutputSerializer(many=True)
    gap_summary = GapSummaryOutputSerializer()
    fit_points = serializers.IntegerField(
        help_text="round(100 x fit): the skills' and needs' points add up to it exactly."
    )
    score_points = serializers.IntegerField(help_text="round(100 x score).")
    preference_points = serializers.IntegerField(
        help_text="score_points - fit_points: what the graduate's own wishes change."
    )


# --- the explanation as JSON, fast ---------------------------------------------------------------
# A page of twenty candidates has some 600 terms: through DRF's serializers (after
# dataclasses.asdict) that took 9 ms a candidate. The serializers above stay the one description
# of the output (the schema is made from them); `_plan` reads their fields once and the output is
# built from the explanation's attributes with the same conversions DRF makes.

_Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _converter(field: serializers.Field) -> _Convert:  # type: ignore[type-arg]
    if isinstance(field, serializers.ListSerializer):
        assert field.child is not None
        each = _converter(field.child)
        return lambda values: [each(v) for v in values]
    if isinstance(field, serializers.Serializer):
        return _plan(type(field))
    if isinstance(field, serializers.ListField):
        item = _converter(field.child)
        return lambda values: [None if v is None else item(v) for v in values]
    if isinstance(field, serializers.BooleanField):
        return bool
    if isinstance(field, serializers.IntegerField):
        return int
    if isinstance(field, serializers.FloatField):
        return float
    if isinstance(field, serializers.ChoiceField):
        choices = field.choice_strings_to_values
        return lambda value: value if value == "" else choices.get(str(value), value)
    if isinstance(field, serializers.CharField):
        return str
    if isinstance(field, serializers.JSONField):
        return _same
    raise TypeError(f"No plain conversion for {type(field).__name__}")


@cache
def _plan(serializer: type[serializers.Serializer]) -> _Convert:  # type: ignore[type-arg]
    steps = [(name, _converter(field)) for name, field in serializer().fields.items()]

    def convert(obj: Any) -> dict[str, Any]:
        out = {}
        for name, step in steps:
            value = getattr(obj, name)
            out[name] = None if value is None else step(value)
        return out

    return convert


def explanation_output(explanation: Explanation | None) -> dict[str, Any] | None:
    """The explanation as ExplanationOutputSerializer describes it."""
    if explanation is None:
        return None
    output: dict[str, Any] = _plan(ExplanationOutputSerializer)(explanation)
    return output
