"""One route for one person: criteria, points, verdict, next steps, summary."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from visas.rules.compiled import CompiledPathway, CompiledRules
from visas.rules.criteria import tree_met
from visas.rules.explain import TreeOutcome, evaluate_tree, unsettled
from visas.rules.facts import OfferFacts, PersonFacts
from visas.rules.factview import FactView, Range, holds_free_work_status, person_view
from visas.rules.labels import krw, yes_no
from visas.rules.logic import Tri, all_of
from visas.rules.points import TableScore
from visas.rules.references import scope_for
from visas.rules.results import (
    ELIGIBLE,
    ELIGIBLE_ONCE,
    NOT_OPEN,
    CriterionResult,
    NextStep,
    PathwayResult,
    PointsResult,
    Verdict,
)
from visas.rules.steps import Change, relevant_levers, salary_changes
from visas.rules.summaries import summary

MAX_EFFORT = 60  # steps beyond about five years of work are not offered as next steps


def _with_points(view: FactView, pathway: CompiledPathway, score: TableScore | None) -> FactView:
    if score is None or not pathway.points_fields:
        return view
    return {**view, **{f: score.field_value(f) for f in pathway.points_fields}}


def sponsorship_ok(person: PersonFacts, offer: OfferFacts) -> bool:
    return offer.sponsorship or holds_free_work_status(person)


EPS_ROUTE = "E-9"


def eps_ok(code: str, offer: OfferFacts) -> Tri:
    """E-9 is only for jobs filled through the Employment Permit System: False for an offer that
    says it is not one, None (may be) when the offer does not say. Other routes: True."""
    if code != EPS_ROUTE:
        return True
    return offer.eps_job


def offer_conditions_met(code: str, person: PersonFacts, offer: OfferFacts) -> Tri:
    """What a work route asks of the offer itself, beyond the rule data's criteria."""
    return all_of((sponsorship_ok(person, offer), eps_ok(code, offer)))


@dataclass(slots=True)
class Probe:
    """Evaluates the route quickly for imagined versions of the person (no explanations)."""

    rules: CompiledRules
    pathway: CompiledPathway
    person: PersonFacts
    scope: str
    settled: bool = False  # facts not given settled as criteria.CONFIRMED_LATER says

    def outcome(
        self, change: Change | list[Change], offer: OfferFacts | None
    ) -> tuple[Tri, int | None]:
        person = self.person
        for step in change if isinstance(change, list) else [change]:
            person, offer = step.apply(person, offer)
        view = person_view(person, offer, status_from=self.person)
        table = self.pathway.table
        score = table.score(view) if table else None
        view = _with_points(view, self.pathway, score)
        met = tree_met(self.pathway.tree, view, self.scope, settled=self.settled)
        if offer is not None and self.pathway.work_route:
            of_offer = offer_conditions_met(self.pathway.code, person, offer)
            met = all_of((met, True if of_offer is None and self.settled else of_offer))
        return met, score.total if score else None


def points_for(
    pathway: CompiledPathway, view: FactView
) -> tuple[TableScore | None, PointsResult | None]:
    """The route's points table scored on the facts, and its result (None, None: no table)."""
    if pathway.table is None:
        return None, None
    score = pathway.table.score(view)
    return score, score.result(pathway.table.rule)


def assess(
    rules: CompiledRules,
    pathway: CompiledPathway,
    person: PersonFacts,
    offer: OfferFacts | None,
    view: FactView,
) -> PathwayResult:
    if pathway.launch is not None:
        return _not_yet_open(rules, pathway, person)
    scope = scope_for(offer.employer_size if offer else None)
    score, points = points_for(pathway, view)
    estimates: dict[str, str] = {}
    if score is not None and points is not None:
        why = _("%(table)s is incomplete, so the points are an estimate") % {
            "table": points.table_name
        }
        estimates = {f: why for f in pathway.points_fields if score.field_is_estimate(f)}
    outcome = evaluate_tree(pathway.tree, _with_points(view, pathway, score), scope, estimates)
    criteria, met = list(outcome.criteria), outcome.met
    if offer is not None and pathway.work_route:
        sponsored = sponsorship_ok(person, offer)
        criteria.append(_sponsorship_result(offer, sponsored))
        if not sponsored:
            outcome.blockers.append(_("the employer does not sponsor the visa"))
        if pathway.code == EPS_ROUTE:
            criteria.append(eps_result(offer))
            if offer.eps_job is False:
                outcome.blockers.append(_("the job is not an Employment Permit System job"))
        met = all_of((met, offer_conditions_met(pathway.code, person, offer)))
    steps = _next_steps(rules, pathway, person, offer, scope, met, points, outcome)
    reopened = any(step.opens_route for step in steps)
    verdict: Verdict = (
        ELIGIBLE if met is True else NOT_OPEN if met is False and not reopened else ELIGIBLE_ONCE
    )
    reasons = list(outcome.uncertain_reasons)
    if pathway.visa.uncertain:
        reasons.append(unsettled(pathway.code))
    return PathwayResult(
        code=pathway.code,
        name=pathway.visa.name,
        name_ko=pathway.visa.name_ko,
        verdict=verdict,
        summary=summary(pathway.code, verdict, met, outcome, steps),
        criteria=tuple(criteria),
        points=points,
        next_steps=tuple(steps),
        progression=rules.progressions.path(pathway.code, person.current_visa),
        sources=pathway.sources,
        uncertain=bool(reasons) or outcome.uncertain,
        uncertain_reasons=tuple(reasons),
        closest_way=outcome.closest_way,
        other_open=len(outcome.open_items) - bool(outcome.closest_way),
        met_today=met,
    )


