"""Visa guidance as pure computation over dated rules (no database access inside).

Public interface (everything pages, the API and the matching engine need):

- facts: `PersonFacts`, `OfferFacts`, `validate_person`, `validate_offer`, `RuleInputError`
- rules: `RulesSnapshot`, `snapshot_from_fixture` (the database builder is
  `visas.selectors.rules_snapshot`)
- engine: `evaluate_all`, `evaluate_offer`, `evaluate_routes`, `pair_blocked`
- routes: `person_routes`, `offer_routes` (pair_blocked split exactly into a bit mask per side),
  `work_routes_loaded`, `ROUTE_BITS`, `ROUTE_E7_1`, `ROUTE_E7_4`, `ROUTE_E9`, `ROUTE_TOP_TIER`,
  `OWN_STATUS`
- results: `Guidance`, `PathwayResult`, `CriterionResult`, `PointsResult`, `PointsLine`,
  `NextStep`, `Progression`, `SourceRef`, `OfferVerdict`, `GniUsed`, `PATHWAY_CODES`
"""

from visas.rules.engine import evaluate_all, evaluate_offer, evaluate_routes, pair_blocked
from visas.rules.facts import (
    OfferFacts,
    PersonFacts,
    RuleInputError,
    validate_offer,
    validate_person,
)
from visas.rules.goals import GOAL_CHOICES, GOALS
from visas.rules.pathways import PATHWAY_CODES
from visas.rules.results import (
    ELIGIBLE,
    ELIGIBLE_ONCE,
    NOT_OPEN,
    CriterionResult,
    GniUsed,
    Guidance,
    NextStep,
    OfferVerdict,
    PathwayResult,
    PointsLine,
    PointsResult,
    Progression,
    SourceRef,
    Verdict,
)
from visas.rules.routes import (
    OWN_STATUS,
    ROUTE_BITS,
    ROUTE_E7_1,
    ROUTE_E7_4,
    ROUTE_E9,
    ROUTE_TOP_TIER,
    offer_routes,
    person_routes,
    work_routes_loaded,
)
from visas.rules.snapshot import RulesSnapshot, snapshot_from_fixture, snapshot_from_rows

__all__ = [
    "ELIGIBLE",
    "ELIGIBLE_ONCE",
    "GOALS",
    "GOAL_CHOICES",
    "NOT_OPEN",
    "OWN_STATUS",
    "PATHWAY_CODES",
    "ROUTE_BITS",
    "ROUTE_E7_1",
    "ROUTE_E7_4",
    "ROUTE_E9",
    "ROUTE_TOP_TIER",
    "CriterionResult",
    "GniUsed",
    "Guidance",
    "NextStep",
    "OfferFacts",
    "OfferVerdict",
    "PathwayResult",
    "PersonFacts",
    "PointsLine",
    "PointsResult",
    "Progression",
    "RuleInputError",
    "RulesSnapshot",
    "SourceRef",
    "Verdict",
    "evaluate_all",
    "evaluate_offer",
    "evaluate_routes",
    "offer_routes",
    "pair_blocked",
    "person_routes",
    "snapshot_from_fixture",
    "snapshot_from_rows",
    "validate_offer",
    "validate_person",
    "work_routes_loaded",
]
