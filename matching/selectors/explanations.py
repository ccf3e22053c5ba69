"""Why a graduate and a posting match: the one way every page and API explains a match."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from matching.explain import CourseOffer, Explanation, explain_pair
from matching.facts import (
    GraduateFacts,
    PostingFacts,
)
from matching.selectors.kept_facts import graduate_facts_kept, posting_facts_kept
from skills.selectors import taxonomy_snapshot

CourseOffers = dict[int, list[CourseOffer]]


@dataclass(frozen=True)
class Explained:
    """Explanations keyed by (graduate id, posting id)."""

    pairs: dict[tuple[int, int], Explanation]

    def pair(self, graduate_id: int, posting_id: int) -> Explanation:
        return self.pairs[(graduate_id, posting_id)]

    def by_posting(self) -> dict[int, Explanation]:
        """For one graduate: their explanation per posting id."""
        return {posting_id: e for (_graduate_id, posting_id), e in self.pairs.items()}

    def by_graduate(self) -> dict[int, Explanation]:
        """For one posting: each graduate's explanation, by graduate id."""
        return {graduate_id: e for (graduate_id, _posting_id), e in self.pairs.items()}


def explanations_for(
    *,
    graduate_ids: Collection[int],
    posting_ids: Collection[int],
    courses_by_skill: CourseOffers | None = None,
    gap_summaries: bool = True,
) -> Explained:
    """Why each graduate and each posting match (or not), term by term, keyed by
    (graduate id, posting id): the one way every page and API explains a match.

    Computed on read (about 20 microseconds of arithmetic per pair) from the facts of the
    current rows, kept in the shared cache until they change (matching.selectors.kept_facts),
    in a constant number of queries, so ask for one graduate and many postings, or one posting and
    many graduates, in one call. Postings need not be public (an employer explains their drafts).
    `courses_by_skill`: course offers per skill id, listed on the skills still short of the level
    asked (training.selectors.course_offers_by_skill loads them). `gap_summaries=False` leaves
    out each pair's score with its gaps closed (`Explanation.gap_summary` None): pages that
    show only the score and the main gap spare half the work."""
    if not graduate_ids or not posting_ids:
        return Explained({})
    return explanations_from_facts(
        graduates=graduate_facts_kept(ids=graduate_ids),
        postings=posting_facts_kept(ids=posting_ids),
        courses_by_skill=courses_by_skill,
        gap_summaries=gap_summaries,
    )


def explanations_from_facts(
    *,
    graduates: Sequence[GraduateFacts],
    postings: Sequence[PostingFacts],
    courses_by_skill: CourseOffers | None = None,
    gap_summaries: bool = True,
) -> Explained:
    """`explanations_for` on facts the caller already holds, possibly changed (a training plan
    explains the graduate as they would be after the courses). The skill relations and names
    come from the taxonomy kept per process (skills.selectors.taxonomy_snapshot)."""
    taxonomy = taxonomy_snapshot()
    table, names = taxonomy.relations, taxonomy.names()
    pairs = {
        (g.id, p.id): explain_pair(
            graduate=g,
            posting=p,
            relations=table,
            skill_names=names,
            courses_by_skill=courses_by_skill,
            gap_summary=gap_summaries,
        )
        for g in graduates
        for p in postings
    }
    return Explained(pairs)
