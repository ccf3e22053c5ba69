"""Graduates' and postings' matching facts kept in the shared cache for the pages that explain
matches, so a graduate's every page (dashboard, search, job pages, courses) does not read their
skills, education and experience again, nor each posting's skills and fields. A graduate's
entry holds their visa facts too (PersonFacts, from the same rows), for the pages that show
visa answers.

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
from django.db.models import prefetch_related_objects
from django.utils.translation import get_language

from core.changes import ChangeKind
from core.versions import version_token, version_token_renew, version_tokens
from matching.facts import GraduateFacts, PostingFacts
from matching.selectors.facts import (
    GRADUATE_FACT_FIELDS,
    facts_context,
    graduate_facts_from_loaded,
    graduate_facts_with_persons,
)
from matching.selectors.posting_facts import posting_facts
from profiles.models import GraduateProfile
from profiles.selectors import profile_rows
from skills.selectors import TAXONOMY_VERSION_KEY
from visas.rules import PersonFacts
from visas.selectors import nationality_missing

logger = logging.getLogger(__name__)

# Raise when what is kept changes shape or meaning: a graduate's GraduateFacts with their
# PersonFacts, a posting's PostingFacts.
FACTS_SHAPE = 2
FACTS_KEPT_SECONDS = 6 * 3600  # a graduate's (100,000 of them: kept while they are active)
# A posting's: 10,000 of them take some 8 MB, and a worker keeps them all
# (matching.services.warming). Past the day they are under a key nobody asks for any more.
POSTING_FACTS_KEPT_SECONDS = 25 * 3600
KEPT_AT_MOST = 200  # more ids at once are read from the rows (as cheap, and nothing to keep)

Kept = TypeVar("Kept")


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
    return [facts for facts, _person in _graduates_kept(ids)]


def person_facts_kept(*, profile: GraduateProfile) -> PersonFacts:
    """`person_facts_for_graduate(profile=...)`: the graduate's facts as the visa rules read
    them (their profile, degrees and jobs, as of today), `RuleInputError` when the profile has
    no nationality yet. Kept with their matching facts, from the same read
    (`graduate_facts_with_persons`): a page that shows visa answers and one that explains
    matches read a graduate's rows once between them."""
    found = _graduates_kept([profile.pk])
    person = found[0][1] if found else None
    if person is None:
        raise nationality_missing()  # worded in the reader's language, not kept
    return person


def profile_with_rows_and_facts(*, profile: GraduateProfile) -> GraduateProfile:
    """The profile with the rows a page that shows it reads (profiles.selectors.profile_rows),
    and the graduate's facts kept (`graduate_facts_kept`). Facts not kept are made from those
    same rows, read once the facts' version is (as every kept read orders them): the profile's
    columns afresh and its rows, four queries rather than seven."""

    def read(_wanted: list[int]) -> dict[int, tuple[GraduateFacts, PersonFacts | None]]:
        profile.refresh_from_db(fields=GRADUATE_FACT_FIELDS)
        prefetch_related_objects([profile], *profile_rows())
        return {profile.pk: graduate_facts_from_loaded(profile=profile)}

    _kept(ChangeKind.GRADUATE, [profile.pk], read, FACTS_KEPT_SECONDS)
    if "skills" not in getattr(profile, "_prefetched_objects_cache", {}):
        prefetch_related_objects([profile], *profile_rows())
    return profile


def posting_facts_kept(*, ids: Iterable[int]) -> list[PostingFacts]:
    """`posting_facts(ids=..., only_matchable=False)`, from the shared cache where it holds
    them, ordered by id."""
    return _kept(
        ChangeKind.POSTING,
        ids,
        lambda wanted: {
            facts.id: facts for facts in posting_facts(ids=wanted, only_matchable=False)
        },
        POSTING_FACTS_KEPT_SECONDS,
    )


def _graduates_kept(ids: Iterable[int]) -> list[tuple[GraduateFacts, PersonFacts | None]]:
    """Each graduate's matching facts with their visa facts (None without a nationality)."""
    return _kept(
        ChangeKind.GRADUATE,
        ids,
        lambda wanted: {
            facts.id: (facts, person) for facts, person in graduate_facts_with_persons(ids=wanted)
        },
        FACTS_KEPT_SECONDS,
    )


def _kept(
    kind: str, ids: Iterable[int], read: Callable[[list[int]], dict[int, Kept]], seconds: int
) -> list[Kept]:
    """What `read` gives for each of `ids` that has any, in the order of the ids, from the
    shared cache where it is kept and still true."""
    wanted = sorted(set(ids))
    found = _kept_by_id(kind, wanted, read, seconds) if wanted else {}
    return [found[i] for i in wanted if i in found]


def _kept_by_id(
    kind: str, wanted: list[int], read: Callable[[list[int]], dict[int, Kept]], seconds: int
) -> dict[int, Kept]:
    changed_here = _changed_in_this_transaction(kind)
    if here := [i for i in wanted if i in changed_here]:
        rest = [i for i in wanted if i not in changed_here]
        return {**read(here), **(_kept_by_id(kind, rest, read, seconds) if rest else {})}
    context = _context_stamp()
    versions = (
        None
        if context is None or len(wanted) > KEPT_AT_MOST
        else version_tokens(facts_version_key(kind=kind, entity_id=i) for i in wanted)
    )
    if versions is None:
        return read(wanted)
    keys = {
        i: f"matching:facts:{kind}:{i}:{versions[facts_version_key(kind=kind, entity_id=i)]}:"
        f"{context}"
        for i in wanted
    }
    try:
        found = cache.get_many(list(keys.values()))
    except Exception:
        logger.warning("The kept matching facts could not be read; reading the rows")
        return read(wanted)
    by_id: dict[int, Kept] = {i: found[keys[i]] for i in wanted if keys[i] in found}
    if missing := [i for i in wanted if i not in by_id]:
        fresh = read(missing)
        by_id.update(fresh)
        try:
            cache.set_many({keys[i]: value for i, value in fresh.items()}, seconds)
        except Exception:
            logger.warning("The matching facts read could not be kept")
    return by_id


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
