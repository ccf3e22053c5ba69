"""Graduates' and postings' matching facts kept in the shared cache for the pages that explain
matches, so a graduate's every page (dashboard, search, job pages, courses) does not read their
skills, education and experience again, nor each posting's skills and fields.

A kept entry is trusted while three things hold, each part of its key:
- the entity has announced no change since (core.changes: every edit that changes how a
  graduate or a posting matches announces it; matching renews the entity's version token once
  the edit has committed, `facts_version_renew`);
- the facts' context is the same: the day, the visa rules' version, the language skills
  (`facts_context`), and the skill taxonomy's version;
- the shape of the facts is the same (FACTS_SHAPE, changed with the code that makes them).

Without the shared cache (down, or one that keeps nothing) the facts are read from the rows, as
the matching worker always reads them: what it scores is never taken from here.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from core.changes import ChangeKind
from core.fragments import kept_values
from core.versions import version_token, version_token_renew, version_tokens
from matching.facts import GraduateFacts, PostingFacts
from matching.selectors.facts import facts_context, graduate_facts, posting_facts
from profiles.models import GraduateProfile
from skills.selectors import TAXONOMY_VERSION_KEY
from visas.rules import PersonFacts, RuleInputError
from visas.selectors import nationality_missing, person_facts_for_graduate

logger = logging.getLogger(__name__)

FACTS_SHAPE = 1  # raise when GraduateFacts or PostingFacts change shape or meaning
FACTS_KEPT_SECONDS = 6 * 3600  # a graduate's (100,000 of them: kept while they are active)
# A posting's: 10,000 of them take some 8 MB, and a worker keeps them all
# (matching.services.warming). Past the day they are under a key nobody asks for any more.
POSTING_FACTS_KEPT_SECONDS = 25 * 3600
KEPT_AT_MOST = 200  # more ids at once are read from the rows (as cheap, and nothing to keep)

Facts = TypeVar("Facts", bound=GraduateFacts | PostingFacts)


def facts_version_key(*, kind: str, entity_id: int) -> str:
    return f"matching:facts-version:{kind}:{entity_id}"


@dataclass(frozen=True)
class FactsRenewal:
    """What was kept of the entity's facts is stale: run once its change has committed
    (`transaction.on_commit(FactsRenewal(kind, entity_id))`). Until then the transaction that
    made the change reads the entity's rows (it alone sees them) and keeps nothing of them."""

    kind: str
    entity_id: int

    def __call__(self) -> None:
        version_token_renew(facts_version_key(kind=self.kind, entity_id=self.entity_id))


def _changed_in_this_transaction(kind: str) -> set[int]:
    """Entities of `kind` this connection's open transaction changed (their renewals wait for
    the commit; a rollback drops them with the changes)."""
    waiting = getattr(connection, "run_on_commit", ())
    return {
        func.entity_id
        for _savepoints, func, *_robust in waiting
        if isinstance(func, FactsRenewal) and func.kind == kind
    }


def graduate_facts_kept(*, ids: Iterable[int]) -> list[GraduateFacts]:
    """`graduate_facts(ids=...)`, from the shared cache where it holds them, ordered by id."""
    return _kept(
        ChangeKind.GRADUATE, ids, lambda wanted: graduate_facts(ids=wanted), FACTS_KEPT_SECONDS
    )


def posting_facts_kept(*, ids: Iterable[int]) -> list[PostingFacts]:
    """`posting_facts(ids=..., only_matchable=False)`, from the shared cache where it holds
    them, ordered by id."""
    return _kept(
        ChangeKind.POSTING,
        ids,
        lambda wanted: posting_facts(ids=wanted, only_matchable=False),
        POSTING_FACTS_KEPT_SECONDS,
    )


def _kept(
    kind: str, ids: Iterable[int], read: Callable[[list[int]], Sequence[Facts]], seconds: int
) -> list[Facts]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    changed_here = _changed_in_this_transaction(kind)
    here = [i for i in wanted if i in changed_here]
    if here:
        rest = [i for i in wanted if i not in changed_here]
        mixed = {facts.id: facts for facts in [*read(here), *_kept(kind, rest, read, seconds)]}
        return [mixed[i] for i in wanted if i in mixed]
    context = _context_stamp()
    versions = (
        None
        if context is None or len(wanted) > KEPT_AT_MOST
        else version_tokens(facts_version_key(kind=kind, entity_id=i) for i in wanted)
    )
    if versions is None:
        return list(read(wanted))
    keys = {
        i: f"matching:facts:{kind}:{i}:{versions[facts_version_key(kind=kind, entity_id=i)]}:"
        f"{context}"
        for i in wanted
    }
    try:
        found = cache.get_many(list(keys.values()))
    except Exception:
        logger.warning("The kept matching facts could not be read; reading the rows")
        return list(read(wanted))
    by_id: dict[int, Facts] = {i: found[keys[i]] for i in wanted if keys[i] in found}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        fresh = read(missing)
        by_id.update((facts.id, facts) for facts in fresh)
        try:
            cache.set_many({keys[facts.id]: facts for facts in fresh}, seconds)
        except Exception:
            logger.warning("The matching facts read could not be kept")
    return [by_id[i] for i in wanted if i in by_id]


