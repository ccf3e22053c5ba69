"""Pages of a job search: the postings it finds, newest first or a graduate's best matches
first, as a sequence that Django's Paginator and DRF's pagination slice.

A search named by its filters (`PostingFilter.search_key`) has its count and the ids of each
page it was asked for kept in the shared cache (core.fragments) under the public catalogue's
version (`catalogue_stamp`): every write to postings, their skills and their companies renews
it (jobs.services.public_postings_changed), and the day is part of it, as deadlines pass. The
skill taxonomy's version joins a search's stamp, as a text search reads the skills' names.
A page of the job search then reads nothing from the database but the rows of the postings
whose cards are not kept (portal.public.job_cards), and a page of the API its twenty rows.
"""

import hashlib
from collections.abc import Iterator, Sequence
from typing import overload

from django.db.models import QuerySet
from django.utils import timezone

from core.fragments import kept_values
from core.versions import version_tokens
from jobs.models import JobPosting
from jobs.selectors.postings import posting_list_public
from skills.selectors import TAXONOMY_VERSION_KEY

# The public catalogue's version token (core.versions).
PUBLIC_POSTINGS_VERSION_KEY = "jobs:public:version"
SEARCH_KEPT_SECONDS = 10 * 60
KEPT_PAGE_AT_MOST = 100  # longer slices (a whole list) are read, never kept


def catalogue_stamp() -> str | None:
    """What a part showing public postings is kept under: the catalogue's version and the day.
    None when the shared cache cannot be reached (then nothing kept can be trusted)."""
    tokens = version_tokens([PUBLIC_POSTINGS_VERSION_KEY, TAXONOMY_VERSION_KEY])
    if tokens is None:
        return None
    day = timezone.localdate().isoformat()
    return f"{day}:{tokens[PUBLIC_POSTINGS_VERSION_KEY]}:{tokens[TAXONOMY_VERSION_KEY]}"


def rows_in_order(ids: Sequence[int]) -> list[JobPosting]:
    """The public postings with these ids, in this order. The ids come from a search of the
    public postings: its conditions (a text search above all) need not run again for the rows,
    only the visibility that may have changed since."""
    found = {p.pk: p for p in posting_list_public().filter(pk__in=ids)} if ids else {}
    return [found[pk] for pk in ids if pk in found]


class _PostingPages:
    """The postings a search finds, in an order: slices are rows (`ids` gives a slice's ids).
    `search`: what names the search among the public postings, so its count and pages are kept
    while the catalogue stays the same; None reads them every time."""

    def __init__(self, postings: QuerySet[JobPosting], search: str | None = None) -> None:
        self._postings = postings
        self._search = search
        self._stamp: str | None = None

    def _order(self) -> str:
        """What names the order of the postings (a part of the keys)."""
        raise NotImplementedError

    def _ids(self, start: int, stop: int | None) -> list[int]:
        raise NotImplementedError

    def _key(self, *part: object) -> str | None:
        if self._search is None:
            return None
        if self._stamp is None:
            self._stamp = catalogue_stamp()
        if self._stamp is None:
            return None
        return repr(("job-search", self._search, self._stamp, *part))

    def count(self) -> int:
        """How many postings the search finds, in any order: one count kept for every reader
        (each graduate's order of their best matches first is their own)."""
        count = lambda _indexes: [self._postings.count()]  # noqa: E731
        return kept_values([self._key("count")], count, seconds=SEARCH_KEPT_SECONDS)[0]

    def ids(self, start: int, stop: int | None) -> list[int]:
        """The ids of the postings from `start` to `stop`, in order."""
        kept = stop is not None and stop - start <= KEPT_PAGE_AT_MOST
        key = self._key(self._order(), "ids", start, stop) if kept else None
        read = lambda _indexes: [self._ids(start, stop)]  # noqa: E731
        return kept_values([key], read, seconds=SEARCH_KEPT_SECONDS)[0]

    def id_pages(self) -> "PostingIds":
        """The same postings as ids, for a page that reads its rows itself."""
        return PostingIds(self)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[JobPosting]:
        return iter(rows_in_order(self.ids(0, None)))

    @overload
    def __getitem__(self, index: int) -> JobPosting: ...
    @overload
    def __getitem__(self, index: slice) -> list[JobPosting]: ...
    def __getitem__(self, index: int | slice) -> JobPosting | list[JobPosting]:
        if isinstance(index, int):
            return rows_in_order(self.ids(index, index + 1))[0]
        return rows_in_order(self.ids(index.start or 0, index.stop))


class PostingIds:
    """A search's pages as posting ids, for Django's Paginator."""

    def __init__(self, pages: _PostingPages) -> None:
        self._pages = pages

    def count(self) -> int:
        return self._pages.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[int]:
        return iter(self._pages.ids(0, None))

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            return self._pages.ids(index, index + 1)[0]
        return self._pages.ids(index.start or 0, index.stop)


class NarrowPages(_PostingPages):
    """Postings newest first, paged by their ids: a far page skips its OFFSET of rows in the
    index that orders them (posting_public_order: no row is read), then reads its own twenty
    rows by id. `/jobs/?page=300` read 6,000 whole rows before."""

    def _order(self) -> str:
        return "newest"

    def _ids(self, start: int, stop: int | None) -> list[int]:
        ordered = self._postings.order_by("-published_at", "-id").values_list("pk", flat=True)
        return list(ordered[start:stop])


class RankedFirst(_PostingPages):
    """The postings in `ranked_ids` order first (a graduate's match list, best first), then the
    rest newest first.

    A page within the ranked head is one query on its own ids, a page beyond it pages the rest
    by ids (NarrowPages): nothing orders every posting by a CASE over the ranked ids."""

    def __init__(
        self, postings: QuerySet[JobPosting], ranked_ids: list[int], search: str | None = None
    ) -> None:
        super().__init__(postings, search)
        self._ranked_ids = ranked_ids
        self._head: list[int] | None = None

    def _order(self) -> str:
        ranked = ",".join(map(str, self._ranked_ids)).encode()
        return "ranked:" + hashlib.blake2b(ranked, digest_size=12).hexdigest()

    def _ranked_in_results(self) -> list[int]:
        """The ranked ids that the search keeps, best first (one query, on ids)."""
        if self._head is None:
            rank = {pid: n for n, pid in enumerate(self._ranked_ids)}
            kept = self._postings.filter(pk__in=self._ranked_ids).values_list("pk", flat=True)
            self._head = sorted(kept, key=rank.__getitem__)
        return self._head

    def _ids(self, start: int, stop: int | None) -> list[int]:
        head = self._ranked_in_results()
        ids = head[start:stop]
        if stop is None or stop > len(head):
            rest = NarrowPages(self._postings.exclude(pk__in=head))
            first = max(0, start - len(head))
            ids += rest.ids(first, None if stop is None else stop - len(head))
        return ids


def posting_rank_by_match(
    *, postings: QuerySet[JobPosting], ranked_ids: list[int], search: str | None = None
) -> RankedFirst | NarrowPages:
    """Postings by their rank in `ranked_ids` (best first), then the rest newest first.
    `search`: what names the search when `postings` are the public postings it finds
    (`PostingFilter.search_key`): its count and pages are kept while the catalogue stays the
    same."""
    if not ranked_ids:
        return NarrowPages(postings, search)
    return RankedFirst(postings, ranked_ids, search)
