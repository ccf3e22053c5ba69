"""Which routes the guidance covers, in what order, and the little each needs beyond its data.

Per-route code is kept to what the data cannot say by itself:
- E-9: the nationality list is the EPS sending-country table (SendingCountry rows, with their
  sources), so an administrator's change there is what the engine uses.
- F-5-11 and F-5-15: the data has no criteria (the sources give no point items for F-5-11 and
  only "Korean PhD holders, income/asset criteria not retrieved" for F-5-15); the groups below
  state what is known and mark the rest uncertain and unknown.
"""

from dataclasses import replace

from visas.rules.records import CriterionGroupRule, CriterionRule, VisaTypeRule
from visas.rules.snapshot import RulesSnapshot

PATHWAY_CODES = (
    "D-4-1",
    "D-2",
    "D-10-1",
    "E-7-1",
    "E-7-4",
    "E-9",
    "F-2-7",
    "F-2 (Top-Tier)",
    "F-2 (K-STAR)",
    "D-8-4",
    "F-5-1",
    "F-5-10",
    "F-5-11",
    "F-5-15",
    "F-5-16",
)
# Routes tied to an employer's job offer; the employer must sponsor the visa.
WORK_ROUTES = ("E-7-1", "E-7-4", "E-9", "F-2 (Top-Tier)")
E9 = "E-9"


def pathway_groups(visa: VisaTypeRule, rules: RulesSnapshot) -> tuple[CriterionGroupRule, ...]:
    groups = visa.criterion_groups
    if visa.code == E9:
        groups = tuple(_with_sending_countries(group, rules) for group in groups)
    if not groups and visa.code in _SUPPLEMENTS:
        groups = (_SUPPLEMENTS[visa.code](visa),)
    return groups


def _with_sending_countries(group: CriterionGroupRule, rules: RulesSnapshot) -> CriterionGroupRule:
    countries = [s for s in rules.sending_countries if s.visa == E9]
    if not countries:
        return group
    sources = tuple(sorted({key for s in countries for key in s.source_keys}))
    criteria = tuple(
        replace(
            criterion,
            value=[s.country for s in countries],
            source_keys=tuple(sorted({*criterion.source_keys, *sources})),
        )
        if criterion.field == "nationality" and criterion.op == "in"
        else criterion
        for criterion in group.criteria
    )
    children = tuple(_with_sending_countries(child, rules) for child in group.children)
    return replace(group, criteria=criteria, children=children)


def _criterion(
    label: str,
    field: str,
    op: str,
    value: object,
    sources: tuple[str, ...],
    *,
    order: int,
    uncertain: bool = False,
    note: str = "",
) -> CriterionRule:
    return CriterionRule(
        key=field,
        label=label,
        field=field,
        op=op,
        value=value,
        order=order,
        uncertain=uncertain,
        note=note,
        details={},
        source_keys=sources,
    )


def _eligibility(
    visa: VisaTypeRule, criteria: tuple[CriterionRule, ...], note: str
) -> CriterionGroupRule:
    return CriterionGroupRule(
        key="eligibility",
        purpose="eligibility",
        mode="all",
        label="Eligibility",
        order=0,
        uncertain=True,
        note=note,
        source_keys=visa.source_keys,
        criteria=criteria,
        children=(),
    )


def _f5_15(visa: VisaTypeRule) -> CriterionGroupRule:
    sources = visa.source_keys
    return _eligibility(
        visa,
        (
            _criterion("Korean degree", "degree.country", "eq", "KR", sources, order=1),
            _criterion("Doctorate", "degree.level", "eq", "doctorate", sources, order=2),
            _criterion(
                "Income or assets meet the F-5-15 standard",
                "income.f5_15_standard_met",
                "true",
                None,
                sources,
                order=3,
                uncertain=True,
                note="the income and asset criteria were not retrieved",
            ),
        ),
        "income and asset criteria not retrieved",
    )


def _f5_11(visa: VisaTypeRule) -> CriterionGroupRule:
    rules = visa.details.get("pass_rules", [])
    summary = "; ".join(
        f"required items {r.get('required_items_min') or r.get('required_items_range')}, "
        f"total at least {r.get('total_min')}"
        for r in rules
    )
    return _eligibility(
        visa,
        (
            _criterion(
                "Special-ability points (item values not published)",
                "points.f5_11_pass",
                "true",
                None,
                visa.source_keys,
                order=1,
                uncertain=True,
                note=f"pass rules: {summary}" if summary else "point items not retrieved",
            ),
        ),
        "point items not retrieved",
    )


_SUPPLEMENTS = {"F-5-15": _f5_15, "F-5-11": _f5_11}