def person_facts_kept(*, profile: GraduateProfile) -> PersonFacts:
    """`person_facts_for_graduate(profile=...)`: the graduate's facts as the visa rules read
    them (their profile, degrees and jobs, as of today), `RuleInputError` when the profile has
    no nationality yet. Kept in the shared cache under the same version token and context as
    their matching facts (every change to the profile, a degree or a job announces itself; the
    day is in the context): a page that shows visa answers does not read their degrees and jobs
    again."""
    changed = profile.pk in _changed_in_this_transaction(ChangeKind.GRADUATE)
    context = None if changed else _context_stamp()
    version = (
        None
        if context is None
        else version_token(facts_version_key(kind=ChangeKind.GRADUATE, entity_id=profile.pk))
    )
    key = None if version is None else f"person-facts:{profile.pk}:{version}:{context}"

    def read(_missing: list[int]) -> list[tuple[PersonFacts | None]]:
        try:
            return [(person_facts_for_graduate(profile=profile),)]
        except RuleInputError:
            return [(None,)]  # kept as well (a cache reads a bare None as nothing kept)

    facts = kept_values([key], read, seconds=FACTS_KEPT_SECONDS)[0][0]
    if facts is None:
        raise nationality_missing()  # worded in the reader's language, not kept
    return facts


def pair_stamps(
    *, graduate_ids: Iterable[int], posting_ids: Iterable[int]
) -> dict[tuple[int, int], str]:
    """For each (graduate, posting) pair, a stamp that changes whenever its explanation may:
    either side announces a change, or the facts' context does (the day, the visa rules, the
    taxonomy). What is rendered from a pair's explanation is kept under it (core.fragments).
    A pair whose side this transaction changed, or every pair when the shared cache cannot be
    reached, has none: it is explained afresh."""
    graduates, postings = sorted(set(graduate_ids)), sorted(set(posting_ids))
    if not graduates or not postings or len(graduates) + len(postings) > KEPT_AT_MOST:
        return {}
    context = _context_stamp()
    keys = {
        (kind, i): facts_version_key(kind=kind, entity_id=i)
        for kind, ids in ((ChangeKind.GRADUATE, graduates), (ChangeKind.POSTING, postings))
        for i in ids
    }
    versions = None if context is None else version_tokens(keys.values())
    if versions is None:
        return {}
    changed = {
        (kind, i) for kind in (ChangeKind.GRADUATE, ChangeKind.POSTING)
        for i in _changed_in_this_transaction(kind)
    }  # fmt: skip
    return {
        (g, p): f"{FACTS_SHAPE}:{context}:"
        f"{versions[keys[(ChangeKind.GRADUATE, g)]]}:{versions[keys[(ChangeKind.POSTING, p)]]}"
        for g in graduates
        for p in postings
        if (ChangeKind.GRADUATE, g) not in changed and (ChangeKind.POSTING, p) not in changed
    }


def pair_keys(
    kind: str, pairs: Sequence[tuple[int, int]], shown: Sequence[object] | None = None
) -> list[str | None]:
    """A key for each (graduate, posting) pair under which a part made from its explanation is
    kept (core.fragments): the kind of part, the language, the pair, its stamp (`pair_stamps`)
    and anything else the part shows (`shown`, one per pair). None for a pair with no stamp:
    that part is made afresh."""
    stamps = pair_stamps(graduate_ids={g for g, _p in pairs}, posting_ids={p for _g, p in pairs})
    language = get_language()
    extras = [()] * len(pairs) if shown is None else shown
    return [
        None if (stamp := stamps.get(pair)) is None else repr((kind, language, *pair, stamp, extra))
        for pair, extra in zip(pairs, extras, strict=True)
    ]


def _context_stamp() -> str | None:
    context = facts_context()
    taxonomy = version_token(TAXONOMY_VERSION_KEY)
    if context is None or taxonomy is None:
        return None
    return hashlib.blake2b(
        repr((FACTS_SHAPE, context, taxonomy)).encode(), digest_size=12
    ).hexdigest()
