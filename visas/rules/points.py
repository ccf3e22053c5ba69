"""Scoring a points table against a person's facts.

A factor scores the highest points among its rows that match (visas.models.points), capped by the
factor's cap; a group sums its factors, capped by its cap and floored by its floor; the total sums
the groups. Two figures come out: `total` counts only rows the facts show to match and whose
points the sources give; `upper` is the most the person could have if every row the facts cannot
decide went their way (a row's points, else its factor's or group's cap; no cap: no bound).
Unknown deductions are not applied (the facts carry no violation record).

Some rows the data gives only as a label ("graduated <= 3 years ago", "Korean master's"): the
matchers below say how to test them. A row with neither a rule nor a matcher cannot be decided.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from visas.rules.data_words import data_words
from visas.rules.factview import INF, UNKNOWN, FactView, Range
from visas.rules.logic import Tri, all_of, any_of, compare, condition_fields, condition_holds
from visas.rules.records import PointsGroupRule, PointsItemRule, PointsTableRule
from visas.rules.results import PointsLine, PointsResult
from visas.rules.wording import NOT_ANSWERED, Words, without_operators

Matcher = Callable[[FactView, PointsItemRule], Tri]
_LEVELS = ("associate", "bachelor", "master", "doctorate")
_MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class RowMatcher:
    match: Matcher
    fields: tuple[str, ...]
    upper: float | None = None  # bound on the row's points when the sources do not give them


def _fact(field: str, op: str, value: Any = None) -> Callable[[FactView], Tri]:
    return lambda view: compare(field, op, view.get(field, UNKNOWN), value)


def _level_in_label(item: PointsItemRule) -> str:
    label = item.label.lower()
    return next((level for level in _LEVELS if level in label), "")


_KOREAN_DEGREE = _fact("degree.country", "eq", "KR")


def _korea_study(view: FactView, item: PointsItemRule) -> Tri:
    """D-10-1 study in Korea: any Korean degree within 3 years of graduating, else by level."""
    years = view.get("degree.years_since_graduation", UNKNOWN)
    if "<= 3" in item.label:
        return all_of((_KOREAN_DEGREE(view), compare("", "lte", years, 3)))
    level = compare("degree.level", "eq", view.get("degree.level", UNKNOWN), _level_in_label(item))
    return all_of((_KOREAN_DEGREE(view), level, compare("", "gt", years, 3)))


def _korean_degree_of_level(view: FactView, item: PointsItemRule) -> Tri:
    level = compare("degree.level", "eq", view.get("degree.level", UNKNOWN), _level_in_label(item))
    return all_of((_KOREAN_DEGREE(view), level))


def _prestigious_of_level(view: FactView, item: PointsItemRule) -> Tri:
    level = compare("degree.level", "eq", view.get("degree.level", UNKNOWN), _level_in_label(item))
    return all_of((level, _fact("degree.prestigious_university", "true")(view)))


def _korean_any_level(view: FactView, item: PointsItemRule) -> Tri:
    return any_of(
        (_fact("korean.topik_level", "gte", 1)(view), _fact("korean.kiip_stage", "gte", 1)(view))
    )


def _by_fact(field: str, op: str, value: Any = None) -> RowMatcher:
    test = _fact(field, op, value)
    return RowMatcher(lambda view, item: test(view), (field,))


def _income_over_50000_usd(view: FactView, item: PointsItemRule) -> Tri:
    """US$50,000 in KRW, without an exchange rate: at 1,000-1,600 KRW per dollar (the range of
    the last two decades) 80M KRW is surely above it and 50M KRW surely below."""
    income = view.get("income.latest_annual_krw", UNKNOWN)
    if compare("", "gte", income, 80_000_000):
        return True
    return False if compare("", "lt", income, 50_000_000) else None


_DEGREE_FIELDS = ("degree.country", "degree.level", "degree.years_since_graduation")
ROW_MATCHERS: dict[tuple[str, str], RowMatcher] = {
    ("d-10-1-points", "korea_study"): RowMatcher(_korea_study, _DEGREE_FIELDS),
    ("d-10-1-points", "korean_ability"): RowMatcher(
        _korean_any_level, ("korean.topik_level", "korean.kiip_stage")
    ),
    ("d-10-1-points", "stem_degree"): _by_fact("degree.field_stem", "true"),
    ("d-10-1-points", "top_university"): _by_fact("degree.university_rank_qs", "lte", 500),
    ("d-10-1-points", "global_company"): _by_fact("experience.fortune500_years", "gt", 0),
    ("d-10-1-points", "recommendation"): _by_fact("recommendation.ministry_or_embassy", "true"),
    ("d-10-1-points", "high_income"): RowMatcher(
        _income_over_50000_usd, ("income.latest_annual_krw",)
    ),
    ("d-10-1-points", "other_domestic_training"): _by_fact(
        "education.domestic_training_1y", "true"
    ),
    ("f-2-7-points", "korean_degree"): RowMatcher(_korean_degree_of_level, _DEGREE_FIELDS),
    ("f-2-7-points", "prestigious_university_degree"): RowMatcher(
        _prestigious_of_level, ("degree.level", "degree.prestigious_university")
    ),
    # Brackets below 40M KRW are not published; they give less than the 40-50M bracket's 40.
    ("f-2-7-points", "annual_income"): RowMatcher(
        lambda view, item: compare("", "lt", view.get("income.previous_year_krw", UNKNOWN), 4e7),
        ("income.previous_year_krw",),
        upper=40,
    ),
    ("e-7-4-points", "employer_recommendation"): _by_fact(
        "recommendation.employer_worked_years", "gte", 1
    ),
}
# Factors that count as one: F-2-7 counts only the higher of the Korean-degree and the
# prestigious-university bonus (dev-korea calculator).
MERGED_FACTORS = {("f-2-7-points", "prestigious_university_degree"): "korean_degree"}
# Reviewed words for factors whose label in the data is a made-up id.
FACTOR_LABELS: dict[tuple[str, str], Words] = {
    ("f-2-7-points", "korean_degree"): gettext_lazy("Korean or prestigious-university degree"),
    ("f-2-7-points", "kiip_and_others"): gettext_lazy(
        "KIIP, volunteering, taxes paid and other bonuses"
    ),
}


@dataclass(slots=True)
class _Row:
    item: PointsItemRule
    test: Callable[[FactView], Tri]
    upper: float


@dataclass(slots=True)
class _Factor:
    key: str
    label: Words  # lazy where reviewed: str() it when scoring
    cap: int | None
    rows: list[_Row]
    fields: tuple[str, ...]


@dataclass(slots=True)
class _Group:
    rule: PointsGroupRule
    factors: list[_Factor]


@dataclass(frozen=True, slots=True)
class FactorScore:
    total: int
    upper: float
    line: PointsLine | None
    uncertain: bool
    unscored: str
    matched: int  # rows the facts show to match
    maybe: int  # rows the facts cannot decide


@dataclass(frozen=True, slots=True)
class GroupScore:
    total: int
    upper: float
    uncertain: bool
    matched: int
    maybe: int


@dataclass(frozen=True, slots=True)
class TableScore:
    total: int
    upper: float
    groups: dict[str, GroupScore]
    lines: tuple[PointsLine, ...]
    unscored: tuple[str, ...]
    uncertain: bool

    def field_value(self, field: str) -> Any:
        """A points field of the criteria DSL: points.total, points.group.basic, points.korean,
        oasis.points, oasis.prerequisite_items_count."""
        if field in ("points.total", "points.total_with_bonus", "oasis.points"):
            return _interval(self.total, self.upper)
        if field == "oasis.prerequisite_items_count":
            group = self.groups.get("prerequisite")
            return (
                UNKNOWN if group is None else _interval(group.matched, group.matched + group.maybe)
            )
        group = self.groups.get(field.removeprefix("points.").removeprefix("group."))
        return UNKNOWN if group is None else _interval(group.total, group.upper)

    def field_is_estimate(self, field: str) -> bool:
        """Whether a points field's value rests on incomplete tables or facts not given."""
        if field in ("points.total", "points.total_with_bonus", "oasis.points"):
            return self.uncertain or self.upper > self.total
        key = "prerequisite" if field == "oasis.prerequisite_items_count" else field
        group = self.groups.get(key.removeprefix("points.").removeprefix("group."))
        return group is None or group.uncertain or group.upper > group.total

    def result(self, table: PointsTableRule) -> PointsResult:
        shortfall = None if table.pass_mark is None else max(0, table.pass_mark - self.total)
        return PointsResult(
            items=self.lines,
            total=self.total,
            pass_mark=table.pass_mark,
            shortfall=shortfall,
            uncertain=self.uncertain or self.upper > self.total,
            max_possible=None if self.upper == INF else int(self.upper),
            unscored=self.unscored,
            table_name=data_words(table.name),
        )


