"""The rules of a snapshot compiled for fast evaluation: built once, kept on the snapshot."""

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any

from visas.rules.criteria import CompiledTree, Criterion, Group, compile_tree
from visas.rules.pathways import PATHWAY_CODES, WORK_ROUTES, pathway_groups
from visas.rules.points import CompiledTable
from visas.rules.progression import ProgressionMap
from visas.rules.records import SalaryThresholdRule, VisaTypeRule
from visas.rules.references import References
from visas.rules.results import SourceRef
from visas.rules.snapshot import RulesSnapshot

SALARY_FIELD = "job_offer.annual_salary_krw"
RESULTS_KEPT_AT_MOST = 4096  # route results kept per compiled snapshot (visas.rules.assess)
_POINTS_FIELDS = ("points.", "oasis.points", "oasis.prerequisite_items_count")


@dataclass(slots=True)
class CompiledPathway:
    code: str
    visa: VisaTypeRule
    tree: CompiledTree
    table: CompiledTable | None
    fields: frozenset[str]  # every fact the route reads
    points_fields: tuple[str, ...]  # points fields its criteria read
    salary_values: tuple[Any, ...]  # requirement values of its offered-salary criteria
    launch: date | None  # first day of the route when it is not open yet on the day
    work_route: bool
    sources: tuple[SourceRef, ...]


class CompiledRules:
    def __init__(self, rules: RulesSnapshot) -> None:
        self.rules = rules
        self.refs = References(rules)
        self.progressions = ProgressionMap(rules.progressions)
        self.sending_countries = frozenset(
            s.country for s in rules.sending_countries if s.visa == "E-9"
        )
        self.pathways = {
            code: self._compile(rules.visa_types[code])
            for code in PATHWAY_CODES
            if code in rules.visa_types
        }
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._results_lock = threading.Lock()

    def kept_result(self, key: Hashable) -> Any:
        """A result kept under `key` with these rules (None if none), the most recently used
        kept longest: see visas.rules.assess.assess_kept."""
        with self._results_lock:
            found = self._results.get(key)
            if found is not None:
                self._results.move_to_end(key)
            return found

    def keep_result(self, key: Hashable, result: Any) -> None:
        with self._results_lock:
            self._results[key] = result
            while len(self._results) > RESULTS_KEPT_AT_MOST:
                self._results.popitem(last=False)

    def _compile(self, visa: VisaTypeRule) -> CompiledPathway:
        tree = compile_tree(visa.code, pathway_groups(visa, self.rules), self.refs)
        table = None
        if visa.points_table is not None:
            table = CompiledTable(visa.points_table, lambda v: self.refs.resolve(v, "all").value)
        fields = tree.fields | (table.fields if table else frozenset())
        criteria = list(_criteria(tree))
        return CompiledPathway(
            code=visa.code,
            visa=visa,
            tree=tree,
            table=table,
            fields=fields,
            points_fields=tuple(sorted(f for f in tree.fields if f.startswith(_POINTS_FIELDS))),
            salary_values=tuple(
                c.rule.value
                for c in criteria
                if c.rule.field == SALARY_FIELD and c.rule.op == "gte"
            ),
            launch=self.refs.launch_date(visa.code),
            work_route=visa.code in WORK_ROUTES,
            sources=self._sources(visa, tree, criteria),
        )

    def _sources(
        self, visa: VisaTypeRule, tree: CompiledTree, criteria: list[Criterion]
    ) -> tuple[SourceRef, ...]:
        """Every source behind the route's rules; flagged where it backs an uncertain rule."""
        cited: dict[str, bool] = {}

        def cite(keys: tuple[str, ...], uncertain: bool) -> None:
            for key in keys:
                cited[key] = cited.get(key, False) or uncertain

        cite(visa.source_keys, visa.uncertain)
        for group in _groups(tree):
            cite(group.rule.source_keys, group.rule.uncertain)
        for criterion in criteria:
            cite(criterion.rule.source_keys, criterion.rule.uncertain)
            if isinstance(criterion.rule.value, dict):
                for scope in ("all", "sme_or_venture"):
                    resolved = self.refs.resolve(criterion.rule.value, scope)
                    cite(resolved.source_keys, resolved.uncertain)
        if visa.points_table is not None:
            table = visa.points_table
            cite(table.source_keys, table.uncertain)
            for points_group in table.groups:
                cite(points_group.source_keys, points_group.uncertain)
        for threshold in self._thresholds(visa.code):
            cite(threshold.source_keys, threshold.uncertain)
        refs = [self.rules.sources[key] for key in cited if key in self.rules.sources]
        refs.sort(
            key=lambda s: (
                s.kind not in OFFICIAL_KINDS,
                s.date_stated is None,
                -(s.date_stated or date.min).toordinal(),
            )
        )  # official sources first, then the newest
        return tuple(
            SourceRef(
                key=s.key,
                title=s.title,
                publisher=s.publisher,
                url=s.url,
                date_stated=s.date_stated,
                date_stated_text=s.date_stated_text,
                uncertain=cited[s.key],
                official=s.kind in OFFICIAL_KINDS,
            )
            for s in refs
        )

    def _thresholds(self, visa: str) -> list[SalaryThresholdRule]:
        return [
            t
            for t in self.rules.salary_thresholds
            if t.visa == visa and t.is_in_force(self.rules.on)
        ]


# Kinds of source published by the Korean government, its agencies or its programmes (HiKorea,
# the Ministry of Justice, EPS, Study in Korea); every other kind is a secondary source.
OFFICIAL_KINDS = frozenset(
    {"government", "government_news", "government_affiliated", "programme_site"}
)


def _groups(tree: CompiledTree) -> list[Group]:
    found: list[Group] = []
    stack = [*tree.required, *tree.exemptions.values(), *tree.applicant_types.values()]
    while stack:
        group = stack.pop()
        found.append(group)
        stack.extend(group.children)
    return found


def _criteria(tree: CompiledTree) -> list[Criterion]:
    return [criterion for group in _groups(tree) for criterion in group.criteria]


def compiled(rules: RulesSnapshot) -> CompiledRules:
    """The compiled form of `rules`, built on first use and kept on the snapshot."""
    if rules.compiled is None:
        object.__setattr__(rules, "compiled", CompiledRules(rules))
    result: CompiledRules = rules.compiled
    return result
