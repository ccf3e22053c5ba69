"""Simple rankers the engine is measured against, over every pair of a small instance.

Each baseline gives a score to every (graduate, posting) pair; `ranked` turns a score matrix into
both directions' lists. Every method ranks the same pool: the pairs that pass the hard screen
(`eligible`: Korean, degree, field of study, visa), and for a posting only discoverable
graduates, which is what the engine lists too. Within the pool:

- random: seeded uniform scores;
- shared skills: how many of the posting's skills the graduate has (any level);
- BM25 (Okapi, k1 = 1.2, b = 0.75) over the documents of matching.documents: the graduate's
  document is the query against all postings' documents for the graduate's list, the posting's
  document the query against all graduates' documents for the posting's list.

Ties break by position in the instance (ids ascending in synthetic instances).
"""

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from matching.facts import GraduateFacts, MatchingInput

BM25_K1 = 1.2
BM25_B = 0.75


def _in_fields(g: GraduateFacts, accepted: frozenset[str]) -> bool:
    return bool(g.fields & accepted)


def _visa_possible(g: GraduateFacts, routes: int) -> bool:
    return not g.needs_sponsorship or bool(g.visa_routes & routes)


def eligible(data: MatchingInput) -> np.ndarray:
    """(graduates, postings) bool: Korean (the higher of TOPIK and KIIP stage) and degree at
    least the posting's minimum, a field it accepts, and a shared visa route when needed."""
    graduates = data.graduates
    korean = np.array([g.korean for g in graduates])
    education = np.array([g.education_rank for g in graduates])
    fields: dict[frozenset[str], np.ndarray] = {}
    visas: dict[int, np.ndarray] = {}
    screen = np.zeros((len(graduates), len(data.postings)), dtype=np.bool_)
    for column, p in enumerate(data.postings):
        passed = (korean >= p.min_topik) & (education >= p.min_education_rank)
        accepted, routes = p.accepted_fields, p.offer_routes
        if accepted:
            if accepted not in fields:
                fields[accepted] = np.array([_in_fields(g, accepted) for g in graduates])
            passed &= fields[accepted]
        if routes not in visas:
            visas[routes] = np.array([_visa_possible(g, routes) for g in graduates])
        screen[:, column] = passed & visas[routes]
    return screen


def ranked(scores: np.ndarray, allowed: np.ndarray, depth: int) -> np.ndarray:
    """Per row, the columns of the best `depth` allowed scores, best first (ties: lower column
    first), padded with -1."""
    order = np.argsort(np.where(allowed, -scores, np.inf), axis=1, kind="stable")[:, :depth]
    lists: np.ndarray = np.where(np.take_along_axis(allowed, order, axis=1), order, -1)
    return lists


def random_scores(shape: tuple[int, int], seed: int) -> np.ndarray:
    scores: np.ndarray = np.random.default_rng(seed).random(shape)
    return scores


def shared_skill_counts(data: MatchingInput) -> np.ndarray:
    """(graduates, postings): how many of the posting's skills the graduate has."""
    column: dict[int, int] = {}
    for p in data.postings:
        for s in p.skills:
            column.setdefault(s.skill_id, len(column))

    def incidence(rows: list[list[int]]) -> sparse.csr_matrix:
        cols = [[column[s] for s in row if s in column] for row in rows]
        indptr = np.cumsum([0] + [len(c) for c in cols])
        indices = np.array([c for row in cols for c in row], dtype=np.int64)
        ones = np.ones(len(indices))
        return sparse.csr_matrix((ones, indices, indptr), shape=(len(rows), len(column)))

    graduates = incidence([list(g.skills) for g in data.graduates])
    postings = incidence([[s.skill_id for s in p.skills] for p in data.postings])
    counts: np.ndarray = (graduates @ postings.T).toarray()
    return counts


def _term_counts(
    documents: Sequence[Sequence[str]], vocabulary: dict[str, int], grow: bool
) -> sparse.csr_matrix:
    indptr, indices, counts = [0], [], []
    for document in documents:
        for term, count in Counter(document).items():
            if term not in vocabulary:
                if not grow:
                    continue
                vocabulary[term] = len(vocabulary)
            indices.append(vocabulary[term])
            counts.append(count)
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.array(counts, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
        shape=(len(documents), len(vocabulary)),
    )


def bm25_scores(
    queries: Sequence[Sequence[str]],
    documents: Sequence[Sequence[str]],
    *,
    k1: float = BM25_K1,
    b: float = BM25_B,
) -> np.ndarray:
    """(queries, documents): Okapi BM25 of each document for each query.

    score(q, d) = sum over the query's words t (a repeated word counts each time) of
    idf(t) * tf(t, d) * (k1 + 1) / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl)),
    idf(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)), N documents, n(t) of them containing t.
    """
    vocabulary: dict[str, int] = {}
    tf = _term_counts(documents, vocabulary, grow=True)
    lengths = np.array([len(d) for d in documents], dtype=np.float64)
    average = lengths.mean() if len(documents) and lengths.mean() > 0 else 1.0
    n_docs = len(documents)
    containing = np.bincount(tf.indices, minlength=len(vocabulary))
    idf = np.log(1.0 + (n_docs - containing + 0.5) / (containing + 0.5))
    rows = np.repeat(np.arange(n_docs), np.diff(tf.indptr))
    norm = k1 * (1.0 - b + b * lengths[rows] / average)
    weights = tf.copy()
    weights.data = idf[tf.indices] * tf.data * (k1 + 1.0) / (tf.data + norm)
    query_counts = _term_counts(queries, vocabulary, grow=False)
    scores: np.ndarray = (query_counts @ weights.T).toarray()
    return scores
