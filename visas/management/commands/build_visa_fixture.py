"""Build visas/data/visa_rules.json from the research data file.

    python manage.py build_visa_fixture --source ../shared/data/visa-rules.json

The project never reads ../shared at run time: it loads the fixture this command writes (commit
it). Rebuild whenever the research data changes, then run `manage.py load_visa_rules`.

Fixture format ("talent-bridge/visa-rules@1"): one JSON object whose lists hold flat rows. Dates are
ISO strings or null; money is integer KRW; every rule row has `sources`, a non-empty list of source
keys; `uncertain: true` marks values the sources disagree on or give only in part.

- format, built_from: {title, latest_source_date_seen, disclaimer}
- sources: {key, title, publisher, url, kind, date_stated_text, date_stated, date_precision}
  (`date_stated` is read from the text: "2025-03" -> 2025-03-01 with precision "month"; null when
  the source is undated, and `date_stated_text` then says so)
- gni_values: {gni_year, value_krw, status, revised_value_krw, uncertain, note, sources}
- visa_types: {code, slug, name, name_ko, category, summary, stay_summary, work_rights,
  last_verified_text, last_verified, uncertain, is_points_based, note, details, sources}
  (`details`: the research record's parts without a column, incl. `next_visas_as_stated`)
- progressions: {from, to, note, order} (visa codes; onward paths the data names only loosely,
  such as "E-7" or "F-6", stay in `details.next_visas_as_stated` only)
- salary_thresholds: {visa, key, label, applies_to, valid_from, valid_to, amount_krw,
  gni_multiplier, uncertain, note, sources} (exactly one of amount_krw / gni_multiplier)
- criterion_groups: {visa, key, parent, purpose, mode, label, order, uncertain, note, details,
  sources} (`parent` is the parent group's key; roots have a purpose)
- criteria: {visa, group, key, label, field, op, value, order, valid_from, valid_to, uncertain,
  note, details, sources}
- points_tables: {visa, key, name, pass_mark, max_points, valid_from, valid_to, uncertain, note,
  details, sources, groups: [{key, label, max_points, pass_min_points, pass_min_items,
  floor_points, order, uncertain, note, sources, items: [{factor, factor_label,
  factor_max_points, label, field, min_value, max_value, value, conditions, points, order,
  uncertain, note}]}]}
- sending_countries: {visa, country (ISO 3166-1 alpha-2), note, sources}
- notes: {key, visa (null: about reference values), kind, text, date_text, uncertain, order,
  sources}

What the research data says that the fixture represents on purpose:
- E-7 wage thresholds: before 2025-04-01 E-7-1 is 0.80 x GNI per capita (0.70 for SMEs and venture
  firms); 2025-04-01..2025-12-31 and 2026-02-01..2026-12-31 are fixed amounts. No source covers
  January 2026, so no row does: the gap is a note (kind "gap") and in the adjacent rows' notes.
- E-7-2 and E-7-3 appear only in the wage notices; they are visa types with thresholds only.
- E-7-S's points table has no pass mark in any source: it is loaded with pass_mark null and
  uncertain true. D-10-T has no points table.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from visas.fixture_build import build_fixture
from visas.services import VISA_RULES_FIXTURE


class Command(BaseCommand):
    help = "Build visas/data/visa_rules.json from the research data file (visa-rules.json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=Path, required=True, help="research visa-rules.json")
        parser.add_argument(
            "--output", type=Path, default=VISA_RULES_FIXTURE, help="fixture to write"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["source"]
        output: Path = options["output"]
        try:
            research = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read {source}: {exc}") from exc
        try:
            fixture = build_fixture(research)
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{source} does not fit the expected shape: {exc!r}") from exc
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(
            json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        counts = ", ".join(
            f"{len(rows)} {kind}" for kind, rows in fixture.items() if isinstance(rows, list)
        )
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {counts}"))
