"""Writes for the visas app: loading the visa-rules fixture into the database."""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.translations import localized_values
from core.versions import version_token_renew
from visas.fixture_build import FIXTURE_FORMAT
from visas.models import (
    CriterionGroup,
    GniValue,
    PointsGroup,
    PointsItem,
    PointsTable,
    RuleSource,
    SalaryThreshold,
    SendingCountry,
    VisaCriterion,
    VisaNote,
    VisaProgression,
    VisaType,
)
from visas.selectors import RULES_VERSION_KEY, rules_snapshot_cache_clear

VISA_RULES_FIXTURE = Path(__file__).resolve().parent / "data" / "visa_rules.json"
VISA_NAMES = Path(__file__).resolve().parent / "data" / "visa_names.json"
# Rows matched by natural key: (fixture list, model, the fixture keys that identify a row).
_KEYED_ROWS: tuple[tuple[str, type[models.Model], tuple[str, ...]], ...] = (
    ("sources", RuleSource, ("key",)),
    ("gni_values", GniValue, ("gni_year",)),
    ("visa_types", VisaType, ("code",)),
    ("progressions", VisaProgression, ("from", "to")),
    ("salary_thresholds", SalaryThreshold, ("visa", "key", "applies_to", "valid_from")),
    ("points_tables", PointsTable, ("key",)),
    ("sending_countries", SendingCountry, ("visa", "country")),
    ("notes", VisaNote, ("key",)),
)
_COUNTED: dict[str, type[models.Model]] = {
    **{kind: model for kind, model, _ in _KEYED_ROWS},
    "criterion_groups": CriterionGroup,
    "criteria": VisaCriterion,
    "points_groups": PointsGroup,
    "points_items": PointsItem,
}
# Fixture keys that name a model field differently, and keys that are not fields.
_FIELD_NAMES = {"visa": "visa_type", "from": "from_visa", "to": "to_visa"}
_NOT_FIELDS = {"sources", "groups", "items", "parent", "group"}
_CRITERION_SKIP = frozenset({"visa"})  # a criterion belongs to its group's visa


class VisaRulesFixtureError(Exception):
    """The fixture cannot be loaded as it is; nothing was changed."""


@dataclass(frozen=True)
class VisaRulesLoadResult:
    """`totals`: rows of each kind in the database after the load. `written`: rows this load
    created, changed or replaced (all zero when the database already matched the fixture)."""

    totals: dict[str, int]
    written: dict[str, int]

    @property
    def changed_anything(self) -> bool:
        return any(self.written.values())


def visa_rules_load(*, path: Path | None = None) -> VisaRulesLoadResult:
    """Load the visa-rules fixture (default: visas/data/visa_rules.json) into the database.

    Idempotent: rows are matched by natural key (source key, visa code, GNI year, threshold visa +
    key + scope + start, points-table key, note key, ...) and written only when they differ, so a
    second run writes nothing and creates no duplicates. A visa's criterion tree and a points
    table's groups and items are replaced as a whole when they differ from the fixture. Rows the
    fixture does not name are left alone. One transaction: a bad fixture raises
    VisaRulesFixtureError and changes nothing.
    """
    fixture = _read_fixture(path or VISA_RULES_FIXTURE)
    loader = _FixtureLoader()
    with transaction.atomic():
        loader.load(fixture)
        names_written = visa_names_load()
        if any(loader.written.values()) or names_written:
            visa_rules_changed()
    return VisaRulesLoadResult(
        totals={kind: model._default_manager.count() for kind, model in _COUNTED.items()},
        written={kind: loader.written[kind] for kind in _COUNTED},
    )


def visa_names_load(*, path: Path = VISA_NAMES) -> int:
    """The visas' names in Vietnamese, Indonesian and Thai (visas/data/visa_names.json, drafts
    to be reviewed) written where they differ; Korean names come with the rules. Returns the
    number of visas changed."""
    names = json.loads(path.read_text(encoding="utf-8")).get("visas", {})
    written = 0
    for visa in VisaType.objects.filter(code__in=names):
        changed = {
            column: value
            for column, value in localized_values("name", names[visa.code]).items()
            if getattr(visa, column) != value
        }
        if changed:
            VisaType.objects.filter(pk=visa.pk).update(**changed)
            written += 1
    return written


def visa_rules_changed() -> None:
    """The rules changed: after commit, every process uses the new rules from its next request
    on (a new version token in the shared cache; a cache that is down falls back to the
    processes' five-minute limit)."""

    def new_version() -> None:
        version_token_renew(RULES_VERSION_KEY)
        rules_snapshot_cache_clear()  # this process at once, whatever the cache says

    transaction.on_commit(new_version)


