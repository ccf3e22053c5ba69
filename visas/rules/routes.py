"""Visa routes as bit masks, one per person and one per offer, for the matching engine.

The matching engine cannot call `pair_blocked` for every graduate and posting (10^5 × 10^3
pairs), so the verdict is split into a mask per side. The split is exact: for every person and
every offer (sponsoring or not), under any snapshot,

    pair_blocked(person, offer, rules)
        == (person_routes(person, rules) & offer_routes(offer, rules) == 0)

It can be exact because each condition `pair_blocked` tests reads one side only: E-7-1 and
Top-Tier read only the offer (salary, employer size), E-9 and E-7-4 only the person (nationality
and age, years of work in Korea), and sponsorship is the offer's while a status that allows any
work is the person's. A route's bit is set on the side its condition reads and always set on the
other side, so the AND of the two masks is the OR of the routes `pair_blocked` tries. No route
needs a bit per band of salary or employer size. A condition that read both sides (a minimum
salary that depended on the person's age or degree) would need one.

Bits (stable; the matching engine stores them as uint32):

    ROUTE_E7_1     1 << 0  person: always            offer: sponsors, E-7-1 in the rules, salary
                                                         not below the minimum for its size
    ROUTE_E7_4     1 << 1  person: >= 4 years in     offer: sponsors
                           Korea, E-7-4 in the rules
    ROUTE_E9       1 << 2  person: EPS sending       offer: sponsors, and is an
                           country, age unknown or          EPS job or does not say
                           18-39, E-9 in the rules
    ROUTE_TOP_TIER 1 << 3  person: always            offer: sponsors, Top-Tier open on the day,
                                                         its criteria not failed by the offer's
                                                         facts (salary >= 3 x GNI; 4 x GNI is an
                                                         alternative to a degree or experience)
    OWN_STATUS     1 << 4  person: status allows     offer: always (no sponsor needed)
                           any work (F-2, F-4, F-5,
                           F-6, Korean national);
                           then only this bit

E-7-4 carries no condition on the offer because pair_blocked has none: what it asks of the
employer (a recommendation) is not in the data. E-9 asks the offer to be an EPS job. Tested against
pair_blocked on random pairs in tests/visas/test_rules_routes.py.

Pure computation, no database; a few comparisons per call.
"""

from visas.rules.compiled import SALARY_FIELD, CompiledRules, compiled
from visas.rules.criteria import tree_met
from visas.rules.facts import OfferFacts, PersonFacts
from visas.rules.factview import holds_free_work_status, offer_view
from visas.rules.logic import compare
from visas.rules.pathways import WORK_ROUTES
from visas.rules.references import ALL_SCOPE, scope_for
from visas.rules.snapshot import RulesSnapshot

_E71, _E74, _E9, _TOP_TIER = WORK_ROUTES

ROUTE_E7_1 = 1 << 0
ROUTE_E7_4 = 1 << 1
ROUTE_E9 = 1 << 2
ROUTE_TOP_TIER = 1 << 3
OWN_STATUS = 1 << 4
ROUTE_BITS: dict[str, int] = {
    _E71: ROUTE_E7_1,
    _E74: ROUTE_E7_4,
    _E9: ROUTE_E9,
    _TOP_TIER: ROUTE_TOP_TIER,
}
# E-7-1 and Top-Tier are decided by the offer alone, so every person needing a sponsor has them.
_PERSON_ALWAYS = ROUTE_E7_1 | ROUTE_TOP_TIER
E9_AGES = range(18, 40)  # 18 to 39, as pair_blocked


def person_routes(person: PersonFacts, rules: RulesSnapshot) -> int:
    """The routes this person could take with a suitable sponsoring offer, as bits (see above).

    A person whose status allows any work gets `OWN_STATUS` alone: every offer carries it."""
    if holds_free_work_status(person):
        return OWN_STATUS
    engine = compiled(rules)
    routes = _PERSON_ALWAYS
    if _E74 in engine.pathways and person.korean_experience_years >= 4:
        routes |= ROUTE_E7_4
    if (
        _E9 in engine.pathways
        and person.nationality in engine.sending_countries
        and (person.age is None or person.age in E9_AGES)
    ):
        routes |= ROUTE_E9
    return routes


def offer_routes(offer: OfferFacts, rules: RulesSnapshot) -> int:
    """The routes this offer could open for a person who needs a sponsor, as bits (see above).

    Without sponsorship only `OWN_STATUS`: the job is open to people who need no route."""
    if not offer.sponsorship:
        return OWN_STATUS
    engine = compiled(rules)
    routes = OWN_STATUS | ROUTE_E7_4
    if offer.eps_job is not False:
        routes |= ROUTE_E9
    if _E71 in engine.pathways:
        threshold = engine.refs.salary_threshold(_E71, scope=scope_for(offer.employer_size))
        if compare(SALARY_FIELD, "gte", offer.annual_salary_krw, threshold.value) is not False:
            routes |= ROUTE_E7_1
    if offer_may_open_top_tier(engine, offer):
        routes |= ROUTE_TOP_TIER
    return routes


def offer_may_open_top_tier(engine: CompiledRules, offer: OfferFacts) -> bool:
    """Whether some person could get Top-Tier with this offer: the route's criteria evaluated on
    the offer's facts alone, every fact about the person unknown. Its salary conditions are
    alternatives (3 × GNI with a degree or experience, or 4 × GNI without), so the offer needs
    only the lowest that a person could pair with."""
    pathway = engine.pathways.get(_TOP_TIER)
    if pathway is None or pathway.launch is not None:
        return False
    return tree_met(pathway.tree, offer_view(offer), ALL_SCOPE) is not False


def work_routes_loaded(rules: RulesSnapshot) -> bool:
    """Whether the snapshot has any work route: without one every sponsored pair is blocked, which
    says more about missing data than about the people."""
    return any(code in rules.visa_types for code in WORK_ROUTES)
