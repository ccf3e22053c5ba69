"""numba kernels of the lists: bounded best-first heaps and their merge (matching.kernels fills
them), and the incremental updates' patching of stored lists when one entity's scores change
(matching.toplists and matching.live call them)."""

from numba import njit, prange


@njit(cache=True, inline="always")
def better(s1, i1, s2, i2):  # type: ignore[no-untyped-def]
    return s1 > s2 or (s1 == s2 and i1 < i2)


@njit(cache=True)
def heap_push(hs, hi, hf, hp, n, cap, s, i, f, p):  # type: ignore[no-untyped-def]
    """Offer (score s, id i, fit f, pref p) to a bounded heap whose root is its worst entry."""
    if n < cap:
        k = n
        n += 1
        while k > 0:
            parent = (k - 1) // 2
            if better(hs[parent], hi[parent], s, i):
                hs[k], hi[k], hf[k], hp[k] = hs[parent], hi[parent], hf[parent], hp[parent]
                k = parent
            else:
                break
        hs[k], hi[k], hf[k], hp[k] = s, i, f, p
        return n
    if not better(s, i, hs[0], hi[0]):
        return n
    k = 0
    while True:
        child = 2 * k + 1
        if child >= n:
            break
        right = child + 1
        if right < n and better(hs[child], hi[child], hs[right], hi[right]):
            child = right
        if better(s, i, hs[child], hi[child]):
            hs[k], hi[k], hf[k], hp[k] = hs[child], hi[child], hf[child], hp[child]
            k = child
        else:
            break
    hs[k], hi[k], hf[k], hp[k] = s, i, f, p
    return n


@njit(cache=True)
def sort_best_first(hs, hi, hf, hp, n):  # type: ignore[no-untyped-def]
    """Insertion sort of the first n entries, best first (lists are short)."""
    for a in range(1, n):
        s, i, f, p = hs[a], hi[a], hf[a], hp[a]
        b = a - 1
        while b >= 0 and better(s, i, hs[b], hi[b]):
            hs[b + 1], hi[b + 1], hf[b + 1], hp[b + 1] = hs[b], hi[b], hf[b], hp[b]
            b -= 1
        hs[b + 1], hi[b + 1], hf[b + 1], hp[b + 1] = s, i, f, p


@njit(cache=True)
def merge_heaps(part_s, part_i, part_f, part_p, part_n, cap, out_s, out_i, out_f, out_p, out_n):  # type: ignore[no-untyped-def]
    """Merge per-part heaps part_*[k, j] into one sorted best-`cap` list per posting j."""
    parts, n_postings = part_n.shape
    for j in range(n_postings):
        n = 0
        for k in range(parts):
            for e in range(part_n[k, j]):
                n = heap_push(
                    out_s[j],
                    out_i[j],
                    out_f[j],
                    out_p[j],
                    n,
                    cap,
                    part_s[k, j, e],
                    part_i[k, j, e],
                    part_f[k, j, e],
                    part_p[k, j, e],
                )
        sort_best_first(out_s[j], out_i[j], out_f[j], out_p[j], n)
        out_n[j] = n


@njit(cache=True)
def patch_rows(ids, score, fit, pref, length, complete, rows, other, new_s, new_f, new_p, changed):  # type: ignore[no-untyped-def]
    """Bring `other`'s entry up to date in each listed row (new_s[k] <= 0: it no longer qualifies).

    Each row stays the true best `length` entries: after removing the old entry, the new one goes
    in when it beats the worst entry kept, or when the row holds every pair (complete) and has
    room. A full row that gains a qualifying pair is no longer complete: the new entry or its
    worst one is left out.
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
        beats_worst = n > 0 and better(s, other, score[r, n - 1], ids[r, n - 1])
        if s > 0.0 and n == cap:
            # A full row: one qualifying pair is left out now, whichever it is.
            if complete[r]:
                complete[r] = False
                changed[k] = True
            if beats_worst:
                n -= 1  # the worst entry makes way
        if s > 0.0 and (beats_worst or (complete[r] and n < cap)):
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
