"""numba kernels of the incremental updates: patching stored lists when one entity's scores
change (matching.toplists and matching.live call them)."""

from numba import njit, prange

from matching.kernels import better


@njit(cache=True)
def patch_rows(ids, score, fit, pref, length, complete, rows, other, new_s, new_f, new_p, changed):  # type: ignore[no-untyped-def]
    """Bring `other`'s entry up to date in each listed row (new_s[k] <= 0: it no longer qualifies).

    Each row stays the true best `length` entries: after removing the old entry, the new one goes
    in when the row holds every pair (complete) or when it beats the worst entry kept; a row that
    overflows `cap` drops its worst entry and is no longer complete.
    """
    cap = ids.shape[1]
    for k in range(rows.shape[0]):
        r = rows[k]
        n = length[r]
        changed[k] = False
        pos = -1
        for e in range(n):
            if ids[r, e] == other:
                pos = e
                break
        if pos >= 0:
            for e in range(pos, n - 1):
                ids[r, e], score[r, e], fit[r, e], pref[r, e] = (
                    ids[r, e + 1],
                    score[r, e + 1],
                    fit[r, e + 1],
                    pref[r, e + 1],
                )
            n -= 1
            ids[r, n], score[r, n], fit[r, n], pref[r, n] = -1, 0.0, 0.0, 0.0
            changed[k] = True
        s = new_s[k]
        if s > 0.0 and (
            complete[r] or (n > 0 and better(s, other, score[r, n - 1], ids[r, n - 1]))
        ):
            if n == cap:
                complete[r] = False
                n -= 1
            e = n
            while e > 0 and better(s, other, score[r, e - 1], ids[r, e - 1]):
                ids[r, e], score[r, e], fit[r, e], pref[r, e] = (
                    ids[r, e - 1],
                    score[r, e - 1],
                    fit[r, e - 1],
                    pref[r, e - 1],
                )
                e -= 1
            ids[r, e], score[r, e], fit[r, e], pref[r, e] = other, s, new_f[k], new_p[k]
            n += 1
            changed[k] = True
        length[r] = n


def _affected_rows(ids, score, length, complete, other, new_s, out):  # type: ignore[no-untyped-def]
    """out[r] = row r's list holds `other`, or `other`'s new score new_s[r] would enter it."""
    for r in prange(length.shape[0]):  # a plain range when compiled without parallel
        n = length[r]
        s = new_s[r]
        hit = s > 0.0 and (
            complete[r] or (n > 0 and better(s, other, score[r, n - 1], ids[r, n - 1]))
        )
        # No early exit: a branch-free scan of the row vectorises.
        held = False
        for e in range(n):
            held |= ids[r, e] == other
        out[r] = hit or held


# Scanning a few thousand lists is quicker on one thread than waking a second one (which can
# wait for a time slice on a busy machine); the graduates' 100,000 lists are worth two threads.
affected_rows_serial = njit(cache=True)(_affected_rows)
affected_rows_parallel = njit(cache=True, parallel=True)(_affected_rows)
