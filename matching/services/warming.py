"""Keeping the public postings' matching facts in the shared cache, so pages seldom read them.

Every page that explains a match (a graduate's dashboard, search, job pages, course suggestions;
an employer's candidates) needs the posting's facts: its skills, fields and needs. Kept ones are
read in one round trip (matching.selectors.kept_facts); a posting not kept costs a page three
queries, and a page of twenty search results reads twenty. At 10,000 postings most of them were
not kept when a graduate arrived. A worker keeps them all: after each full run, every hour, and
(through the facts' key, which names the day) soon after midnight. Facts already kept under
their current version are left as they are; the first read after a posting's change keeps it
again, as before.
"""

from matching.selectors import matchable_postings, posting_facts_kept
from matching.selectors.kept_facts import KEPT_AT_MOST


def public_posting_facts_warm() -> int:
    """Keep every public posting's facts (those not kept yet are read, KEPT_AT_MOST at a
    time); returns how many postings there are."""
    ids = list(matchable_postings().order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), KEPT_AT_MOST):
        posting_facts_kept(ids=ids[start : start + KEPT_AT_MOST])
    return len(ids)
