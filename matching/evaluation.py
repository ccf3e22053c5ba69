"""Offline evaluation: the engine and three baselines against a graded synthetic truth.

One run generates a seeded synthetic instance (matching.synthetic), its graded truth
(matching.truth: a simulated recruiter's and graduate's judgement of every pair, grades 0-3),
and four rankings of every pair in both directions over the same pool (matching.baselines):
random, shared skills, BM25, and the engine's top lists (matching.engine.full_run). Each
method is measured against the truth, per direction:

- each graduate's list of postings against the graduate's grades (fit and preferences);
- each posting's list of graduates against the employer's grades (fit only; only discoverable
  graduates are candidates there, as in the engine).

Per entity:

- nDCG@k: gains 2^grade - 1, discount log2(rank + 1); the ideal ranking is built from the grade
  of every candidate of the entity, including pairs the hard screen removes. Entities with no
  candidate of grade > 0 are left out of the mean.
- P@k (relevant = grade >= 2, divided by k even when the list is shorter), MRR (reciprocal rank
  of the first relevant entry in the whole list, 0 if none), recall@50 (relevant entries in the
  first 50 / all relevant candidates). These three are averaged over entities that have at least
  one relevant candidate.
- coverage: share of the other side (postings; discoverable graduates) that appear in at least
  one entity's top-k list.

The engine passes when its nDCG@10 is at least MARGIN above the best baseline's, in both
directions: a ranking that only counts skills or words, or that ignores levels, related skills,
deal breakers, experience, languages or (for graduates) preferences, should fall clearly behind.
"""

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from matching import baselines, engine
from matching.documents import Wording, graduate_document, posting_document
from matching.synthetic import SyntheticInstance, synthetic_instance
from matching.synthetic_catalogue import catalogue
from matching.toplists import TopLists
from matching.truth import GradedTruth, graded_truth

RELEVANT = 2  # grade from which an entry counts as relevant for P@k, MRR and recall
RECALL_DEPTH = 50
GRADUATE_SIDE = "graduate_to_postings"
POSTING_SIDE = "posting_to_graduates"
SIDES = (GRADUATE_SIDE, POSTING_SIDE)
BASELINES = ("random", "shared skills", "BM25")
ENGINE = "engine"
METHODS = (*BASELINES, ENGINE)
# The engine's nDCG@10 must beat the best baseline's by this much in both directions: more than
# twice the spread of one method's nDCG@10 across seeds (about 0.02 at the default size), so a
# pass is not luck of the draw, and well inside the room below the noise ceiling (about 0.96).
MARGIN = 0.05


def _dcg(relevances: Sequence[int] | np.ndarray, k: int) -> float:
    return sum(
        (2.0 ** int(rel) - 1.0) / math.log2(rank + 2) for rank, rel in enumerate(relevances[:k])
    )


def ideal_relevances(candidates: np.ndarray, k: int) -> np.ndarray:
    """The best possible top-k relevances, from the relevance of every candidate."""
    counts = np.bincount(candidates, minlength=4)
    return np.repeat(np.arange(len(counts))[::-1], counts[::-1])[:k]


def ndcg_at_k(ranked: Sequence[int] | np.ndarray, candidates: np.ndarray, k: int = 10) -> float:
    """nDCG@k of a list (relevances, best first); nan when no candidate is relevant at all."""
    ideal = _dcg(ideal_relevances(np.asarray(candidates, dtype=np.int64), k), k)
    return _dcg(ranked, k) / ideal if ideal > 0 else math.nan


def precision_at_k(ranked: Sequence[int] | np.ndarray, k: int = 10) -> float:
    return sum(1 for rel in ranked[:k] if rel >= RELEVANT) / k


def reciprocal_rank(ranked: Sequence[int] | np.ndarray) -> float:
    for rank, rel in enumerate(ranked, start=1):
        if rel >= RELEVANT:
            return 1.0 / rank
    return 0.0


def recall_at_k(ranked: Sequence[int] | np.ndarray, relevant_total: int, k: int = 50) -> float:
    if relevant_total <= 0:
        return math.nan
    return sum(1 for rel in ranked[:k] if rel >= RELEVANT) / relevant_total


@dataclass(frozen=True)
class DirectionMetrics:
    ndcg: float
    precision: float
    mrr: float
    recall: float
    coverage: float
    entities: int  # entities evaluated
    with_relevant: int  # of which have a relevant candidate (the P@k, MRR, recall denominator)


