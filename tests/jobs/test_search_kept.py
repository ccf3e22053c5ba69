"""A search's count, its pages' ids and its cards are kept under the public catalogue's
version: a second visit reads no posting, and any write that could change what a search finds
or a card shows is seen at once."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.versions import version_token
from jobs.selectors import PUBLIC_POSTINGS_VERSION_KEY
from jobs.services import posting_set_status, posting_skills_set
from matching.services import match_run_request
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("jobs:list")


def _shown(client, **query) -> list[str]:
    """The titles of the cards the search page shows, in order."""
    html = client.get(URL, query).content.decode()
    return re.findall(r'<h2>\s*<a href="/jobs/\d+/">([^<]+)</a>', html)


def _posting_reads(client, **query) -> int:
    """How many of the page's queries read postings."""
    read: list[str] = []

    def spy(execute, sql, params, many, context):
        read.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        assert client.get(URL, query).status_code == 200
    return sum(1 for sql in read if 'FROM "jobs_jobposting"' in sql)


@pytest.fixture
def catalogue():
    now = timezone.now()
    return [
        factories.JobPostingFactory(
            title=f"Etch engineer {n}", published_at=now - datetime.timedelta(days=n)
        )
        for n in range(3)
    ]


def test_a_second_visit_reads_no_posting(client, catalogue):
    assert _posting_reads(client) >= 2  # the count, the page's ids, the cards' rows
    assert _posting_reads(client) == 0
    assert _posting_reads(client, region="gyeonggi") >= 1  # another search is its own
    assert _posting_reads(client, q="etch") >= 1


def test_a_graduates_second_visit_reads_no_posting(graduate_client, catalogue):
    graduate_client.get(URL)
    assert _posting_reads(graduate_client) == 0


@pytest.mark.parametrize(
    "change",
    ["publish", "close", "title", "employer unverified", "employer renamed", "skill"],
)
def test_what_a_search_finds_and_shows_follows_every_write(client, catalogue, change):
    first, second, _third = catalogue
    before = _shown(client)
    assert before == ["Etch engineer 0", "Etch engineer 1", "Etch engineer 2"]
    _shown(client)  # kept now
    if change == "publish":
        factories.JobPostingFactory(title="Brand new role")
        assert _shown(client)[0] == "Brand new role"
    elif change == "close":
        posting_set_status(posting=first, status="closed")
        assert _shown(client) == ["Etch engineer 1", "Etch engineer 2"]
    elif change == "title":
        second.title = "Deposition engineer"
        second.save()
        assert _shown(client) == ["Etch engineer 0", "Deposition engineer", "Etch engineer 2"]
    elif change == "employer unverified":
        second.employer.verification_status = "rejected"
        second.employer.save()
        assert "Etch engineer 1" not in _shown(client)
    elif change == "employer renamed":
        second.employer.name = "Hanbit Wafer Works"
        second.employer.save()
        assert "Hanbit Wafer Works" in client.get(URL).content.decode()
    else:
        welding = factories.SkillFactory(name="Orbital welding")
        assert _shown(client, q="orbital") == []
        posting_skills_set(posting=second, skills=[(welding.pk, "required", 3, 1.0)])
        assert _shown(client, q="orbital") == ["Etch engineer 1"]


def test_a_count_follows_a_new_posting(client, catalogue):
    factories.JobPostingFactory.create_batch(20)
    assert client.get(URL).context["page"].paginator.count == 23
    factories.JobPostingFactory(title="The 24th")
    assert client.get(URL).context["page"].paginator.count == 24


def test_a_deadline_passing_takes_a_posting_out_at_midnight(client, time_machine):
    """Four minutes apart, well within what is kept: the day is part of the stamp."""
    zone = timezone.get_current_timezone()
    time_machine.move_to(datetime.datetime(2026, 12, 7, 23, 58, tzinfo=zone))
    factories.JobPostingFactory(title="Ends today", deadline=datetime.date(2026, 12, 7))
    assert _shown(client) == ["Ends today"]
    time_machine.move_to(datetime.datetime(2026, 12, 8, 0, 2, tzinfo=zone))
    assert _shown(client) == []


