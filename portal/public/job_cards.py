"""The job search's cards, rendered once and kept in the shared cache (core.fragments) while
nothing they show changes.

A card is kept in two parts: what stands above its foot (title, the reader's score, company,
tags, salary, the reader's main gap) and the dates in its foot. The save button beside the dates
holds the reader's form token and the page to come back to, so it is never kept: it is written
between the two kept parts for each reader (`SaveButtons`).

Each part's key holds the posting, the public catalogue's stamp (its version, renewed by every
write to a posting, its skills or its company, and the day: jobs.selectors.catalogue_stamp),
the language, and for a graduate the score and main gap as shown. Anyone who would see the same
card reads the same part: every anonymous visitor, and graduates with the same score and gap.
So a page whose cards are all kept reads no posting from the database.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

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
    shown = [
        (pid, None if (m := scores.get(pid)) is None else (m["score"], m["excluded"], m["gap"]))
        for pid in posting_ids
    ]
    keys = [
        None if stamp is None else repr((part, language, stamp, card))
        for part in ("job-card-top", "job-card-dates")
        for card in shown
    ]
    count = len(posting_ids)

    def render(indexes: list[int]) -> list[str]:
        rows = {p.pk: p for p in rows_in_order(sorted({posting_ids[i % count] for i in indexes}))}
        top, dates = get_template("jobs/_card_top.html"), get_template("jobs/_card_dates.html")
        rendered = []
        for i in indexes:
            posting = rows.get(posting_ids[i % count])
            if posting is None:
                rendered.append("")
            elif i < count:
                rendered.append(top.render({"posting": posting, "match": scores.get(posting.pk)}))
            else:
                rendered.append(dates.render({"posting": posting}))
        return rendered

    parts = kept_fragments(keys, render, seconds=JOB_CARDS_KEPT_SECONDS)
    return [
        JobCard(
            posting_id=pid,
            match=scores.get(pid),
            html=format_html(
                '<article class="card job-card">{}<div class="job-card-foot">{}{}</div></article>',
                parts[n],
                parts[count + n],
                "" if save is None else save.button(pid),
            ),
        )
        for n, pid in enumerate(posting_ids)
        if parts[n]
    ]
