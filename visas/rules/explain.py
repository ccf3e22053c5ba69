"""A criteria tree evaluated with explanations: every criterion with the person's value and the
requirement, the known failures that decide (blockers), the unknowns that could (open items),
and why the outcome is uncertain, following only the members that decide it.

The outcome always equals `criteria.tree_met` for the same view; this version just says more.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from visas.rules.criteria import (
    APPLICANT_TYPE,
    EXEMPTION,
    CompiledTree,
    Criterion,
    Group,
    plain_met,
)
from visas.rules.factview import UNKNOWN, FactView
from visas.rules.labels import either, show, yes_no
from visas.rules.logic import Tri, all_of, any_of
from visas.rules.references import SME_SCOPE
from visas.rules.results import CriterionResult
from visas.rules.wording import NOT_KNOWN, applicant_type_words

Node = tuple[Tri, bool]  # (met, uncertain)


@dataclass(slots=True)
class TreeOutcome:
    met: Tri
    uncertain: bool
    criteria: list[CriterionResult] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    open_items: list[str] = field(default_factory=list)
    open_keys: list[str] = field(default_factory=list)  # rule fields of the open items
    closest_way: str = ""  # the closest ways to qualify, where the rules offer a choice
    closest_item: int = -1  # its place in open_items
    closest_of: int = 0  # how many ways to qualify it chooses among
    uncertain_reasons: list[str] = field(default_factory=list)


def combine(mode: str, parts: list[Node]) -> Node:
    """Combine members; uncertain when the result rests on an uncertain member."""
    results = [met for met, _ in parts]
    met = all_of(results) if mode == "all" else any_of(results)
    if met is None:
        return None, any(unc for m, unc in parts if m is not False)
    deciding = [unc for m, unc in parts if m is met]
    if (mode == "all") == (met is True):
        return met, any(deciding)  # every member decided it
    return met, all(deciding)  # any one member decided it: certain if one is certain


def evaluate_tree(
    tree: CompiledTree, view: FactView, scope: str, estimates: Mapping[str, str] | None = None
) -> TreeOutcome:
    """`estimates`: fields whose values are estimates (points from incomplete tables), with why;
    criteria on them count as uncertain."""
    return _Explainer(tree, view, scope, estimates or {}).run()


class _Explainer:
    def __init__(
        self, tree: CompiledTree, view: FactView, scope: str, estimates: Mapping[str, str]
    ) -> None:
        self.tree, self.view, self.sme = tree, view, int(scope == SME_SCOPE)
        self.estimates = estimates
        self.results: list[CriterionResult] = []
        self.nodes: dict[int, Node] = {}
        self.index: dict[int, int] = {}  # criterion -> position of its result
        self.referenced: dict[str, Node] = {}

    def run(self) -> TreeOutcome:
        parts = [self._group(group) for group in self.tree.required]
        applicants = self._applicants_required() if self.tree.applicant_types else None
        met, uncertain = combine("all", parts + ([applicants] if applicants else []))
        outcome = TreeOutcome(met, uncertain, self.results)
        for group in self.tree.required:
            self._collect(group, outcome)
            self._reasons(group, outcome)
        if applicants is not None:
            self._collect_applicants(applicants, outcome)
        return outcome

    # evaluation

    def _group(self, group: Group) -> Node:
        parts = [self._criterion(criterion) for criterion in group.criteria]
        parts.extend(self._group(child) for child in group.children)
        met, uncertain = combine(group.rule.mode, parts)
        node = (met, uncertain or (group.rule.uncertain and met is not False))
        self.nodes[id(group)] = node
        return node

    def _criterion(self, criterion: Criterion) -> Node:
        rule = criterion.rule
        if criterion.kind == EXEMPTION:
            key = rule.field.removeprefix("exemption.")
            self._record(criterion, "", _("yes"), None, False, ())
            found = self.tree.exemptions.get(key)
            node = (None, True) if found is None else self._referenced("exemption", key, found)
            self._update(criterion, node, str(NOT_KNOWN) if node[0] is None else yes_no(node[0]))
        elif criterion.kind == APPLICANT_TYPE:
            listed = [str(key) for key in rule.value or []]
            self._record(criterion, "", _one_of(listed), None, False, ())
            holds = self._applicant_types()
            node = combine("any", [holds.get(key, (False, False)) for key in listed])
            self._update(criterion, node, _holding(holds))
        else:
            resolved = criterion.resolved[self.sme]
            estimate = self.estimates.get(rule.field, "")
            uncertain = rule.uncertain or resolved.uncertain or bool(estimate)
            node = (plain_met(criterion, self.view, self.sme), uncertain)
            actual = show(rule.field, self.view.get(rule.field, UNKNOWN))
            required = str(criterion.required[self.sme])
            self._record(criterion, actual, required, node[0], node[1], resolved.source_keys)
        self.nodes[id(criterion)] = node
        return node

    def _referenced(self, kind: str, key: str, group: Group) -> Node:
        memo = f"{kind}:{key}"
        if memo not in self.referenced:
            self.referenced[memo] = self._group(group)
        return self.referenced[memo]

    def _applicant_types(self) -> dict[str, Node]:
        return {
            key: self._referenced("applicant", key, group)
            for key, group in self.tree.applicant_types.items()
        }

    def _applicants_required(self) -> Node:
        holds = self._applicant_types()
        node = combine("any", list(holds.values()))
        self.results.append(
            CriterionResult(
                label=_("Applicant type"),
                actual=_holding(holds),
                required=_one_of(list(holds)),
                met=node[0],
                uncertain=node[1],
                key="applicant_type",
                group=_("Who can apply"),
            )
        )
        return node

    def _record(
        self,
        criterion: Criterion,
        actual: str,
        required: str,
        met: Tri,
        uncertain: bool,
        extra_sources: tuple[str, ...],
    ) -> None:
        rule = criterion.rule
        self.index[id(criterion)] = len(self.results)
        self.results.append(
            CriterionResult(
                label=str(criterion.label),
                actual=actual,
                required=required,
                met=met,
                uncertain=uncertain,
                source_keys=tuple(sorted({*rule.source_keys, *extra_sources})),
                key=rule.field,
                group=str(criterion.group_path),
            )
        )

    def _update(self, criterion: Criterion, node: Node, actual: str) -> None:
        position = self.index[id(criterion)]
        old = self.results[position]
        self.results[position] = CriterionResult(
            label=old.label,
            actual=actual,
            required=old.required,
            met=node[0],
            uncertain=node[1],
            source_keys=old.source_keys,
            key=old.key,
            group=old.group,
        )

    # explanation

    def _collect(self, group: Group, outcome: TreeOutcome) -> None:
        """Blockers under a failing group, open items under an undecided one."""
        met = self.nodes[id(group)][0]
        if met is True:
            return
        if met is False and not group.all_mode:
            outcome.blockers.append(_("none of the ways to qualify is met"))
            return
        if met is None and not group.all_mode and len(group.criteria) + len(group.children) > 1:
            self._closest_way(group, outcome)
            return
        for criterion in group.criteria:
            if self.nodes[id(criterion)][0] is not met:
                continue
            referenced = self._referenced_groups(criterion)
            if met is None and referenced:
                for child in referenced:
                    if self.nodes[id(child)][0] is None:
                        self._collect(child, outcome)
                continue
            result = self.results[self.index[id(criterion)]]
            if met is False:
                outcome.blockers.append(
                    # Translators: a condition not met, e.g. "TOPIK level is 2, needs at least 4".
                    _("%(condition)s is %(actual)s, needs %(required)s")
                    % {
                        "condition": result.label,
                        "actual": result.actual,
                        "required": result.required,
                    }
                )
            else:
                outcome.open_items.append(_needed(result))
                outcome.open_keys.append(result.key)
        for child in group.children:
            if self.nodes[id(child)][0] is met:
                self._collect(child, outcome)

    def _closest_way(self, group: Group, outcome: TreeOutcome) -> None:
        """An undecided choice between ways to qualify is one open item naming the two ways
        this person is closest to, not every alternative as if all were needed. The ways are
        the combinations (a related bachelor's degree and a year of work) and what a job offer
        would decide (a salary); single special cases of the person's past (an internship, a
        ministry's recommendation) are named only when there is nothing else, since a person
        who had one would have said so. Next steps still see every open condition."""
        every = TreeOutcome(met=None, uncertain=False)
        for criterion in group.criteria:
            if self.nodes[id(criterion)][0] is None:
                outcome.open_keys.append(criterion.rule.field)
        for child in group.children:
            if self.nodes[id(child)][0] is None:
                self._collect(child, every)
        outcome.open_keys.extend(every.open_keys)
        # (conditions not met, a combination before a single condition, position, words)
        ways: list[tuple[int, int, int, str]] = [
            (self._unmet(child), 0, position, self._way_words(child))
            for position, child in enumerate(group.children)
        ]
        undecided = [c for c in group.criteria if self.nodes[id(c)][0] is None]
        for position, criterion in enumerate(undecided):  # what a job offer would decide
            if criterion.rule.field.startswith("job_offer."):
                result = self.results[self.index[id(criterion)]]
                ways.append((0, 1, position, _needed(result)))
        if ways:  # the two closest, in the rules' order when equally close
            words = either([way[3] for way in sorted(ways)[:2]])
        elif undecided:
            words = _needed(self.results[self.index[id(undecided[0])]])
        else:
            words = _("another condition")
        count = len(group.criteria) + len(group.children)
        outcome.open_items.append(
            # Translators: %(ways)s names the one or two ways to qualify this person is closest to.
            _("one of %(count)s ways to qualify, the closest: %(ways)s")
            % {"count": count, "ways": words}
        )
        if not outcome.closest_way:
            outcome.closest_way, outcome.closest_item = words, len(outcome.open_items) - 1
            outcome.closest_of = count

    def _unmet(self, group: Group) -> int:
        return [self.nodes[id(m)][0] for m in (*group.criteria, *group.children)].count(False)

    def _way_words(self, group: Group) -> str:
        """A way to qualify in words: its reviewed name (or its first condition not yet met),
        and what it still needs."""
        name, structural = str(group.words), group.structural
        missing = [
            self.results[self.index[id(c)]]
            for c in group.criteria
            if self.nodes[id(c)][0] is False or (structural and self.nodes[id(c)][0] is None)
        ]
        needed = "; ".join(_needed(r) for r in missing[:2])
        if structural and not needed:  # say what its first unsettled part asks
            child = next((c for c in group.children if self.nodes[id(c)][0] is not True), None)
            return self._way_words(child) if child else _("another combination of conditions")
        if structural:
            return needed
        words = name[0].lower() + name[1:]
        if not needed:
            return words
        # Translators: a way to qualify and the conditions of it not met yet.
        return _("%(way)s (still needed: %(needed)s)") % {"way": words, "needed": needed}

    def _collect_applicants(self, node: Node, outcome: TreeOutcome) -> None:
        if node[0] is False:
            outcome.blockers.append(_("none of the applicant types applies"))
        elif node[0] is None:
            for group in self.tree.applicant_types.values():
                if self.nodes[id(group)][0] is None:
                    self._collect(group, outcome)

    def _referenced_groups(self, criterion: Criterion) -> list[Group]:
        if criterion.kind == EXEMPTION:
            found = self.tree.exemptions.get(criterion.rule.field.removeprefix("exemption."))
            return [found] if found else []
        if criterion.kind == APPLICANT_TYPE:
            return [
                self.tree.applicant_types[str(key)]
                for key in criterion.rule.value or []
                if str(key) in self.tree.applicant_types
            ]
        return []

    def _reasons(self, group: Group, outcome: TreeOutcome) -> None:
        """Why an uncertain outcome is uncertain: only the members it rests on."""
        met, uncertain = self.nodes[id(group)]
        if not uncertain:
            return
        if group.rule.uncertain and met is not False:
            _add(outcome, unsettled(str(group.path)))
        for criterion in group.criteria:
            child_met, child_uncertain = self.nodes[id(criterion)]
            if child_uncertain and (child_met is met or (met is None and child_met is not False)):
                referenced = self._referenced_groups(criterion)
                for child in referenced:
                    self._reasons(child, outcome)
                if not referenced:
                    _add(outcome, unsettled(str(criterion.label)))
        for child in group.children:
            child_met, child_uncertain = self.nodes[id(child)]
            if child_uncertain and (child_met is met or (met is None and child_met is not False)):
                self._reasons(child, outcome)


def _add(outcome: TreeOutcome, reason: str) -> None:
    if reason not in outcome.uncertain_reasons:
        outcome.uncertain_reasons.append(reason)


def unsettled(subject: str) -> str:
    """Why `subject` (a condition, a group of them, a route) is uncertain."""
    # Translators: %(subject)s is a condition, a group of conditions or a visa code.
    return _("%(subject)s: the sources disagree or leave this open") % {"subject": subject}


def _needed(result: CriterionResult) -> str:
    # Translators: a condition and what it asks, e.g. "TOPIK level: at least 4".
    return _("%(condition)s: %(required)s") % {
        "condition": result.label,
        "required": result.required,
    }


def _holding(holds: dict[str, Node]) -> str:
    held = [applicant_type_words(key) for key, (met, _unc) in holds.items() if met]
    return ", ".join(held) or _("none that your answers show")


def _one_of(keys: list[str]) -> str:
    # Translators: %(kinds)s lists kinds of applicant, separated by semicolons.
    return _("one of: %(kinds)s") % {"kinds": "; ".join(applicant_type_words(key) for key in keys)}
