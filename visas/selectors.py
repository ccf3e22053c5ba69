"""Reads for the visas app: the rules the guidance engine applies, with their sources."""

import hashlib
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language
from django_countries.fields import Country
from modeltranslation.utils import build_localized_fieldname

# The graduate's facts live in visas.graduate_facts; pages and the analytics import them from here.
from core.versions import version_token
from visas.graduate_facts import active_graduates_facts as active_graduates_facts
from visas.graduate_facts import nationality_missing as nationality_missing
from visas.graduate_facts import person_facts_for_graduate as person_facts_for_graduate
from visas.models import (
    CriterionGroup,
    GniValue,
    PointsGroup,
    PointsItem,
    PointsTable,
    RuleSource,
    SalaryThreshold,
    SendingCountry,
    ThresholdScope,
    VisaCriterion,
    VisaNote,
    VisaProgression,
    VisaType,
)
from visas.rules import (
    Guidance,
    OfferFacts,
    OfferVerdict,
    PathwayResult,
    PersonFacts,
    evaluate_all,
    evaluate_offer,
    evaluate_routes,
)
from visas.rules.records import GniFigure, SalaryThresholdRule
from visas.rules.references import SALARY_KEY
from visas.rules.snapshot import RulesSnapshot, snapshot_from_rows

# The days a visa question may be asked "as of" (the checker's form and the API accept these).
EARLIEST_AS_OF = date(2000, 1, 1)
LATEST_AS_OF = date(2099, 12, 31)


def gni_for_year(*, year: int, on: date) -> GniFigure | None:
    """The GNI per capita published for `year`, or None when it is not loaded: from the rules
    this process keeps for `on` (`rules_snapshot_cached`, no query once kept)."""
    return next((gni for gni in rules_snapshot_cached(on=on).gni if gni.year == year), None)


def salary_threshold_in_force(
    *,
    visa_code: str,
    key: str = SALARY_KEY,
    on: date,
    applies_to: str = ThresholdScope.ALL,
) -> SalaryThresholdRule | None:
    """The salary threshold for a visa on a day, or None when no source covers that day: from
    the rules this process keeps for `on` (`rules_snapshot_cached`, no query once kept).

    For `applies_to="sme_or_venture"` a rule for SMEs wins; when the period has none, the rule for
    all employers applies (from 2025-04-01 E-7 wage rules are the same for every company size).
    """
    in_force = rules_snapshot_cached(on=on).thresholds_in_force(visa_code, key)
    by_scope = {threshold.applies_to: threshold for threshold in in_force}
    return by_scope.get(applies_to) or by_scope.get(ThresholdScope.ALL)


def points_table_in_force(*, visa_code: str, on: date) -> PointsTable | None:
    """The visa's points table on a day, with its groups, items and sources, or None."""
    return (
        PointsTable.objects.in_force(on)
        .filter(visa_type__code=visa_code)
        .select_related("visa_type")
        .prefetch_related(
            "sources",
            Prefetch(
                "groups",
                queryset=PointsGroup.objects.prefetch_related("items", "sources"),
            ),
        )
        .first()
    )


def is_sending_country(*, country: str, visa_code: str = "E-9") -> bool:
    """Whether nationals of `country` (ISO 3166-1 alpha-2) may apply for the visa (E-9: EPS)."""
    return SendingCountry.objects.filter(
        visa_type__code=visa_code, country=country.upper()
    ).exists()


def e7_confirmed_occupation_codes() -> list[tuple[str, str]]:
    """(code, title) of the E-7-1 designated occupations the rule data confirms, by code; codes
    whose title the sources did not give are left out."""
    visa = VisaType.objects.filter(code="E-7-1").only("details").first()
    listed = (visa.details if visa else {}).get("occupation_codes") or {}
    return sorted(
        (str(row["code"]), str(row["name"]))
        for row in listed.get("confirmed_codes", [])
        if row.get("code") and row.get("name") and not row.get("uncertain")
    )


def visa_types_with_rules() -> QuerySet[VisaType]:
    """Every visa type with its rules and their sources, in a fixed number of queries."""
    return VisaType.objects.prefetch_related(
        "sources",
        "next_visas",
        "sending_countries",
        "notes__sources",
        "salary_thresholds__sources",
        Prefetch(
            "criterion_groups",
            queryset=CriterionGroup.objects.prefetch_related("sources", "criteria__sources"),
        ),
        Prefetch(
            "points_tables",
            # .all(): django-stubs loses Prefetch's type variables on an as_manager() manager.
            queryset=PointsTable.objects.all().prefetch_related(
                "sources",
                Prefetch(
                    "groups",
                    queryset=PointsGroup.objects.prefetch_related("items", "sources"),
                ),
            ),
        ),
    )


def rules_snapshot(*, on: date) -> RulesSnapshot:
    """Every rule the guidance engine needs as of `on`, read in a fixed, small number of queries.

    The rows are handed, in the fixture's shape, to the same builder the engine's tests use on
    the fixture (`snapshot_from_rows`), so the two cannot drift apart. For repeated use,
    `rules_snapshot_cached` keeps snapshots in the process until the rules change.
    """
    return snapshot_from_rows(_rule_rows(), on=on)


