"""numba kernels of the matching engine: the per-pair score and exact top-K selection.

The score of a (graduate g, posting j) pair, in one place (matching/reference.py repeats it in
plain Python, operation for operation, so both give bit-identical floats; the constants are in
matching/scoring.py):

- skills(g, j) = sum over the posting's skills s, in ascending skill index, of
  scoring.skill_term(level'_gs, min_level_js, cover_js), where level' is the graduate's effective
  level (engine.expand_levels) and cover = scoring.skill_cover(normalised importance, min level),
  stored per posting skill.
- needs(g, j) = the terms of the posting's other needs it asks (matching.needs: Korean, English,
  education, then experience, whose level comes from the relevant years of past roles), added in
  that order; fit = min(skills + needs, 1).
- The pair is excluded when a hard constraint fails (Korean, education, field, a deal-breaker
  skill below its level, and for a graduate who needs sponsorship: a visa route that both the
  graduate and the offer allow) or the skills term is zero (nothing in common).
- preference(g, j) = a weighted mean of industry, region, job type, company size and salary
  factors, each in [0, 1]; a factor the graduate left open counts as NEUTRAL.
- score = 2 * fit * preference / (fit + preference) (the harmonic mean); pairs with score 0 are
  excluded.

A graduate's list keeps the best `cap` postings by (score descending, posting id ascending); a
posting's list keeps the best `cap` graduates by (scoring.employer_key(fit, pref) descending,
graduate id ascending): the employer ranks by fit, the graduate's preference only breaks ties.
"""

import numpy as np
from numba import njit, prange

from matching import scoring
from matching.list_kernels import better, heap_push, sort_best_first
from matching.needs import MAX_ROLES
from matching.scoring import (
    NEUTRAL,
    PREFERENCE_TIEBREAK,
    RELOCATE_CREDIT,
    SALARY_FLOOR_RATIO,
    W_INDUSTRY,
    W_JOB_TYPE,
    W_REGION,
    W_SALARY,
    W_SIZE,
)

skill_term = njit(cache=True, inline="always")(scoring.skill_term)
employer_key = njit(cache=True, inline="always")(scoring.employer_key)
occupation_relevance = njit(cache=True, inline="always")(scoring.occupation_relevance)
experience_level = njit(cache=True, inline="always")(scoring.experience_level)


@njit(cache=True, inline="always")
def fields_met(g_fields, g, p_fields, j):  # type: ignore[no-untyped-def]
    """Graduate row g holds a field posting row j accepts, or j accepts any field (no bit set);
    the masks span as many 64-bit words as the fields of study need (engine.field_mask)."""
    restricted = False
    for w in range(p_fields.shape[1]):
        accepted = p_fields[j, w]
        if accepted != 0:
            if g_fields[g, w] & accepted:
                return True
            restricted = True
    return not restricted


@njit(cache=True, inline="always")
def feasible(g_topik, g_edu, g_needs, g_routes, p_topik, p_edu, p_routes):  # type: ignore[no-untyped-def]
    if g_topik < p_topik:
        return False
    if g_edu < p_edu:
        return False
    return not (g_needs and (g_routes & p_routes) == 0)


@njit(cache=True, inline="always")
def _factor(wanted, offered):  # type: ignore[no-untyped-def]
    if wanted == 0:
        return NEUTRAL
    if wanted & offered:
        return 1.0
    return 0.0


@njit(cache=True, inline="always")
def preference(g_ind, g_reg, g_type, g_size, g_sal, g_reloc, p_ind, p_reg, p_type, p_size, p_sal):  # type: ignore[no-untyped-def]
    v_ind = _factor(g_ind, p_ind)
    v_reg = _factor(g_reg, p_reg)
    if v_reg == 0.0 and g_reloc:
        v_reg = RELOCATE_CREDIT
    v_type = _factor(g_type, p_type)
    v_size = _factor(g_size, p_size)
    if g_sal <= 0.0:
        v_sal = NEUTRAL
    else:
        ratio = p_sal / g_sal
        if ratio >= 1.0:
            v_sal = 1.0
        elif ratio <= SALARY_FLOOR_RATIO:
            v_sal = 0.0
        else:
            v_sal = (ratio - SALARY_FLOOR_RATIO) / (1.0 - SALARY_FLOOR_RATIO)
    return (
        W_INDUSTRY * v_ind
        + W_REGION * v_reg
        + W_JOB_TYPE * v_type
        + W_SIZE * v_size
        + W_SALARY * v_sal
    )


@njit(cache=True, inline="always")
def harmonic(fit, pref):  # type: ignore[no-untyped-def]
    if fit <= 0.0 or pref <= 0.0:
        return 0.0
    return 2.0 * fit * pref / (fit + pref)


