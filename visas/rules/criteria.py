"""A visa's criteria tree, compiled once per snapshot, and its quick evaluation.

What a route needs: every eligibility and employer-requirement root group holds and, where the
visa has applicant-type groups (F-2-7), at least one of them holds. Exemption and applicant-type
groups are otherwise only read through the fields that refer to them (`exemption.<id>`,
`applicant_type`), and are explained where they are referred to.

Where the data words a criterion's exception as text (`details.alt`, e.g. E-7-4's lower salary
for agriculture), a failed test becomes "cannot tell" unless a test for the exception is known
(`ALT_TESTS`). `details.applies_if: "E-7 holder"` limits a criterion to E-7 holders.

`tree_met` gives the outcome only and stops at the first deciding member; visas.rules.explain
gives the same outcome with every criterion explained.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from visas.rules.factview import UNKNOWN, FactView, visa_matches
from visas.rules.labels import field_label_lazy, show_required
from visas.rules.logic import Test, Tri, all_of, any_of, compare, make_test
from visas.rules.records import CriterionGroupRule, CriterionRule
from visas.rules.references import ALL_SCOPE, SME_SCOPE, References, Resolved
from visas.rules.wording import (
    Words,
    alternative_words,
    alternative_words_lazy,
    group_path_lazy,
    group_words_lazy,
    is_structural,
    per_language,
    without_operators,
)

EXEMPTION_PREFIX = "exemption-"
APPLICANT_PREFIX = "applicant-type-"
# Exceptions worded as text that the facts can test: D-10-1 takes a Korean associate degree.
ALT_TESTS: dict[tuple[str, str], Callable[[FactView], Tri]] = {
    ("D-10-1", "degree.level"): lambda view: all_of(
        (
            compare("degree.level", "eq", view.get("degree.level", UNKNOWN), "associate"),
            compare("degree.country", "eq", view.get("degree.country", UNKNOWN), "KR"),
        )
    ),
}


PLAIN, EXEMPTION, APPLICANT_TYPE = 0, 1, 2
# What the job, the employer and the person's record must show, and that the degree suits the
# job: to be confirmed with them. Where such a fact is not given, a settled reading
# (`tree_met(..., settled=True)`) takes it as met, to ask what the person still needs of their
# own; any other fact not given (a degree's rank, an admission letter) counts there as not had.
CONFIRMED_LATER = (
    "job_offer.",
    "degree.related_to_job",
    "record.",
    "job_search.",
    "applicant_and_parents_non_korean",
)


@dataclass(slots=True)
class Criterion:
    rule: CriterionRule
    # Words are lazy here (the compiled rules serve every language): str() them when read.
    label: Words
    group_path: Words
    alt_test: Callable[[FactView], Tri] | None
    has_alt: bool
    alt_words: Words
    alt_says_or: bool  # its words begin with "or" (else the page adds it)
    e7_holders_only: bool
    kind: int
    resolved: tuple[Resolved, Resolved]  # the requirement for (all employers, SMEs)
    tests: tuple[Test, Test]
    # The requirement in words, for (all employers, SMEs): made once per language, since every
    # explanation of every person shows the same words (some 50 criteria a verdict).
    required: tuple[Words, Words] = ("", "")


@dataclass(slots=True)
class Group:
    rule: CriterionGroupRule
    path: Words  # lazy: "Who can apply › One of these" in the reader's language
    criteria: list[Criterion]
    children: list["Group"]
    all_mode: bool
    words: Words = ""  # lazy: its own name, the last part of the path
    structural: bool = False  # "One of these", "All of these": no name of its own


@dataclass(slots=True)
class CompiledTree:
    required: list[Group]  # eligibility and employer-requirement roots
    exemptions: dict[str, Group]
    applicant_types: dict[str, Group]
    fields: frozenset[str]


def compile_tree(
    visa: str, roots: tuple[CriterionGroupRule, ...], refs: References
) -> CompiledTree:
    fields: set[str] = set()

    def build(rule: CriterionGroupRule, parent_path: Words) -> Group:
        words = group_words_lazy(rule.key)
        path = group_path_lazy(parent_path, words)
        criteria = [_compile_criterion(visa, criterion, path, refs) for criterion in rule.criteria]
        fields.update(criterion.field for criterion in rule.criteria)
        children = [build(child, path) for child in rule.children]
        return Group(
            rule,
            path,
            criteria,
            children,
            all_mode=rule.mode == "all",
            words=words,
            structural=is_structural(rule.key),
        )

    tree = CompiledTree(required=[], exemptions={}, applicant_types={}, fields=frozenset())
    for root in roots:
        group = build(root, "")
        if root.purpose == "exemption":
            tree.exemptions[root.key.removeprefix(EXEMPTION_PREFIX)] = group
        elif root.purpose == "applicant_type":
            tree.applicant_types[root.key.removeprefix(APPLICANT_PREFIX)] = group
        else:
            tree.required.append(group)
    tree.fields = frozenset(fields)
    return tree


def _compile_criterion(
    visa: str, criterion: CriterionRule, path: Words, refs: References
) -> Criterion:
    alt = criterion.details.get("alt")
    kind = (
        EXEMPTION
        if criterion.field.startswith("exemption.")
        else APPLICANT_TYPE
        if criterion.field == "applicant_type"
        else PLAIN
    )
    resolved = (refs.resolve(criterion.value, ALL_SCOPE), refs.resolve(criterion.value, SME_SCOPE))
    compiled = Criterion(
        rule=criterion,
        label=field_label_lazy(criterion.field, criterion.label),
        group_path=path,
        alt_test=ALT_TESTS.get((visa, criterion.field)) if alt else None,
        has_alt=bool(alt),
        alt_words=alternative_words_lazy(visa, criterion.field) if alt else "",
        alt_says_or=_says_or(visa, criterion.field),
        e7_holders_only=criterion.details.get("applies_if") == "E-7 holder",
        kind=kind,
        resolved=resolved,
        tests=(
            make_test(criterion.field, criterion.op, resolved[0].value),
            make_test(criterion.field, criterion.op, resolved[1].value),
        ),
    )
    if kind == PLAIN:
        compiled.required = (_required_lazy(compiled, 0), _required_lazy(compiled, 1))
    return compiled


def _required(criterion: Criterion, sme: int) -> str:
    """What the criterion asks, in words: "at least 28,670,000 KRW (GNI x 0.8)"."""
    rule, resolved = criterion.rule, criterion.resolved[sme]
    text = show_required(rule.field, rule.op, resolved.value)
    if resolved.note:  # where a threshold comes from: computed here, in words
        note = without_operators(str(resolved.note).replace("..", " to "))
        # Translators: a requirement and where its figure comes from.
        text = _("%(required)s (%(note)s)") % {"required": text, "note": note}
    if criterion.has_alt:
        alt = {"required": text, "alternative": str(criterion.alt_words)}
        # Translators: a requirement and an alternative to it, worded as "or ...".
        text = (
            _("%(required)s; %(alternative)s") % alt
            if criterion.alt_says_or
            # Translators: a requirement and an alternative to it.
            else (_("%(required)s; or: %(alternative)s") % alt)
        )
    if criterion.e7_holders_only:
        text = _("%(required)s (E-7 holders only)") % {"required": text}
    return text


_required_lazy = per_language(_required)


def _says_or(visa: str, field: str) -> bool:
    with translation.override(None):  # the reviewed English words, whatever the reader's
        return alternative_words(visa, field).startswith("or ")


def plain_met(criterion: Criterion, view: FactView, sme: int, settled: bool = False) -> Tri:
    met = criterion.tests[sme](view.get(criterion.rule.field, UNKNOWN))
    if criterion.e7_holders_only:
        holder = visa_matches(view.get("status.current_visa", ""), "E-7")
        met = True if holder is False else (None if holder is None and met is False else met)
    if met is False and criterion.has_alt:
        met = criterion.alt_test(view) if criterion.alt_test else None
    if met is None and settled:
        return criterion.rule.field.startswith(CONFIRMED_LATER)
    return met


def tree_met(tree: CompiledTree, view: FactView, scope: str, settled: bool = False) -> Tri:
    """The tree's outcome only, short-circuiting (for imagined versions of a person).
    `settled`: what is not given is settled as CONFIRMED_LATER says, so the outcome is known."""
    sme = int(scope == SME_SCOPE)
    referenced: dict[str, Tri] = {}
    unknown = False
    for group in tree.required:
        met = _fast_group(tree, group, view, sme, referenced, settled)
        if met is False:
            return False
        unknown = unknown or met is None
    if tree.applicant_types:
        met = any_of(
            _fast_referenced(tree, "applicant", key, group, view, sme, referenced, settled)
            for key, group in tree.applicant_types.items()
        )
        if met is False:
            return False
        unknown = unknown or met is None
    return None if unknown else True


def _fast_group(
    tree: CompiledTree,
    group: Group,
    view: FactView,
    sme: int,
    referenced: dict[str, Tri],
    settled: bool = False,
) -> Tri:
    decisive = not group.all_mode  # "all" stops at a False, "any" at a True
    unknown = False
    for criterion in group.criteria:
        if criterion.kind == PLAIN:
            met = plain_met(criterion, view, sme, settled)
        elif criterion.kind == EXEMPTION:
            key = criterion.rule.field.removeprefix("exemption.")
            found = tree.exemptions.get(key)
            met = (
                (False if settled else None)
                if found is None
                else _fast_referenced(tree, "exemption", key, found, view, sme, referenced, settled)
            )
        else:
            met = any_of(
                _fast_referenced(
                    tree,
                    "applicant",
                    key,
                    tree.applicant_types[key],
                    view,
                    sme,
                    referenced,
                    settled,
                )
                if key in tree.applicant_types
                else False
                for key in criterion.rule.value or []
            )
        if met is decisive:
            return met
        unknown = unknown or met is None
    for child in group.children:
        met = _fast_group(tree, child, view, sme, referenced, settled)
        if met is decisive:
            return met
        unknown = unknown or met is None
    return None if unknown else group.all_mode


def _fast_referenced(
    tree: CompiledTree,
    kind: str,
    key: str,
    group: Group,
    view: FactView,
    sme: int,
    referenced: dict[str, Tri],
    settled: bool = False,
) -> Tri:
    memo_key = f"{kind}:{key}"
    if memo_key not in referenced:
        referenced[memo_key] = _fast_group(tree, group, view, sme, referenced, settled)
    return referenced[memo_key]