def _read_fixture(path: Path) -> dict[str, Any]:
    try:
        fixture: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise VisaRulesFixtureError(f"No visa-rules fixture at {path}") from exc
    except json.JSONDecodeError as exc:
        raise VisaRulesFixtureError(f"{path} is not valid JSON: {exc}") from exc
    if fixture.get("format") != FIXTURE_FORMAT:
        raise VisaRulesFixtureError(
            f"{path} has format {fixture.get('format')!r}, not {FIXTURE_FORMAT!r}. "
            "Rebuild it with `manage.py build_visa_fixture`."
        )
    return fixture


def _canonical(rows: list[dict[str, Any]]) -> str:
    """A comparable text form of rows: dates, decimals and key order normalised."""

    def plain(value: Any) -> str:
        if isinstance(value, Decimal):
            return str(value.quantize(Decimal("0.01")))
        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(f"cannot compare {type(value).__name__}")

    return json.dumps(sorted(json.dumps(row, sort_keys=True, default=plain) for row in rows))


class _FixtureLoader:
    def __init__(self) -> None:
        self.written: Counter[str] = Counter()
        self.source_pks: dict[str, int] = {}
        self.visa_pks: dict[str, int] = {}

    def load(self, fixture: dict[str, Any]) -> None:
        for kind, model, natural_key in _KEYED_ROWS:
            for entry in fixture[kind]:
                instance = self._upsert(kind, model, entry, natural_key)
                if isinstance(instance, RuleSource):
                    self.source_pks[instance.key] = instance.pk
                elif isinstance(instance, VisaType):
                    self.visa_pks[instance.code] = instance.pk
                elif isinstance(instance, PointsTable):
                    self._sync_points_groups(instance, entry["groups"])
        self._sync_criterion_trees(fixture["criterion_groups"], fixture["criteria"])

    def _values(
        self,
        model: type[models.Model],
        entry: dict[str, Any],
        *,
        skip: frozenset[str] = frozenset(),
    ) -> dict[str, Any]:
        """Model field values (by attname) for a fixture row: visa codes become ids, ISO text
        dates, numbers decimals."""
        values: dict[str, Any] = {}
        for key, raw in entry.items():
            if key in _NOT_FIELDS or key in skip:
                continue
            if key == "name_ko" and not raw:
                continue  # no Korean name in the research: visa_names.json's, if any, stays
            field = model._meta.get_field(_FIELD_NAMES.get(key, key))
            if not isinstance(field, models.Field):
                raise VisaRulesFixtureError(f"{key!r} is not a field of {model.__name__}")
            if field.many_to_one and field.related_model is VisaType:
                values[field.attname] = self._visa(raw) if raw else None
            elif isinstance(field, models.DateField):
                values[field.attname] = date.fromisoformat(raw) if raw else None
            elif isinstance(field, models.DecimalField) and raw is not None:
                values[field.attname] = Decimal(str(raw)).quantize(Decimal("0.01"))
            else:
                values[field.attname] = raw
        return values

    def _visa(self, code: str) -> int:
        if code not in self.visa_pks:
            raise VisaRulesFixtureError(f"The fixture refers to visa {code!r} but defines none")
        return self.visa_pks[code]

    def _sources(self, keys: list[str], *, row: str) -> list[int]:
        if not keys:
            raise VisaRulesFixtureError(f"{row} cites no source; every rule needs at least one")
        if unknown := [key for key in keys if key not in self.source_pks]:
            raise VisaRulesFixtureError(f"{row} cites unknown sources: {', '.join(unknown)}")
        return [self.source_pks[key] for key in keys]

    def _save(self, instance: models.Model, *, row: str, sources: list[str] | None = None) -> None:
        try:
            instance.full_clean()
        except ValidationError as exc:
            raise VisaRulesFixtureError(f"{row}: {'; '.join(exc.messages)}") from exc
        instance.save()
        if sources is not None:
            instance.sources.set(self._sources(sources, row=row))  # type: ignore[attr-defined]

    def _upsert(
        self,
        kind: str,
        model: type[models.Model],
        entry: dict[str, Any],
        natural_key: tuple[str, ...],
    ) -> models.Model:
        values = self._values(model, entry)
        lookup_names = set(self._values(model, {key: entry[key] for key in natural_key}))
        lookup = {name: values.pop(name) for name in lookup_names}
        row = f"{model._meta.verbose_name} {lookup}"
        sources = entry.get("sources")
        instance = model._default_manager.filter(**lookup).first()
        if instance is not None and self._matches(instance, values, sources, row=row):
            return instance
        if instance is None:
            instance = model(**lookup)
        for name, value in values.items():
            setattr(instance, name, value)
        self._save(instance, row=row, sources=sources)
        self.written[kind] += 1
        return instance

    def _matches(
        self, instance: models.Model, values: dict[str, Any], sources: list[str] | None, *, row: str
    ) -> bool:
        if any(getattr(instance, name) != value for name, value in values.items()):
            return False
        if sources is None:
            return True
        stored = set(instance.sources.values_list("pk", flat=True))  # type: ignore[attr-defined]
        return stored == set(self._sources(sources, row=row))

    def _sync_criterion_trees(
        self, groups: list[dict[str, Any]], criteria: list[dict[str, Any]]
    ) -> None:
        """Replace a visa's groups and criteria when they differ from the fixture."""
        groups_by_visa: dict[str, list[dict[str, Any]]] = defaultdict(list)
        criteria_by_group: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for entry in groups:
            groups_by_visa[entry["visa"]].append(entry)
        for entry in criteria:
            criteria_by_group[(entry["visa"], entry["group"])].append(entry)
        for code, visa_groups in groups_by_visa.items():
            wanted = [
                self._group_snapshot(group, criteria_by_group[(code, group["key"])])
                for group in visa_groups
            ]
            existing = (
                CriterionGroup.objects.filter(visa_type_id=self._visa(code))
                .select_related("parent")
                .prefetch_related("sources", "criteria__sources")
            )
            if _canonical(wanted) == _canonical([_stored_group(group) for group in existing]):
                continue
            existing.delete()
            self._create_criterion_tree(visa_groups, criteria_by_group, code=code)

    def _group_snapshot(
        self, group: dict[str, Any], criteria: list[dict[str, Any]]
    ) -> dict[str, Any]:
        return {
            **self._values(CriterionGroup, group),
            "parent": group["parent"],
            "sources": sorted(group["sources"]),
            "criteria": [
                {
                    **self._values(VisaCriterion, c, skip=_CRITERION_SKIP),
                    "sources": sorted(c["sources"]),
                }
                for c in criteria
            ],
        }

    def _create_criterion_tree(
        self,
        groups: list[dict[str, Any]],
        criteria_by_group: dict[tuple[str, str], list[dict[str, Any]]],
        *,
        code: str,
    ) -> None:
        created: dict[str, CriterionGroup] = {}
        for entry in groups:
            group = CriterionGroup(
                parent=created.get(entry["parent"] or ""), **self._values(CriterionGroup, entry)
            )
            self._save(group, row=f"{code} criterion group {group.key}", sources=entry["sources"])
            created[group.key] = group
            self.written["criterion_groups"] += 1
            for criterion_entry in criteria_by_group[(code, group.key)]:
                criterion = VisaCriterion(
                    group=group,
                    **self._values(VisaCriterion, criterion_entry, skip=_CRITERION_SKIP),
                )
                row = f"{code} criterion {group.key} · {criterion.key}"
                self._save(criterion, row=row, sources=criterion_entry["sources"])
                self.written["criteria"] += 1

    def _sync_points_groups(self, table: PointsTable, groups: list[dict[str, Any]]) -> None:
        """Replace a table's groups and items when they differ from the fixture."""
        wanted = [
            {
                **self._values(PointsGroup, group),
                "sources": sorted(group["sources"]),
                "items": [self._values(PointsItem, item) for item in group["items"]],
            }
            for group in groups
        ]
        existing = table.groups.prefetch_related("sources", "items")
        if _canonical(wanted) == _canonical([_stored_points_group(group) for group in existing]):
            return
        existing.delete()
        for entry in groups:
            group = PointsGroup(table=table, **self._values(PointsGroup, entry))
            row = f"points group {table.key} · {group.key}"
            self._save(group, row=row, sources=entry["sources"])
            self.written["points_groups"] += 1
            for item_entry in entry["items"]:
                item = PointsItem(group=group, **self._values(PointsItem, item_entry))
                self._save(item, row=f"{row} · {item.label}")
                self.written["points_items"] += 1


def _field_values(instance: models.Model, *, skip: set[str]) -> dict[str, Any]:
    """The instance's own field values by attname, without ids, timestamps and `skip`."""
    own = {"id", "created_at", "updated_at", *skip}
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in own
    }


def _stored_group(group: CriterionGroup) -> dict[str, Any]:
    return {
        **_field_values(group, skip={"parent_id"}),
        "parent": group.parent.key if group.parent else None,
        "sources": sorted(source.key for source in group.sources.all()),
        "criteria": [
            {
                **_field_values(criterion, skip={"group_id"}),
                "sources": sorted(source.key for source in criterion.sources.all()),
            }
            for criterion in group.criteria.all()
        ],
    }


def _stored_points_group(group: PointsGroup) -> dict[str, Any]:
    return {
        **_field_values(group, skip={"table_id"}),
        "sources": sorted(source.key for source in group.sources.all()),
        "items": [_field_values(item, skip={"group_id"}) for item in group.items.all()],
    }
