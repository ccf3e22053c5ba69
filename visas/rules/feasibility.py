"""Could this graduate take a Korean work visa if an employer offered them a typical job, and if
not, what stands in their way? For the analytics (visa feasibility by country).

A work route (E-7-1, E-7-4, E-9, F-2 Top-Tier) is *open* to a person when, with a sponsoring
offer at `salary` (an E-9 offer being an Employment Permit System job), every condition the
route asks is met on the person's own facts: what the job and employer must be (an occupation
on the list, a high-tech company) and the person's record are taken as fine, and what the
person has not stated (a test result, a university's rank) as not had. This is the engine's
"settled" reading (assess.Probe), the one its next steps use for routes open "once confirmed".
A status that allows any work (F-2, F-5 ...) needs no route at all and counts as open.

When no route is open, `missing` names the kinds of condition on the easiest listed way to open
one (assess.easiest_opening, over every route): "topik", "kiip", "experience", "degree",
"salary" (an offer paying more than `salary`); empty when no listed step opens any route
(nationality, age or a status rule). Pure computation, no database; well under a millisecond a
person once the rules are compiled.
"""

from dataclasses import dataclass, replace

from visas.rules.assess import (
    EPS_ROUTE,
    MAX_EFFORT,
    Probe,
    easiest_opening,
    points_for,
    salary_targets,
)
from visas.rules.compiled import CompiledPathway, compiled
from visas.rules.facts import OfferFacts, PersonFacts
from visas.rules.factview import holds_free_work_status, person_view
from visas.rules.pathways import WORK_ROUTES
from visas.rules.references import scope_for
from visas.rules.snapshot import RulesSnapshot

OWN_STATUS_ROUTE = "status"  # in `open_routes`: a status that allows any work
MISSING_KINDS = ("topik", "kiip", "experience", "degree", "salary")
_OFFER_ONLY = MAX_EFFORT + 1  # a better-paid offer ranks after every step of the person's


@dataclass(frozen=True, slots=True)
class Feasibility:
    open_routes: tuple[str, ...]
    missing: tuple[str, ...] = ()  # sorted kinds (MISSING_KINDS); only when none is open

    @property
    def is_open(self) -> bool:
        return bool(self.open_routes)


def work_feasibility(*, person: PersonFacts, rules: RulesSnapshot, salary: int) -> Feasibility:
    """Which work routes are open to the person with a sponsoring offer at `salary` (KRW a
    year), and otherwise what the easiest way to open one needs (see the module's note)."""
    if holds_free_work_status(person):
        return Feasibility(open_routes=(OWN_STATUS_ROUTE,))
    engine = compiled(rules)
    opened: list[str] = []
    ways: list[tuple[int, tuple[str, ...]]] = []
    for code in WORK_ROUTES:
        pathway = engine.pathways.get(code)
        if pathway is None or pathway.launch is not None:
            continue
        offer = OfferFacts(annual_salary_krw=salary, eps_job=True if code == EPS_ROUTE else None)
        probe = Probe(engine, pathway, person, scope_for(offer.employer_size), settled=True)
        if probe.outcome([], offer)[0] is True:
            opened.append(code)
            continue
        way = _easiest_way(probe, pathway, offer)
        if way is not None:
            ways.append(way)
    if opened:
        return Feasibility(open_routes=tuple(opened))
    if not ways:
        return Feasibility(open_routes=())
    _effort, kinds = min(ways)
    return Feasibility(open_routes=(), missing=kinds)


def _easiest_way(
    probe: Probe, pathway: CompiledPathway, offer: OfferFacts
) -> tuple[int, tuple[str, ...]] | None:
    """(effort, kinds) of the easiest listed way to open the route, or None: first with the
    offer as it is; else with a better-paid one, at the lowest of the route's salary
    thresholds above it with which some way opens (ranked after any way of the person's own,
    and the further above the offer, the later)."""
    way = _way_with(probe, pathway, offer)
    if way is not None:
        return way
    above = sorted(
        t
        for t in set(salary_targets(probe.rules, pathway, probe.scope))
        if t > offer.annual_salary_krw
    )
    for target in above:
        better = replace(offer, annual_salary_krw=target)
        # The further above the offer, the less likely: 4 x GNI is no graduate's first offer.
        effort = round(_OFFER_ONLY * target / offer.annual_salary_krw)
        if probe.outcome([], better)[0] is True:
            return effort, ("salary",)
        way = _way_with(probe, pathway, better)
        if way is not None:
            return effort + way[0], tuple(sorted({*way[1], "salary"}))
    return None


def _way_with(
    probe: Probe, pathway: CompiledPathway, offer: OfferFacts
) -> tuple[int, tuple[str, ...]] | None:
    _score, points = points_for(pathway, person_view(probe.person, offer))
    changes = easiest_opening(probe, offer, points)
    if not changes:
        return None
    return sum(c.effort for c in changes), tuple(sorted({c.family for c in changes}))
