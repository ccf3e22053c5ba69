"""Offline evaluation of ranked lists against a synthetic instance's planted truth.

Both directions are measured: each graduate's list of postings, and each posting's list of
graduates (only discoverable graduates are candidates there, as in the engine). Per entity:

- nDCG@k: gains 2^rel - 1, discount log2(rank + 1); the ideal ranking is built from the true
  relevance of every candidate of the entity. Entities with no candidate of relevance > 0 are
  left out of the mean.
- P@k (relevant = rel >= 2, divided by k even when the list is shorter), MRR (reciprocal rank of
  the first relevant entry in the whole list, 0 if none), recall@50 (relevant entries in the
  first 50 / all relevant candidates). These three are averaged over entities that have at least
  one relevant candidate.
- coverage: share of the other side (postings; discoverable graduates) that appear in at least
  one evaluated entity's top-k list.

Small instances are evaluated exactly on every entity; above `max_exact_pairs` pairs a seeded
sample of `sample_size` entities per side is used (the report says so), and coverage is then over
the sampled entities' lists only.

Two baselines share the candidate pool "feasible and at least one skill in common" (own skills,
no relations): `overlap` ranks by the number of shared skills (levels, weights, relations and
preferences ignored), `random` ranks the pool at random.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from matching.engine import FullResult
from matching.facts import MatchingInput
from matching.synthetic import SyntheticInstance
from matching.toplists import TopLists

RELEVANT = 2  # relevance from which an entry counts as relevant for P@k, MRR and recall
RECALL_DEPTH = 50
GRADUATE_SIDE = "graduate_to_postings"
POSTING_SIDE = "posting_to_graduates"


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


@dataclass
class EvaluationReport:
    k: int
    graduates: int
    postings: int
    sampled: bool  # False: every entity was evaluated
    entities_per_side: dict[str, int]
    engine: dict[str, DirectionMetrics]
    baselines: dict[str, dict[str, DirectionMetrics]]
    pairs_sharing_a_skill: float  # of the evaluated graduates' pairs, own skills only
    pairs_scored: float  # share of all pairs the engine scored (feasible, fit > 0)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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


def _incidence(skill_sets: list[Sequence[int]], n_skills: int) -> sparse.csr_matrix:
    indptr = np.cumsum([0] + [len(s) for s in skill_sets])
    indices = np.fromiter((s for skills in skill_sets for s in skills), dtype=np.int64)
    ones = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((ones, indices, indptr), shape=(len(skill_sets), n_skills))


def _baseline_lists(
    overlap: np.ndarray, pools: np.ndarray, depth: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Top-`depth` candidate positions per row by shared-skill count (ties: position) and at
    random, both within the pool (feasible and sharing a skill)."""
    out = {
        name: np.full((len(overlap), depth), -1, dtype=np.int64) for name in ("overlap", "random")
    }
    for r, (counts, pool) in enumerate(zip(overlap, pools, strict=True)):
        candidates = np.flatnonzero(pool & (counts > 0))
        by_overlap = candidates[np.lexsort((candidates, -counts[candidates]))][:depth]
        at_random = candidates[np.argsort(rng.random(len(candidates)))][:depth]
        out["overlap"][r, : len(by_overlap)] = by_overlap
        out["random"][r, : len(at_random)] = at_random
    return out


def _sample(n: int, limit: int | None, rng: np.random.Generator) -> np.ndarray:
    if limit is None or n <= limit:
        return np.arange(n)
    return np.sort(rng.choice(n, size=limit, replace=False))


def _side(
    owners: np.ndarray,
    truth_of: Callable[[int], np.ndarray],
    pool_of: Callable[[int], np.ndarray],
    owner_skills: sparse.csr_matrix,
    candidate_skills: sparse.csr_matrix,
    engine_lists: np.ndarray,
    pool_size: int,
    k: int,
    rng: np.random.Generator,
) -> tuple[DirectionMetrics, dict[str, DirectionMetrics], float]:
    """Engine and baseline metrics for one direction, and the share of pairs sharing a skill."""
    truths = [truth_of(int(o)) for o in owners]
    baseline_parts: dict[str, list[np.ndarray]] = {"overlap": [], "random": []}
    shared = 0
    for start in range(0, len(owners), 256):
        chunk = owners[start : start + 256]
        overlap = (owner_skills[chunk] @ candidate_skills.T).toarray()
        shared += int(np.count_nonzero(overlap))
        pools = np.stack([pool_of(int(o)) for o in chunk])
        for name, lists in _baseline_lists(overlap, pools, RECALL_DEPTH, rng).items():
            baseline_parts[name].append(lists)
    engine = _direction_metrics(engine_lists, truths, pool_size, k)
    baselines = {
        name: _direction_metrics(np.concatenate(parts), truths, pool_size, k)
        for name, parts in baseline_parts.items()
    }
    pairs = len(owners) * candidate_skills.shape[0]
    return engine, baselines, shared / pairs if pairs else math.nan


def _skill_matrices(data: MatchingInput) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    n_skills = 1 + max(
        [s for g in data.graduates for s in g.skills]
        + [s.skill_id for p in data.postings for s in p.skills],
        default=0,
    )
    graduates = _incidence([list(g.skills) for g in data.graduates], n_skills)
    postings = _incidence([[s.skill_id for s in p.skills] for p in data.postings], n_skills)
    return graduates, postings


def evaluate(
    instance: SyntheticInstance,
    result: FullResult,
    k: int = 10,
    *,
    max_exact_pairs: int = 20_000_000,
    sample_size: int = 500,
    seed: int = 7,
) -> EvaluationReport:
    """Compare the engine's lists (and two baselines) with the planted truth, both directions."""
    data, truth = instance.data, instance.truth
    n_g, n_p = len(data.graduates), len(data.postings)
    rng = np.random.default_rng(seed)
    limit = None if n_g * n_p <= max_exact_pairs else sample_size
    g_owners, p_owners = _sample(n_g, limit, rng), _sample(n_p, limit, rng)
    g_ids = np.array([g.id for g in data.graduates], dtype=np.int64)
    p_ids = np.array([p.id for p in data.postings], dtype=np.int64)
    g_skills, p_skills = _skill_matrices(data)
    g_engine, g_base, shared = _side(
        g_owners, truth.for_graduate, truth.feasible_postings, g_skills, p_skills,
        _engine_lists(result.graduates, g_owners, g_ids, p_ids), n_p, k, rng,
    )  # fmt: skip
    p_engine, p_base, _ = _side(
        p_owners, truth.for_posting, truth.feasible_graduates, p_skills, g_skills,
        _engine_lists(result.postings, p_owners, p_ids, g_ids),
        int(np.count_nonzero(truth.g_discoverable)), k, rng,
    )  # fmt: skip
    notes = []
    if limit is not None:
        notes.append(
            f"sampled {limit} entities per side (seed {seed}); coverage is over their lists only"
        )
    return EvaluationReport(
        k=k,
        graduates=n_g,
        postings=n_p,
        sampled=limit is not None,
        entities_per_side={GRADUATE_SIDE: len(g_owners), POSTING_SIDE: len(p_owners)},
        engine={GRADUATE_SIDE: g_engine, POSTING_SIDE: p_engine},
        baselines={
            name: {GRADUATE_SIDE: g_base[name], POSTING_SIDE: p_base[name]} for name in g_base
        },
        pairs_sharing_a_skill=round(shared, 4),
        pairs_scored=round(int(result.graduates.total.sum()) / (n_g * n_p), 4) if n_g * n_p else 0,
        notes=notes,
    )