def _interval(low: float, high: float) -> Any:
    return low if low == high else Range(low, high)


class CompiledTable:
    """A points table ready to score; factor scores are memoised by the facts they read."""

    def __init__(self, table: PointsTableRule, resolve: Callable[[Any], Any]) -> None:
        self.rule = table
        self.groups = [_compile_group(table.key, group, resolve) for group in table.groups]
        self.fields = frozenset(f for g in self.groups for fac in g.factors for f in fac.fields)
        self._memo: dict[tuple[Any, ...], FactorScore] = {}

    def score(self, view: FactView) -> TableScore:
        groups: dict[str, GroupScore] = {}
        lines: list[PointsLine] = []
        unscored: list[str] = []
        total, upper, uncertain = 0, 0.0, self.rule.uncertain
        for group in self.groups:
            scores = [self._factor(group, factor, view) for factor in group.factors]
            score = _group_score(group.rule, scores)
            groups[group.rule.key] = score
            total, upper = total + score.total, upper + score.upper
            uncertain = uncertain or score.uncertain
            lines.extend(s.line for s in scores if s.line is not None)
            unscored.extend(s.unscored for s in scores if s.unscored)
        if self.rule.max_points is not None:
            total, upper = min(total, self.rule.max_points), min(upper, self.rule.max_points)
        return TableScore(total, upper, groups, tuple(lines), tuple(unscored), uncertain)

    def _factor(self, group: _Group, factor: _Factor, view: FactView) -> FactorScore:
        # A score holds words: kept per language (the compiled table serves every language).
        key = (
            get_language(),
            group.rule.key,
            factor.key,
            *(view.get(f, UNKNOWN) for f in factor.fields),
        )
        score = self._memo.get(key)
        if score is None:
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            score = self._memo[key] = _score_factor(group.rule, factor, view)
        return score