# The rules' version, in the shared cache: every change to the rules (admin, loader) sets a new
# one (visas.services.visa_rules_changed), and every process drops its snapshots when it sees it.
RULES_VERSION_KEY = "visas:rules-version"
# Without the shared cache (it is down), a process keeps a snapshot this long at most.
_SNAPSHOT_TTL_SECONDS = 300.0
# Snapshots kept per process, the most recently used (one per date asked for).
_SNAPSHOTS_KEPT = 32
_snapshots: OrderedDict[date, tuple[str | None, float, RulesSnapshot]] = OrderedDict()


def rules_version() -> str | None:
    """The rules' current version token (None when the shared cache cannot be reached)."""
    return version_token(RULES_VERSION_KEY)


def own_answers_key(*, part: str, person: PersonFacts, on: date) -> str | None:
    """What answers worked out from a person's own facts alone (no "what if") are kept under in
    the shared cache: the part, the facts, the day, the language and the rules' version. None
    when the version cannot be read: then nothing kept can be trusted."""
    version = rules_version()
    return None if version is None else repr((part, person, on, get_language(), version))


def visa_names(*, language: str) -> Mapping[str, str]:
    """Each visa's name in `language` (in English where it has none), by code; kept in each
    process until the rules change (a name is shown on every route card: no round trip each)."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    version = rules_version()
    return _visa_names_read(language) if version is None else _visa_names_kept(language, version)


@lru_cache(maxsize=16)
def _visa_names_kept(language: str, version: str) -> Mapping[str, str]:
    return MappingProxyType(_visa_names_read(language))  # shared: read-only


def _visa_names_read(language: str) -> dict[str, str]:
    column = build_localized_fieldname("name", language)
    fields = dict.fromkeys(("code", "name_en", column))  # English asks for one column
    return {row[0]: row[-1] or row[1] for row in VisaType.objects.values_list(*fields)}


def visa_answer_key(*parts: object) -> str | None:
    """A key for an answer kept in the "answers" cache (settings): the question's `parts` and
    the rules' version, so a rule edit makes every kept answer unreachable. None when the
    version cannot be known (the shared cache is down): then nothing is kept."""
    version = rules_version()
    if version is None:
        return None
    # The answer is worded in the active language: an answer kept for one language must never
    # be served in another.
    return hashlib.sha256(repr((*parts, get_language(), version)).encode()).hexdigest()


def rules_snapshot_cached(*, on: date) -> RulesSnapshot:
    """`rules_snapshot(on=on)`, kept in this process until the rules change.

    A snapshot also keeps the engine's compiled rules, so reuse saves the compile too. An edit
    in the admin shows on the next request in every process (the version token changes); when
    the shared cache is down, a snapshot is kept five minutes at most. Any date is kept, the
    most recently used 32 of them.
    """
    token, now = rules_version(), time.monotonic()
    cached = _snapshots.get(on)
    if (
        cached is not None
        and cached[0] == token
        and (token is not None or now - cached[1] < _SNAPSHOT_TTL_SECONDS)
    ):
        _snapshots.move_to_end(on)
        return cached[2]
    snapshot = rules_snapshot(on=on)
    _snapshots[on] = (token, now, snapshot)
    _snapshots.move_to_end(on)
    while len(_snapshots) > _SNAPSHOTS_KEPT:
        _snapshots.popitem(last=False)
    return snapshot


def rules_snapshot_cache_clear() -> None:
    _snapshots.clear()


def _source_keys(model: type[models.Model], owner: str) -> dict[int, list[str]]:
    """Source keys per owner id, from a many-to-many through table (one query)."""
    keys: dict[int, list[str]] = defaultdict(list)
    through = model.sources.through  # type: ignore[attr-defined]
    for owner_id, key in through.objects.values_list(f"{owner}_id", "rulesource__key"):
        keys[owner_id].append(key)
    return keys


def _rule_rows() -> dict[str, Any]:
    """All visa rules as rows shaped like visas/data/visa_rules.json (about 20 queries)."""
    codes = dict(VisaType.objects.values_list("pk", "code"))
    groups = list(CriterionGroup.objects.select_related("parent"))
    group_of = {group.pk: (codes[group.visa_type_id], group.key) for group in groups}
    group_sources = _source_keys(CriterionGroup, "criteriongroup")
    criterion_sources = _source_keys(VisaCriterion, "visacriterion")
    return {
        "sources": [_fields(source) for source in RuleSource.objects.all()],
        "gni_values": _rows(GniValue, "gnivalue"),
        "visa_types": _rows(VisaType, "visatype"),
        "progressions": [
            {"from": codes[from_id], "to": codes[to_id], "note": note, "order": order}
            for from_id, to_id, note, order in VisaProgression.objects.values_list(
                "from_visa_id", "to_visa_id", "note", "order"
            )
        ],
        "salary_thresholds": _rows(SalaryThreshold, "salarythreshold", codes=codes),
        "criterion_groups": [
            {
                **_fields(group),
                "visa": codes[group.visa_type_id],
                "parent": group.parent.key if group.parent else None,
                "sources": group_sources[group.pk],
            }
            for group in groups
        ],
        "criteria": [
            {
                **_fields(criterion),
                "visa": group_of[criterion.group_id][0],
                "group": group_of[criterion.group_id][1],
                "sources": criterion_sources[criterion.pk],
            }
            for criterion in VisaCriterion.objects.all()
        ],
        "points_tables": _points_table_rows(codes),
        "sending_countries": _rows(SendingCountry, "sendingcountry", codes=codes),
        "notes": _rows(VisaNote, "visanote", codes=codes),
    }


def _points_table_rows(codes: dict[int, str]) -> list[dict[str, Any]]:
    items: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in PointsItem.objects.all():
        items[item.group_id].append(_fields(item))
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for group in _rows(PointsGroup, "pointsgroup", keep_id=True):
        groups[group.pop("table_id")].append({**group, "items": items[group.pop("id")]})
    return [
        {**table, "groups": groups[table.pop("id")]}
        for table in _rows(PointsTable, "pointstable", codes=codes, keep_id=True)
    ]


def _rows(
    model: type[models.Model],
    owner: str,
    *,
    codes: dict[int, str] | None = None,
    keep_id: bool = False,
) -> list[dict[str, Any]]:
    """A model's rows with their source keys; `codes`: add the visa code of `visa_type`."""
    sources = _source_keys(model, owner)
    rows = []
    for instance in model._default_manager.all():
        row = {**_fields(instance), "sources": sources[instance.pk]}
        if codes is not None:
            visa_id = instance.visa_type_id  # type: ignore[attr-defined]
            row["visa"] = None if visa_id is None else codes[visa_id]
        if keep_id:
            row["id"] = instance.pk
            if isinstance(instance, PointsGroup):
                row["table_id"] = instance.table_id
        rows.append(row)
    return rows