@njit(cache=True, inline="always")
def deal_breakers_met(j, ppack, levels):  # type: ignore[no-untyped-def]
    """Every deal-breaker skill of posting j reached, from the graduate's effective levels by
    skill index (`levels`: dense, so each check is one read)."""
    db_idx, db_min = ppack[16], ppack[17]
    for b in range(ppack[14][j], ppack[15][j]):  # noqa: SIM110 (a plain loop compiles in numba)
        if levels[db_idx[b]] < db_min[b]:
            return False
    return True


@njit(cache=True, inline="always")
def scatter_levels(g, gpack, levels, value):  # type: ignore[no-untyped-def]
    """Write graduate g's effective levels into `levels` (value=True), or zero them again."""
    for a in range(gpack[0][g], gpack[1][g]):
        levels[gpack[2][a]] = gpack[3][a] if value else 0.0


@njit(cache=True, inline="always")
def pair_feasible(g, j, gpack, ppack, levels):  # type: ignore[no-untyped-def]
    """The hard constraints for graduate row g and posting row j of the packed arrays;
    `levels` holds g's effective levels by skill index (scatter_levels)."""
    return (
        feasible(
            gpack[4][g], gpack[5][g], gpack[7][g], gpack[16][g],
            ppack[0][j], ppack[1][j], ppack[3][j],
        )
        and fields_met(gpack[6], g, ppack[2], j)
        and deal_breakers_met(j, ppack, levels)
    )  # fmt: skip


@njit(cache=True, inline="always")
def pair_needs(g, j, gpack, ppack):  # type: ignore[no-untyped-def]
    """The terms of posting j's other needs for graduate g (matching.needs order)."""
    g_levels, role_code, role_years = gpack[17], gpack[18], gpack[19]
    need_min, need_cover, p_code = ppack[10], ppack[11], ppack[12]
    total = 0.0
    for k in range(3):
        cover = need_cover[j, k]
        if cover > 0.0:
            total += skill_term(g_levels[g, k], need_min[j, k], cover)
    cover = need_cover[j, 3]
    if cover > 0.0:
        years = 0.0
        for r in range(MAX_ROLES):
            if role_years[g, r] > 0.0:
                years += role_years[g, r] * occupation_relevance(role_code[g, r], p_code[j])
        total += skill_term(experience_level(years), need_min[j, 3], cover)
    return total


@njit(cache=True, inline="always")
def pair_fit(skills, g, j, gpack, ppack):  # type: ignore[no-untyped-def]
    return min(skills + pair_needs(g, j, gpack, ppack), 1.0)


@njit(cache=True, inline="always")
def key_floor(worst_key):  # type: ignore[no-untyped-def]
    """Below this fit, a pair's employer key cannot beat `worst_key` (the key is at most
    fit + PREFERENCE_TIEBREAK); the margin absorbs rounding. Skipping such pairs is exact."""
    return worst_key - PREFERENCE_TIEBREAK - 1e-12


@njit(cache=True, inline="always")
def pair_preference(g, j, gpack, ppack):  # type: ignore[no-untyped-def]
    return preference(
        gpack[9][g], gpack[10][g], gpack[11][g], gpack[12][g], gpack[13][g], gpack[14][g],
        ppack[4][j], ppack[5][j], ppack[6][j], ppack[7][j], ppack[8][j],
    )  # fmt: skip


@njit(cache=True, inline="always")
def fit_floor(threshold):  # type: ignore[no-untyped-def]
    """Below this fit, no preference can lift a pair's score to `threshold` (pref <= 1, so
    score <= 2 fit / (fit + 1)); a small margin absorbs rounding. Skipping such pairs is exact."""
    if threshold <= 0.0:
        return 0.0
    return threshold / (2.0 - threshold) * (1.0 - 1e-9)


@njit(cache=True, inline="always")
def accumulate_dense(g, g_start, g_end, g_idx, g_lvl, inv_ptr, inv_post, inv_min, inv_wpl, acc):  # type: ignore[no-untyped-def]
    """Add graduate g's fit terms to acc[posting] (branch-free; the caller scans acc)."""
    for a in range(g_start[g], g_end[g]):
        s = g_idx[a]
        level = g_lvl[a]
        for b in range(inv_ptr[s], inv_ptr[s + 1]):
            acc[inv_post[b]] += skill_term(level, inv_min[b], inv_wpl[b])


@njit(cache=True, inline="always")
def offer_to_row(row_s, row_i, row_f, row_p, r, n, floor, cap, score, pid, fit, pref):  # type: ignore[no-untyped-def]
    """Offer a pair to graduate row r's heap of n entries; returns its new length and fit floor."""
    if n < cap or better(score, pid, row_s[r, 0], row_i[r, 0]):
        n = heap_push(row_s[r], row_i[r], row_f[r], row_p[r], n, cap, score, pid, fit, pref)
        if n == cap:
            floor = fit_floor(row_s[r, 0])
    return n, floor