def _compile_group(table_key: str, group: PointsGroupRule, resolve: Callable[[Any], Any]) -> _Group:
    deduction = group.floor_points is not None or group.key.startswith("deduction")
    factors: dict[str, _Factor] = {}
    for item in group.items:
        key = MERGED_FACTORS.get((table_key, item.factor), item.factor)
        matcher = ROW_MATCHERS.get((table_key, item.factor))
        test, fields = _row_test(item, matcher, resolve)
        if item.points is not None:
            upper: float = item.points
        elif deduction:
            upper = 0
        else:
            bound = matcher.upper if matcher and matcher.upper is not None else None
            bound = bound if bound is not None else item.factor_max_points
            bound = bound if bound is not None else group.max_points
            upper = INF if bound is None else bound
        label = FACTOR_LABELS.get((table_key, key), item.factor_label)
        factor = factors.setdefault(key, _Factor(key, label, item.factor_max_points, [], ()))
        factor.rows.append(_Row(item, test, upper))
        factor.fields = tuple(sorted({*factor.fields, *fields}))
    return _Group(group, list(factors.values()))


def _row_test(
    item: PointsItemRule, matcher: RowMatcher | None, resolve: Callable[[Any], Any]
) -> tuple[Callable[[FactView], Tri], tuple[str, ...]]:
    if not item.has_match_rule:
        if matcher is None:
            return (lambda view: None), ()
        return (lambda view: matcher.match(view, item)), matcher.fields
    fields = {item.field} if item.field else set()
    for condition in item.conditions:
        fields |= condition_fields(condition)

    def test(view: FactView) -> Tri:
        parts: list[Tri] = []
        if item.field:
            actual = view.get(item.field, UNKNOWN)
            if isinstance(actual, float) and not actual.is_integer():
                actual = math.floor(actual)  # brackets count whole years: 2.5 years is 2
            if item.min_value is not None:
                parts.append(compare(item.field, "gte", actual, item.min_value))
            if item.max_value is not None:
                parts.append(compare(item.field, "lte", actual, item.max_value))
            if item.value is not None:
                parts.append(compare(item.field, "eq", actual, item.value))
        parts.extend(condition_holds(c, view, resolve) for c in item.conditions)
        return all_of(parts)

    return test, tuple(sorted(fields))