def _sponsorship_result(offer: OfferFacts, sponsored: bool) -> CriterionResult:
    return CriterionResult(
        label=_("Employer sponsors the visa"),
        actual=yes_no(offer.sponsorship),
        required=_("yes, unless your status allows any work (F-2, F-4, F-5, F-6)"),
        met=sponsored,
        key="job_offer.sponsorship",
        group=_("Job offer"),
    )


def eps_result(offer: OfferFacts, *, group: str = "") -> CriterionResult:
    stated = _("not stated") if offer.eps_job is None else yes_no(offer.eps_job)
    return CriterionResult(
        label=_("The job is filled through the Employment Permit System (E-9 quota)"),
        actual=stated,
        required=_("yes"),
        met=offer.eps_job,
        key="job_offer.eps_job",
        group=group or _("Job offer"),
    )


def _next_steps(
    rules: CompiledRules,
    pathway: CompiledPathway,
    person: PersonFacts,
    offer: OfferFacts | None,
    scope: str,
    met: Tri,
    points: PointsResult | None,
    outcome: TreeOutcome,
) -> list[NextStep]:
    steps: list[NextStep] = []
    if offer is None and any(key.startswith("job_offer.") for key in outcome.open_keys):
        step = _find_offer(rules, pathway, person, scope)
        if step is not None:
            steps.append(step)
    searching = met is False or (met is None and points is not None and bool(points.shortfall))
    if searching:
        steps.extend(_search(Probe(rules, pathway, person, scope), offer, met, points))
    elif met is None:
        # Open once something is confirmed: with the job, the employer and the record taken as
        # fine and the person's unstated facts as not had, is anything still needed of them?
        settled = Probe(rules, pathway, person, scope, settled=True)
        if settled.outcome([], offer)[0] is False:
            steps.extend(_search(settled, offer, False, points))
    # What opens the route first, easiest first; then what only adds points.
    steps.sort(key=lambda s: (not s.opens_route, s.effort, -(s.points_gain or 0), s.action))
    return steps


def _find_offer(
    rules: CompiledRules, pathway: CompiledPathway, person: PersonFacts, scope: str
) -> NextStep | None:
    """The offer to look for: paying the lowest salary with which the route can still open for
    this person (Top-Tier asks 3 x GNI of everyone, but 4 x of those without the experience of
    its other branch); None when no salary could open it."""
    targets = sorted(set(salary_targets(rules, pathway, scope)))
    workable = [
        target
        for target in targets
        if tree_met(pathway.tree, person_view(person, OfferFacts(annual_salary_krw=target)), scope)
        is not False
    ]
    if targets and not workable:
        return None
    if workable:
        # Translators: %(code)s is a visa code (E-7-1), %(salary)s an amount ("31,120,000 KRW").
        action = _("Find a job offer that qualifies for %(code)s paying at least %(salary)s a year")
        action %= {"code": pathway.code, "salary": krw(workable[0])}
    else:
        action = _("Find a job offer that qualifies for %(code)s") % {"code": pathway.code}
    return NextStep(
        action=action,
        effort=6,
        skill_hint=f"job_offer:{pathway.code}",
    )


def salary_targets(rules: CompiledRules, pathway: CompiledPathway, scope: str) -> list[int]:
    targets = []
    for value in pathway.salary_values:
        resolved = rules.refs.resolve(value, scope).value
        if isinstance(resolved, Range):
            resolved = resolved.hi
        if isinstance(resolved, int | float):
            targets.append(int(resolved))
    return targets


def _search(
    probe: Probe, offer: OfferFacts | None, met: Tri, points: PointsResult | None
) -> list[NextStep]:
    steps: list[NextStep] = []
    best_of_each: list[Change] = []
    for chosen in _choices(probe, offer, met, points):
        steps.extend(chosen.steps())
        best_of_each += chosen.best_change(points_table=probe.pathway.table is not None)
    if met is False and not any(step.opens_route for step in steps):
        together = _combined(probe, offer, met, best_of_each)
        if together:
            base_total = points.total if points else None
            steps = [
                _step(c, _gain(probe, c, offer, base_total), opens_route=True) for c in together
            ]
    return steps


