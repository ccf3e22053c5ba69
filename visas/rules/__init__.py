"""Visa guidance as pure computation over dated rules (no database access inside).

Public interface (everything pages, the API and the matching engine need):

- facts: `PersonFacts`, `OfferFacts`, `validate_person`, `validate_offer`, `RuleInputError`
- rules: `RulesSnapshot`, `snapshot_from_fixture` (the database builder is
  `visas.selectors.rules_snapshot`)
- engine: `evaluate_all`, `evaluate_offer`, `pair_blocked`
- results: `Guidance`, `PathwayResult`, `CriterionResult`, `PointsResult`, `PointsLine`,
  `NextStep`, `Progression`, `SourceRef`, `OfferVerdict`, `GniUsed`, `PATHWAY_CODES`
"""

from visas.rules.engine import evaluate_all, evaluate_offer, pair_blocked
from visas.rules.facts import (
    OfferFacts,
    PersonFacts,
    RuleInputError,
    validate_offer,
    validate_person,
)
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
from visas.rules.snapshot import RulesSnapshot, snapshot_from_fixture, snapshot_from_rows

__all__ = [
    "ELIGIBLE",
    "ELIGIBLE_ONCE",
    "NOT_OPEN",
    "PATHWAY_CODES",
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
    "pair_blocked",
    "snapshot_from_fixture",
    "snapshot_from_rows",
    "validate_offer",
    "validate_person",
]