def _score_factor(group: PointsGroupRule, factor: _Factor, view: FactView) -> FactorScore:
    best: _Row | None = None
    upper, matched, maybe, open_note = 0.0, 0, 0, ""
    for row in factor.rows:
        match = row.test(view)
        if match is False:
            continue
        matched, maybe = matched + (match is True), maybe + (match is None)
        if match is True and row.item.points is not None:
            if best is None or row.item.points > (best.item.points or 0):
                best = row
        elif not open_note:
            open_note = _("points not published") if match else str(NOT_ANSWERED)
        upper = max(upper, row.upper)
    total = (best.item.points or 0) if best else 0
    if factor.cap is not None:
        total, upper = min(total, factor.cap), min(upper, factor.cap)
    upper = max(upper, total)
    line = None
    if best is not None:
        # Translators: a points item and the row of it that counts, e.g. "Age: 25 to 29".
        words = _("%(item)s: %(row)s") % {
            "item": _factor_words(factor),
            "row": data_words(best.item.label),
        }
        line = PointsLine(data_words(group.label), without_operators(words), total)
    unscored = ""
    if upper > total:
        if upper == INF:
            # Translators: %(why)s is "not answered" or "points not published".
            words = _("%(item)s: not counted (%(why)s)")
        else:
            words = _("%(item)s: up to %(more)s more points not counted (%(why)s)")
        more = f"{upper - total:g}" if upper != INF else ""
        item = _factor_words(factor)
        unscored = without_operators(words % {"item": item, "more": more, "why": open_note})
    uncertain = bool(best and best.item.uncertain) or upper > total
    return FactorScore(total, upper, line, uncertain, unscored, matched, maybe)


def _factor_words(factor: "_Factor") -> str:
    """Reviewed words (lazy) as they are; the data's own label through the catalogue."""
    label = factor.label
    return data_words(label) if isinstance(label, str) else str(label)


def _group_score(group: PointsGroupRule, scores: list[FactorScore]) -> GroupScore:
    total = sum(score.total for score in scores)
    upper = sum(score.upper for score in scores)
    if group.max_points is not None:
        total, upper = min(total, group.max_points), min(upper, group.max_points)
    if group.floor_points is not None:
        total = max(total, group.floor_points)
    uncertain = group.uncertain or any(score.uncertain for score in scores)
    return GroupScore(
        total=total,
        upper=max(upper, total),
        uncertain=uncertain,
        matched=sum(score.matched for score in scores),
        maybe=sum(score.maybe for score in scores),
    )