def _fields(instance: models.Model) -> dict[str, Any]:
    """The row's own values by field name: no ids, timestamps or relations."""
    row: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.is_relation or field.name in ("id", "created_at", "updated_at"):
            continue
        # The English name, whatever language this request reads (snapshots are shared):
        # django-modeltranslation's `name` would give the active language's.
        attname = (
            f"{field.attname}_en" if hasattr(instance, f"{field.attname}_en") else field.attname
        )
        value = getattr(instance, attname)
        if value is None and isinstance(field, models.CharField):
            value = ""  # a translation not given (django-modeltranslation stores NULL)
        row[field.name] = value.code if isinstance(value, Country) else value
    return row


# The guidance most recently asked for, per process: the same person (a shared link, a
# page and its API call, a reload) is answered without evaluating every route again. An entry
# holds the rules it was made with and counts only while they are still the ones in force.
_GUIDANCE_KEPT = 256
_guidance: OrderedDict[tuple[object, ...], tuple[RulesSnapshot, Guidance]] = OrderedDict()
_guidance_lock = threading.Lock()


def visa_guidance(
    *, person: PersonFacts, offer: OfferFacts | None, on: date, goal: str = ""
) -> Guidance:
    """Every route for the person (and offer) under the rules in force on `on`; `goal` (a key
    of visas.rules.GOALS, or "") puts the routes to it first and decides the headline."""
    rules = _snapshot_for(on)
    key = (person, offer, on, goal, get_language())  # the guidance is worded in the language
    try:
        hash(key)
    except TypeError:  # an answer the API took as a list: not kept, only evaluated
        return evaluate_all(person=person, offer=offer, rules=rules, goal=goal, names=_names())
    with _guidance_lock:
        kept = _guidance.get(key)
        if kept is not None and kept[0] is rules:
            _guidance.move_to_end(key)
            return kept[1]
    guidance = evaluate_all(person=person, offer=offer, rules=rules, goal=goal, names=_names())
    with _guidance_lock:
        _guidance[key] = (rules, guidance)
        _guidance.move_to_end(key)
        while len(_guidance) > _GUIDANCE_KEPT:
            _guidance.popitem(last=False)
    return guidance


def visa_routes(
    *, person: PersonFacts, codes: Collection[str], on: date
) -> tuple[PathwayResult, ...]:
    """The routes named by `codes` for the person (no offer) under the rules in force on `on`,
    as `visa_guidance` gives them, without assessing the others."""
    return evaluate_routes(person=person, codes=codes, rules=_snapshot_for(on))


def visa_offer_verdict(*, person: PersonFacts, offer: OfferFacts, on: date) -> OfferVerdict:
    """Whether the offer opens a work route for the person under the rules in force on `on`."""
    return evaluate_offer(person=person, offer=offer, rules=_snapshot_for(on))


def _names() -> Mapping[str, str]:
    """The visas' names in the active language, for the headline."""
    return visa_names(language=get_language() or settings.LANGUAGE_CODE)


def _snapshot_for(on: date) -> RulesSnapshot:
    # Any date is cached: the cache keeps a bounded number of dates, so the public "as of" field
    # cannot grow it without bound.
    return rules_snapshot_cached(on=on)