def easiest_opening(
    probe: Probe, offer: OfferFacts | None, points: PointsResult | None
) -> list[Change] | None:
    """The easiest listed way to open a route that is closed today (as `_search` finds them):
    the one change that opens it with the least effort, else the changes that together do;
    None when no listed change opens it."""
    openings, best_of_each = [], []
    for chosen in _choices(probe, offer, False, points):
        if chosen.opening is not None:
            openings.append(chosen.opening[0])
        best_of_each += chosen.best_change(points_table=probe.pathway.table is not None)
    if openings:
        return [min(openings, key=lambda change: change.effort)]
    return _combined(probe, offer, False, best_of_each) or None


def _choices(
    probe: Probe, offer: OfferFacts | None, met: Tri, points: PointsResult | None
) -> list["_Choice"]:
    """Per lever (and the offer's salary), the changes that open the route or add points."""
    rules, pathway, person, scope = probe.rules, probe.pathway, probe.person, probe.scope
    base_total = points.total if points else None
    pass_mark = points.pass_mark if points else None
    families = [lever.propose(person) for lever in relevant_levers(pathway.fields)]
    families.append(salary_changes(offer, salary_targets(rules, pathway, scope)))
    return [_choose(probe, changes, offer, met, base_total, pass_mark) for changes in families]


def _gain(probe: Probe, change: Change, offer: OfferFacts | None, base: int | None) -> int | None:
    _met, alone = probe.outcome(change, offer)
    return None if alone is None or base is None else alone - base


@dataclass(slots=True)
class _Choice:
    """Per lever: the first change that reopens the route, the first that reaches the pass
    mark, and the one that adds the most points."""

    candidates: list[Change]
    opening: tuple[Change, int | None] | None = None
    reaching: tuple[Change, int | None] | None = None
    best: tuple[Change, int] | None = None

    def best_change(self, *, points_table: bool) -> list[Change]:
        """The lever's change to try with the others' (`_combined`): the one adding the most
        points; without a points table, the biggest change proposed."""
        if self.best is not None:
            return [self.best[0]]
        return [self.candidates[-1]] if self.candidates and not points_table else []

    def steps(self) -> list[NextStep]:
        found: list[NextStep] = []
        seen: set[int] = set()
        for pick, opens in ((self.opening, True), (self.reaching, False), (self.best, False)):
            if pick is not None and id(pick[0]) not in seen:
                seen.add(id(pick[0]))
                found.append(_step(pick[0], pick[1], opens_route=opens))
        return found


def _choose(
    probe: Probe,
    changes: list[Change],
    offer: OfferFacts | None,
    met: Tri,
    base_total: int | None,
    pass_mark: int | None,
) -> _Choice:
    choice = _Choice([change for change in changes if change.effort <= MAX_EFFORT])
    target = pass_mark if base_total is not None and pass_mark and base_total < pass_mark else None
    for change in choice.candidates:
        new_met, total = probe.outcome(change, offer)
        gain = None if total is None or base_total is None else total - base_total
        if choice.opening is None and _improves(met, new_met):
            choice.opening = (change, gain)
            if probe.pathway.table is None:
                break
        if target is not None and choice.reaching is None and total is not None and total >= target:
            choice.reaching = (change, gain)
        if gain and gain > 0 and (choice.best is None or gain > choice.best[1]):
            choice.best = (change, gain)
    return choice


def _combined(
    probe: Probe, offer: OfferFacts | None, met: Tri, changes: list[Change]
) -> list[Change]:
    """The best change of each lever, easiest first, until together they reopen the route
    (empty: they do not within MAX_EFFORT)."""
    chosen: list[Change] = []
    for change in sorted(changes, key=lambda c: c.effort):
        if sum(c.effort for c in chosen) + change.effort > MAX_EFFORT:
            break
        chosen.append(change)
        if len(chosen) >= 2 and _improves(met, probe.outcome(chosen, offer)[0]):
            return chosen
    return []


def _improves(before: Tri, after: Tri) -> bool:
    return (before is False and after is not False) or (before is None and after is True)


def _step(change: Change, gain: int | None, *, opens_route: bool) -> NextStep:
    return NextStep(
        action=change.action,
        effort=change.effort,
        points_gain=gain if gain else None,
        skill_hint=change.skill_hint,
        opens_route=opens_route,
        cost=change.cost,
    )


def _not_yet_open(
    rules: CompiledRules, pathway: CompiledPathway, person: PersonFacts
) -> PathwayResult:
    criterion = CriterionResult(
        label=_("Route in operation"),
        actual=_("not on %(date)s") % {"date": rules.rules.on},
        required=_("from %(date)s") % {"date": pathway.launch},
        met=False,
        key="route.launch",
        group=_("Eligibility"),
    )
    return PathwayResult(
        code=pathway.code,
        name=pathway.visa.name,
        name_ko=pathway.visa.name_ko,
        verdict=NOT_OPEN,
        summary=_("%(code)s is not open to anyone yet: it starts on %(date)s.")
        % {"code": pathway.code, "date": pathway.launch},
        criteria=(criterion,),
        points=None,
        next_steps=(),
        progression=rules.progressions.path(pathway.code, person.current_visa),
        sources=pathway.sources,
        met_today=False,
        uncertain=pathway.visa.uncertain,
    )
