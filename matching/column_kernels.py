"""numba kernels for one posting's column in the live state (matching.live): its score against
every graduate, read from the graduates' skill index (skill -> graduate rows and levels) and,
for graduates changed since the index was built, from their own skill rows.

The pair score is the one in matching.kernels, operation for operation (the same inline
helpers), adding the posting's skills in their order, so each pair is bit-identical to a full run
and to matching/reference.py.
"""

from numba import njit, prange

from matching.kernels import (
    feasible,
    fields_met,
    harmonic,
    pair_fit,
    pair_preference,
    skill_term,
)


@njit(cache=True, inline="always")
def row_level(g, gpack, skill_key, skill):  # type: ignore[no-untyped-def]
    """Graduate row g's effective level of `skill` (0 if none), by binary search in its skill
    row, which is sorted by skill_key (the live state orders rows by skill id)."""
    g_idx, g_lvl = gpack[2], gpack[3]
    lo, hi, key = gpack[0][g], gpack[1][g], skill_key[skill]
    while lo < hi:
        mid = (lo + hi) >> 1
        if skill_key[g_idx[mid]] < key:
            lo = mid + 1
        else:
            hi = mid
    if lo < gpack[1][g] and g_idx[lo] == skill:
        return g_lvl[lo]
    return 0.0


@njit(cache=True, inline="always")
def deal_breakers_met_in_row(j, g, ppack, gpack, skill_key):  # type: ignore[no-untyped-def]
    """deal_breakers_met, reading graduate g's levels from its skill row (no dense levels)."""
    db_idx, db_min = ppack[16], ppack[17]
    for b in range(ppack[14][j], ppack[15][j]):
        if row_level(g, gpack, skill_key, db_idx[b]) < db_min[b]:
            return False
    return True


@njit(cache=True)
def column_skills(j, p_start, p_end, p_idx, p_min, p_wpl, ginv_ptr, ginv_row, ginv_lvl, stale, acc):  # type: ignore[no-untyped-def]
    """acc[g] = the skills term of posting j for every graduate row not marked stale, from the
    graduates' skill index (skill -> rows, levels), adding the posting's skills in their order."""
    for b in range(p_start[j], p_end[j]):
        s = p_idx[b]
        if s + 1 >= ginv_ptr.shape[0]:
            continue  # a skill no graduate had when the index was built
        for e in range(ginv_ptr[s], ginv_ptr[s + 1]):
            g = ginv_row[e]
            level = ginv_lvl[e]
            if not stale[g] and level > 0.0:
                acc[g] += skill_term(level, p_min[b], p_wpl[b])


@njit(cache=True)
def row_skills(j, g, gpack, p_start, p_end, p_idx, p_min, p_wpl, skill_key):  # type: ignore[no-untyped-def]
    """Posting j's skills term for graduate row g, from g's current skill row (both sorted by
    skill_key, merged), adding the posting's skills in their order."""
    g_idx, g_lvl = gpack[2], gpack[3]
    a, a_end = gpack[0][g], gpack[1][g]
    acc = 0.0
    for b in range(p_start[j], p_end[j]):
        key = skill_key[p_idx[b]]
        while a < a_end and skill_key[g_idx[a]] < key:
            a += 1
        if a < a_end and g_idx[a] == p_idx[b]:
            level = g_lvl[a]
            if level > 0.0:
                acc += skill_term(level, p_min[b], p_wpl[b])
    return acc


@njit(cache=True, parallel=True)
def score_column(  # type: ignore[no-untyped-def]
    j, acc, gpack, ppack, skill_key, out_score, out_fit, out_pref
):
    """Posting j against every graduate, from their skills terms `acc` (column_skills, then
    row_skills for the rows the index does not cover); score 0 = excluded."""
    for g in prange(acc.shape[0]):
        out_score[g] = 0.0
        out_fit[g] = 0.0
        out_pref[g] = 0.0
        if acc[g] == 0.0:
            continue
        if not (
            feasible(
                gpack[4][g], gpack[5][g], gpack[7][g], gpack[16][g],
                ppack[0][j], ppack[1][j], ppack[3][j],
            )
            and fields_met(gpack[6], g, ppack[2], j)
            and deal_breakers_met_in_row(j, g, ppack, gpack, skill_key)
        ):  # fmt: skip
            continue
        fit = pair_fit(acc[g], g, j, gpack, ppack)
        pref = pair_preference(g, j, gpack, ppack)
        score = harmonic(fit, pref)
        if score > 0.0:
            out_score[g] = score
            out_fit[g] = fit
            out_pref[g] = pref