def _mean(values: list[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return round(sum(kept) / len(kept), 4) if kept else math.nan


def _direction_metrics(
    lists: np.ndarray, truths: list[np.ndarray], pool_size: int, k: int
) -> DirectionMetrics:
    """Metrics of ranked candidate indices (rows aligned with `truths`, -1 pads)."""
    ndcg, precision, mrr, recall = [], [], [], []
    seen: set[int] = set()
    for row, truth in zip(lists, truths, strict=True):
        listed = row[row >= 0]
        seen.update(listed[:k].tolist())
        ranked = truth[listed]
        ndcg.append(ndcg_at_k(ranked, truth, k))
        relevant_total = int(np.count_nonzero(truth >= RELEVANT))
        if relevant_total:
            precision.append(precision_at_k(ranked, k))
            mrr.append(reciprocal_rank(ranked))
            recall.append(recall_at_k(ranked, relevant_total, RECALL_DEPTH))
    return DirectionMetrics(
        ndcg=_mean(ndcg),
        precision=_mean(precision),
        mrr=_mean(mrr),
        recall=_mean(recall),
        coverage=round(len(seen) / pool_size, 4) if pool_size else math.nan,
        entities=len(truths),
        with_relevant=len(precision),
    )


def _index_of(ids: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """Map ids to positions in `ids`; -1 stays -1."""
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]

    def lookup(wanted: np.ndarray) -> np.ndarray:
        found = order[np.clip(np.searchsorted(sorted_ids, wanted), 0, len(ids) - 1)]
        return np.where(wanted >= 0, found, -1)

    return lookup


def _engine_lists(
    lists: TopLists, owners: np.ndarray, owner_ids: np.ndarray, candidate_ids: np.ndarray
) -> np.ndarray:
    """The engine's lists of the given owners (instance rows), as candidate positions."""
    rows = _index_of(lists.owner_ids)(owner_ids[owners])
    ids = lists.ids[rows]
    return _index_of(candidate_ids)(ids)


@dataclass
class Comparison:
    """Every method's metrics in both directions on one instance, and how long each step took."""

    graduates: int
    postings: int
    seed: int
    k: int
    metrics: dict[str, dict[str, DirectionMetrics]]  # method -> side -> metrics
    seconds: dict[str, float] = field(default_factory=dict)

    def best_baseline(self, side: str) -> str:
        return max(BASELINES, key=lambda name: self.metrics[name][side].ndcg)

    def margin(self, side: str) -> float:
        """The engine's nDCG@k minus the best baseline's, in one direction."""
        best = self.metrics[self.best_baseline(side)][side].ndcg
        return round(self.metrics[ENGINE][side].ndcg - best, 4)

    def meets_margin(self) -> bool:
        return all(self.margin(side) >= MARGIN for side in SIDES)


@dataclass(frozen=True)
class RankedLists:
    """One method's lists: per graduate, posting positions; per posting, graduate positions
    (best first, -1 pads)."""

    graduates: np.ndarray
    postings: np.ndarray


def _wording(instance: SyntheticInstance) -> Wording:
    cat = catalogue()
    titles = {o.slug: o.title for o in cat.occupations}
    return Wording(
        skill_names=cat.skill_names,
        posting_titles={pid: titles[slug] for pid, slug in instance.posting_occupation.items()},
    )


def baseline_lists(instance: SyntheticInstance, seed: int) -> dict[str, RankedLists]:
    """The three baselines' lists over the screened pool (matching.baselines)."""
    data = instance.data
    screen = baselines.eligible(data)
    listed = screen & np.array([g.discoverable for g in data.graduates])[:, None]
    wording = _wording(instance)
    g_docs = [graduate_document(g, wording) for g in data.graduates]
    p_docs = [posting_document(p, wording) for p in data.postings]
    scores = {
        "random": (baselines.random_scores(screen.shape, seed),) * 2,
        "shared skills": (baselines.shared_skill_counts(data),) * 2,
        "BM25": (
            baselines.bm25_scores(g_docs, p_docs),  # graduate's text against the postings
            baselines.bm25_scores(p_docs, g_docs).T,  # posting's text against the graduates
        ),
    }
    return {
        name: RankedLists(
            graduates=baselines.ranked(for_graduates, screen, RECALL_DEPTH),
            postings=baselines.ranked(for_postings.T, listed.T, RECALL_DEPTH),
        )
        for name, (for_graduates, for_postings) in scores.items()
    }


def engine_lists(instance: SyntheticInstance) -> RankedLists:
    """The engine's top-RECALL_DEPTH lists of every graduate and posting, as positions."""
    data = instance.data
    vocab = engine.Vocabulary.from_facts(data.graduates, data.postings)
    graduates = engine.build_graduates(data.graduates, vocab, data.relations)
    result = engine.full_run(graduates, engine.build_postings(data.postings, vocab), RECALL_DEPTH)
    g_ids, p_ids = graduates.ids, np.array([p.id for p in data.postings], dtype=np.int64)
    g_rows, p_rows = np.arange(len(g_ids)), np.arange(len(p_ids))
    return RankedLists(
        graduates=_engine_lists(result.graduates, g_rows, g_ids, p_ids),
        postings=_engine_lists(result.postings, p_rows, p_ids, g_ids),
    )


def measure(lists: RankedLists, truth: GradedTruth, k: int) -> dict[str, DirectionMetrics]:
    """One method's metrics in both directions against the graded truth."""
    n_g, n_p = truth.graduate_grades.shape
    discoverable = int(np.count_nonzero(truth.discoverable))
    return {
        GRADUATE_SIDE: _direction_metrics(
            lists.graduates, [truth.for_graduate(r) for r in range(n_g)], n_p, k
        ),
        POSTING_SIDE: _direction_metrics(
            lists.postings, [truth.for_posting(c) for c in range(n_p)], discoverable, k
        ),
    }


def compare(*, graduates: int, postings: int, seed: int, k: int = 10) -> Comparison:
    """Generate an instance and its truth, rank it with every method, and measure them."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal started
        now = time.perf_counter()
        seconds[step] = round(now - started, 3)
        started = now

    instance = synthetic_instance(graduates=graduates, postings=postings, seed=seed)
    lap("generate")
    truth = graded_truth(instance.data, seed=seed)
    lap("truth")
    lists = baseline_lists(instance, seed)
    lap("baselines")
    lists[ENGINE] = engine_lists(instance)
    lap("engine")
    metrics = {name: measure(lists[name], truth, k) for name in METHODS}
    lap("measure")
    return Comparison(graduates, postings, seed, k, metrics, seconds)