@njit(cache=True, inline="always")
def offer_to_column(col_s, col_i, col_f, col_p, col_n, col_floor, t, j, cap, score, gid, fit, pref):  # type: ignore[no-untyped-def]
    """Offer a pair (`score` = its employer key) to posting j's heap of thread t, raising its fit
    floor once the heap is full."""
    cn = col_n[t, j]
    if cn < cap or better(score, gid, col_s[t, j, 0], col_i[t, j, 0]):
        cn = heap_push(
            col_s[t, j], col_i[t, j], col_f[t, j], col_p[t, j], cn, cap, score, gid, fit, pref
        )
        col_n[t, j] = cn
        if cn == cap:
            col_floor[t, j] = key_floor(col_s[t, j, 0])


@njit(cache=True, parallel=True)
def score_block(  # type: ignore[no-untyped-def]
    r0, r1, cap, gpack, ppack, inv, row_s, row_i, row_f, row_p, row_n, row_total,
    col_s, col_i, col_f, col_p, col_n, col_total, col_floor,
):  # fmt: skip
    """Score graduates r0..r1 against every posting: each graduate's best `cap` postings go to
    row_* at g - r0, sorted; every pair is offered to per-thread posting heaps col_*[t, j], which
    live across blocks (list_kernels.merge_heaps merges them)."""
    g_start, g_end, g_idx, g_lvl = gpack[:4]
    g_disc, g_ids = gpack[8], gpack[15]
    p_ids, needs_max = ppack[9], ppack[13]
    inv_ptr, inv_post, inv_min, inv_w = inv
    n_threads = col_s.shape[0]
    n_postings = p_ids.shape[0]
    rows = r1 - r0
    for t in prange(n_threads):
        acc = np.zeros(n_postings)
        levels = np.zeros(inv_ptr.shape[0])
        for g in range(r0 + rows * t // n_threads, r0 + rows * (t + 1) // n_threads):
            accumulate_dense(
                g, g_start, g_end, g_idx, g_lvl, inv_ptr, inv_post, inv_min, inv_w, acc
            )
            scatter_levels(g, gpack, levels, True)
            r = g - r0
            n = 0
            total = 0
            row_floor = 0.0
            gid = g_ids[g]
            disc = g_disc[g]
            for j in range(n_postings):
                if acc[j] == 0.0:
                    continue
                skills, acc[j] = acc[j], 0.0
                if not pair_feasible(g, j, gpack, ppack, levels):
                    continue
                total += 1
                if disc:
                    col_total[t, j] += 1
                bound = min(skills + needs_max[j], 1.0)
                if bound < row_floor and (not disc or bound < col_floor[t, j]):
                    continue
                fit = pair_fit(skills, g, j, gpack, ppack)
                if fit < row_floor and (not disc or fit < col_floor[t, j]):
                    continue  # the bound was loose: the exact fit is below both floors
                pref = pair_preference(g, j, gpack, ppack)
                score = harmonic(fit, pref)
                if score <= 0.0:
                    continue
                n, row_floor = offer_to_row(
                    row_s, row_i, row_f, row_p, r, n, row_floor, cap, score, p_ids[j], fit, pref
                )
                if disc:
                    offer_to_column(
                        col_s, col_i, col_f, col_p, col_n, col_floor, t, j, cap,
                        employer_key(fit, pref), gid, fit, pref,
                    )  # fmt: skip
            scatter_levels(g, gpack, levels, False)
            sort_best_first(row_s[r], row_i[r], row_f[r], row_p[r], n)
            row_n[r] = n
            row_total[r] = total


@njit(cache=True)
def score_row(g, gpack, ppack, inv, out_score, out_fit, out_pref):  # type: ignore[no-untyped-def]
    """Graduate g against every posting: dense score/fit/pref (score 0 = excluded pair)."""
    inv_ptr, inv_post, inv_min, inv_w = inv
    acc = np.zeros(ppack[9].shape[0])
    accumulate_dense(
        g, gpack[0], gpack[1], gpack[2], gpack[3], inv_ptr, inv_post, inv_min, inv_w, acc
    )
    levels = np.zeros(inv_ptr.shape[0])
    scatter_levels(g, gpack, levels, True)
    for j in range(acc.shape[0]):
        out_score[j] = out_fit[j] = out_pref[j] = 0.0
        if acc[j] == 0.0 or not pair_feasible(g, j, gpack, ppack, levels):
            continue
        fit = pair_fit(acc[j], g, j, gpack, ppack)
        pref = pair_preference(g, j, gpack, ppack)
        score = harmonic(fit, pref)
        if score > 0.0:
            out_score[j], out_fit[j], out_pref[j] = score, fit, pref
