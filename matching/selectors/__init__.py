"""Reads for matching, by concern: facts (what the engine scores, from the platform's rows),
lists (the stored match lists the pages show), explanations (why a pair matches), outcomes (the
logged impressions and what followed them) and golden (the recruiters' grades the engine is
measured against). Import from here."""

from matching.selectors.backlog import MatchingBacklog, RunProgress, matching_backlog
from matching.selectors.explanations import (
    CourseOffers,
    Explained,
    explanations_for,
    explanations_from_facts,
)
from matching.selectors.facts import (
    facts_context,
    graduate_facts,
    matchable_postings,
    pending_changes,
    posting_facts,
    relation_facts,
)
from matching.selectors.golden import (
    ExperienceLine,
    GradingCandidate,
    PostingGrades,
    PostingProgress,
    blind_key,
    golden_candidate_ids,
    golden_candidates,
    golden_grades_by_posting,
    golden_posting,
    golden_postings,
    golden_progress,
)
from matching.selectors.kept_facts import (
    FactsRenewal,
    graduate_facts_kept,
    pair_stamps,
    posting_facts_kept,
)
from matching.selectors.lists import (
    CandidateFilters,
    CandidateMatch,
    MatchEntry,
    PostingMatch,
    candidates_for_posting,
    current_run,
    decoded_list,
    graduate_ids_matched_above,
    graduate_matches_refreshing,
    graduate_ranked_posting_ids,
    matches_for_graduate,
)
from matching.selectors.outcomes import OutcomeHistory, impressions_export, outcome_history

__all__ = [
    "CandidateFilters",
    "CandidateMatch",
    "CourseOffers",
    "ExperienceLine",
    "Explained",
    "FactsRenewal",
    "GradingCandidate",
    "MatchEntry",
    "MatchingBacklog",
    "OutcomeHistory",
    "PostingGrades",
    "PostingMatch",
    "PostingProgress",
    "RunProgress",
    "blind_key",
    "candidates_for_posting",
    "current_run",
    "decoded_list",
    "explanations_for",
    "explanations_from_facts",
    "facts_context",
    "golden_candidate_ids",
    "golden_candidates",
    "golden_grades_by_posting",
    "golden_posting",
    "golden_postings",
    "golden_progress",
    "graduate_facts",
    "graduate_facts_kept",
    "graduate_ids_matched_above",
    "graduate_matches_refreshing",
    "graduate_ranked_posting_ids",
    "impressions_export",
    "matchable_postings",
    "matches_for_graduate",
    "matching_backlog",
    "outcome_history",
    "pair_stamps",
    "pending_changes",
    "posting_facts",
    "posting_facts_kept",
    "relation_facts",
]