def test_the_catalogue_version_is_renewed_again_after_commit(
    catalogue, django_capture_on_commit_callbacks
):
    """Renewed at the write and once more after commit: a count made from what other
    transactions saw before the commit is not read after it."""
    tokens = [version_token(PUBLIC_POSTINGS_VERSION_KEY)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        catalogue[0].title = "Renamed"
        catalogue[0].save()
        tokens.append(version_token(PUBLIC_POSTINGS_VERSION_KEY))
    for callback in callbacks:
        callback()
    tokens.append(version_token(PUBLIC_POSTINGS_VERSION_KEY))
    assert len(set(tokens)) == 3


def test_without_the_shared_cache_every_search_is_read(client, catalogue, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    assert _shown(client) == ["Etch engineer 0", "Etch engineer 1", "Etch engineer 2"]
    assert _posting_reads(client) >= 2


# --- cards: a graduate's own parts ---------------------------------------------------------


def _card(html: str, title: str) -> str:
    start = html.index(f">{title}</a>")
    return html[start : html.index("</article>", start)]


def test_each_graduate_sees_their_own_score_and_save_button(
    catalogue, django_capture_on_commit_callbacks
):
    from django.test import Client

    posting = catalogue[0]
    skill = factories.SkillFactory(name="Dry etching")
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
    strong = factories.GraduateProfileFactory()
    factories.GraduateSkillFactory(profile=strong, skill=skill, level=5)
    weak = factories.GraduateProfileFactory()
    factories.GraduateSkillFactory(profile=weak, skill=skill, level=1)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    readers = {}
    for name, profile in (("strong", strong), ("weak", weak)):
        client = Client()
        client.force_login(profile.user)
        readers[name] = client
    readers["strong"].post(reverse("jobs:save", args=[posting.pk]))

    cards = {name: _card(c.get(URL).content.decode(), posting.title) for name, c in readers.items()}
    scores = {name: re.search(r"(\d+)<small>/100", card).group(1) for name, card in cards.items()}
    assert int(scores["strong"]) > int(scores["weak"])
    assert "is-saved" in cards["strong"] and "is-saved" not in cards["weak"]
    tokens = {
        name: re.search(r'csrfmiddlewaretoken" value="([^"]+)', card).group(1)
        for name, card in cards.items()
    }
    assert tokens["strong"] != tokens["weak"]


def test_a_graduates_first_visit_renders_no_card_someone_has_seen(
    graduate, graduate_client, client, catalogue, django_capture_on_commit_callbacks
):
    """A card's kept parts are the posting's, the same for every reader: after a visitor's
    search, a graduate's first one reads no posting row for its cards, and shows their own
    score and main gap (escaped) around the parts kept."""
    skill = factories.SkillFactory(name="<b>Dry etching</b>")
    for posting in catalogue:
        factories.PostingSkillFactory(posting=posting, skill=skill, min_level=4)
    factories.GraduateSkillFactory(profile=graduate.graduate_profile, skill=skill, level=2)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    client.get(URL)  # a visitor's search: every card's parts kept
    read: list[str] = []

    def spy(execute, sql, params, many, context):
        read.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        html = graduate_client.get(URL).content.decode()
    assert not [sql for sql in read if '"jobs_jobposting"."title"' in sql]
    card = _card(html, catalogue[0].title)
    assert re.search(r"match-pill[^>]*>.*?\d+<small>/100", card, re.S)
    assert "&lt;b&gt;Dry etching&lt;/b&gt;" in card and "<b>Dry" not in card


def test_no_kept_card_part_holds_a_form_token_or_a_page_to_return_to(
    graduate_client, catalogue, monkeypatch
):
    kept: dict[str, str] = {}
    set_many = cache.set_many

    def spy(values, *args, **kwargs):
        kept.update({k: v for k, v in values.items() if isinstance(v, str)})
        return set_many(values, *args, **kwargs)

    monkeypatch.setattr(cache, "set_many", spy)
    html = graduate_client.get(URL, {"region": "gyeonggi"}).content.decode()
    assert "csrfmiddlewaretoken" in html
    cards = [part for part in kept.values() if "employer-line" in part or "Posted" in part]
    assert cards
    assert not any("csrfmiddlewaretoken" in part or "region=" in part for part in cards)


def test_the_search_form_shows_the_search_asked_for(client, catalogue):
    client.get(URL, {"q": "welding", "region": "ulsan"})
    html = client.get(URL, {"q": "etching"}).content.decode()
    assert 'value="etching"' in html and 'value="welding"' not in html
    assert '<option value="ulsan" selected>' not in html
    html = client.get(URL, {"salary": "lots"}).content.decode()
    assert "Enter a number." in html
