"""The job search's cards, rendered once and kept in the shared cache (core.fragments) while
nothing they show changes.

A card is kept in three parts, each the same for every reader: its title, what stands between
its head and its foot (company, tags, salary), and the dates in its foot. What is the reader's
own is written around them for each reader, never kept: a graduate's score beside the title and
main gap under the salary (`_MatchWords`), and the save button beside the dates, which holds
their form token and the page to come back to (`SaveButtons`).

Each part's key holds the posting, the public catalogue's stamp (its version, renewed by every
write to a posting, its skills or its company, and the day: jobs.selectors.catalogue_stamp) and
the language. Every reader who has a posting on their page reads the same parts, so a page whose
cards were all shown to anyone before reads no posting from the database.
"""

from dataclasses import dataclass
from functools import cached_property

from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.fragments import kept_fragments
from jobs.selectors import catalogue_stamp, rows_in_order
from portal.graduate.selectors import SearchScore
from portal.templatetags.save_button import save_button_html

JOB_CARDS_KEPT_SECONDS = 30 * 60


@dataclass(frozen=True)
class SaveButtons:
    """What a graduate's save buttons need: their form token, the page to come back to, and
    the postings on the page they saved."""

    csrf_token: str
    next_url: str
    saved_ids: set[int]

    def button(self, posting_id: int) -> SafeString:
        saved = posting_id in self.saved_ids
        return save_button_html(
            posting_pk=posting_id, saved=saved, csrf_token=self.csrf_token, next_url=self.next_url
        )


@dataclass(frozen=True)
class JobCard:
    posting_id: int
    match: SearchScore | None  # the reader's score and main gap, if they have one
    html: SafeString


def job_cards(
    *,
    posting_ids: list[int],
    scores: dict[int, SearchScore] | None = None,
    save: SaveButtons | None = None,
) -> list[JobCard]:
    """The cards of one page of public postings, in order, with the reader's scores where
    given (`search_scores`) and their save buttons (`save`, for a graduate): kept parts read in
    one round trip, the others rendered from their rows (one query) and kept. A posting no
    longer public since its page was read has none."""
    scores = scores or {}
    stamp, language = catalogue_stamp(), get_language()
    keys = [
        None if stamp is None else repr((part, language, stamp, pid))
        for part in CARD_PARTS
        for pid in posting_ids
    ]
    count = len(posting_ids)

    def render(indexes: list[int]) -> list[str]:
        rows = {p.pk: p for p in rows_in_order(sorted({posting_ids[i % count] for i in indexes}))}
        templates = [get_template(f"jobs/_card_{part}.html") for part in CARD_PARTS]
        rendered = []
        for i in indexes:
            posting = rows.get(posting_ids[i % count])
            template = templates[i // count]
            rendered.append("" if posting is None else template.render({"posting": posting}))
        return rendered

    parts = kept_fragments(keys, render, seconds=JOB_CARDS_KEPT_SECONDS)
    words = _MatchWords()
    cards = []
    for n, pid in enumerate(posting_ids):
        title, body, dates = parts[n], parts[count + n], parts[2 * count + n]
        if not title:
            continue
        match = scores.get(pid)
        html = format_html(
            '<article class="card job-card"><div class="job-card-head">{}{}</div>{}{}'
            '<div class="job-card-foot">{}{}</div></article>',
            title,
            "" if match is None else words.pill(match),
            body,
            "" if match is None else words.gap(match),
            dates,
            "" if save is None else save.button(pid),
        )
        cards.append(JobCard(posting_id=pid, match=match, html=html))
    return cards


CARD_PARTS = ("title", "body", "dates")  # templates/jobs/_card_<part>.html


class _MatchWords:
    """A reader's own score and main gap on a card; the score's words translated once per page
    (and only for a page with scores)."""

    @cached_property
    def _words(self) -> tuple[str, str]:
        return _("Your match score"), _("Your match score:")

    def pill(self, match: SearchScore) -> SafeString:
        return format_html(
            '<p class="match-pill{}" title="{}"><span class="visually-hidden">{}</span>'
            " {}<small>/100</small></p>",
            " match-pill-excluded" if match["excluded"] else "",
            *self._words,
            round(match["score"] * 100),
        )

    def gap(self, match: SearchScore) -> SafeString:
        gap = match["gap"]
        return format_html('<p class="small match-gap">{}</p>', gap) if gap else SafeString("")
