"""Job search: full text, filters, sorting by match or date, pagination, scores, query counts."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from jobs.filters import PostingFilter
from jobs.models import JobPosting
from jobs.selectors import NarrowPages, RankedFirst, posting_list_public
from matching.services import match_run_request
from tests import factories
from tests.profiles.querycount import queries_of

pytestmark = pytest.mark.django_db
URL = reverse("jobs:list")


def titles(response) -> list[str]:
    """The titles of the postings whose cards the page shows, in order."""
    ids = [card.posting_id for card in response.context["cards"]]
    named = dict(JobPosting.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [named[pk] for pk in ids]


@pytest.fixture
def catalogue():
    etch = factories.SkillFactory(name="Dry etching", name_ko="건식 식각")
    etch.aliases.create(alias="RIE", normalised="rie")
    battery = factories.EmployerFactory(name="Ulsan Cell Works", industry="batteries")
    a = factories.JobPostingFactory(title="Etch process engineer", region="gyeonggi")
    factories.PostingSkillFactory(posting=a, skill=etch)
    b = factories.JobPostingFactory(
        employer=battery, title="Cell assembly technician", region="ulsan",
        job_type="contract", min_topik=3, visa_sponsorship=False,
        salary_min_krw=30_000_000, salary_max_krw=34_000_000,
        description="Electrode coating and winding.",
    )  # fmt: skip
    hidden = factories.JobPostingFactory(
        title="Etch secret", employer=factories.EmployerFactory(unverified=True)
    )
    draft = factories.JobPostingFactory(title="Etch draft", status="draft", published_at=None)
    return a, b, hidden, draft


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "etch"}, ["Etch process engineer"]),
        ({"q": "RIE"}, ["Etch process engineer"]),  # skill alias
        ({"q": "건식"}, ["Etch process engineer"]),  # skill's Korean name
        ({"q": "ulsan cell"}, ["Cell assembly technician"]),  # employer name
        ({"q": "winding"}, ["Cell assembly technician"]),  # description
        ({"industry": "batteries"}, ["Cell assembly technician"]),
        ({"region": "gyeonggi"}, ["Etch process engineer"]),
        ({"job_type": "contract"}, ["Cell assembly technician"]),
        ({"salary": "40000000"}, ["Etch process engineer"]),
        ({"topik": "0"}, ["Etch process engineer"]),
        ({"topik": "3"}, ["Cell assembly technician", "Etch process engineer"]),
        ({"sponsorship": "on"}, ["Etch process engineer"]),
    ],
)
def test_search_and_filters(client, catalogue, query, expected):
    response = client.get(URL, {**query, "sort": "date"})
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(expected)


def test_unverified_and_draft_postings_never_show(client, catalogue):
    assert "Etch secret" not in titles(client.get(URL, {"q": "etch"}))
    assert "Etch draft" not in titles(client.get(URL))


def test_invalid_filter_values_are_reported_not_crashing(client, catalogue):
    response = client.get(URL, {"region": "mars", "salary": "lots"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors.keys() >= {"region", "salary"}


def test_search_text_is_kept_and_escaped(client, catalogue):
    page = client.get(URL, {"q": '<script>"x"'}).content.decode()
    assert 'value="&lt;script&gt;&quot;x&quot;"' in page
    assert "No job fits these filters" in page


def test_date_order_and_pagination_keep_the_filters(client):
    now = timezone.now()
    for n in range(23):
        factories.JobPostingFactory(
            title=f"Welder {n:02d}", published_at=now - datetime.timedelta(hours=n)
        )
    first = client.get(URL, {"q": "welder", "sort": "date"})
    assert titles(first)[:2] == ["Welder 00", "Welder 01"]
    page = first.content.decode()
    assert "q=welder&amp;sort=date&amp;page=2" in page
    second = client.get(URL, {"q": "welder", "sort": "date", "page": 2})
    assert titles(second) == ["Welder 20", "Welder 21", "Welder 22"]


def test_graduate_sees_scores_and_sorts_by_match(
    graduate, graduate_client, client, django_capture_on_commit_callbacks
):
    skill = factories.SkillFactory(name="Etching")
    now = timezone.now()
    best = factories.JobPostingFactory(
        title="Best fit", published_at=now - datetime.timedelta(days=9)
    )
    factories.PostingSkillFactory(posting=best, skill=skill, min_level=2)
    newest = factories.JobPostingFactory(title="Newest, poor fit", published_at=now)
    factories.PostingSkillFactory(posting=newest, skill=skill, min_level=5)
    factories.PostingSkillFactory(posting=newest, min_level=4)
    factories.GraduateSkillFactory(profile=graduate.graduate_profile, skill=skill, level=3)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    by_match = graduate_client.get(URL)
    assert titles(by_match) == ["Best fit", "Newest, poor fit"]
    shown = [card.match["score"] for card in by_match.context["cards"]]
    scores = dict(zip(titles(by_match), shown, strict=True))
    assert scores["Best fit"] > scores["Newest, poor fit"] > 0
    assert "/100" in by_match.content.decode()
    assert titles(graduate_client.get(URL, {"sort": "date"})) == ["Newest, poor fit", "Best fit"]
    anonymous = client.get(URL)
    assert all(card.match is None for card in anonymous.context["cards"])
    assert "/100" not in anonymous.content.decode()


def test_a_graduates_scores_are_kept_until_their_skills_change(
    graduate, graduate_client, monkeypatch, django_capture_on_commit_callbacks
):
    from portal.graduate import selectors
    from profiles.services import graduate_skills_set

    skill = factories.SkillFactory(name="Etching")
    posting = factories.JobPostingFactory(title="Etch engineer")
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=4)
    factories.GraduateSkillFactory(profile=graduate.graduate_profile, skill=skill, level=2)
    explained: list[int] = []
    explain = selectors.explanations_for

    def counting(**kwargs):
        explained.append(len(kwargs["posting_ids"]))
        return explain(**kwargs)

    monkeypatch.setattr(selectors, "explanations_for", counting)
    scores = lambda: {c.posting_id: c.match for c in graduate_client.get(URL).context["cards"]}  # noqa: E731
    first = scores()
    assert scores() == first and explained == [1]
    with django_capture_on_commit_callbacks(execute=True):
        graduate_skills_set(profile=graduate.graduate_profile, levels={skill.pk: 5})
    after = scores()
    assert explained == [1, 1]
    assert after[posting.pk]["score"] > first[posting.pk]["score"]
    assert first[posting.pk]["gap"] and after[posting.pk]["gap"] is None


def test_htmx_request_gets_only_the_results(client, catalogue):
    response = client.get(URL, {"q": "etch"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page and "Etch process engineer" in page


def test_the_filterset_is_reusable_on_its_own():
    factories.JobPostingFactory(title="Solo", region="busan")
    search = PostingFilter({"region": "busan"}, queryset=posting_list_public())
    assert [p.title for p in search.qs] == ["Solo"]


@pytest.mark.parametrize("who", ["anonymous", "graduate"])
def test_list_queries_do_not_grow_with_postings(who, client, graduate_client):
    browser = client if who == "anonymous" else graduate_client
    skill = factories.SkillFactory()

    def add(n: int) -> None:
        for _ in range(n):
            posting = factories.JobPostingFactory()
            factories.PostingSkillFactory(posting=posting, skill=skill)

    add(2)
    browser.get(URL)
    cache.clear()  # nothing kept (matching facts, counts): every read happens, both times
    few, _ = queries_of(lambda: browser.get(URL))
    add(25)
    cache.clear()
    many, response = queries_of(lambda: browser.get(URL))
    assert len(response.context["cards"]) == 20
    assert many == few


def test_filters_fold_away_and_say_how_many_are_in_use(client, catalogue):
    """Folded even when in use, so on a phone the first results come before them; the script
    unfolds them beside the results on wide screens (tests/jobs/test_browser_filters.py)."""
    plain = client.get(URL).content.decode()
    filtered = client.get(URL, {"region": "ulsan", "topik": "3"}).content.decode()

    details = re.compile(r"<details class=\"more-filters\"[^>]*>\s*<summary[^>]*>\s*([^<]*?)\s*<")
    assert details.search(plain).group(1) == "Filters"
    assert details.search(filtered).group(1) == "Filters (2 active)"
    assert 'data-filters-active="2"' in filtered
    assert not re.search(r"<details class=\"more-filters\"[^>]*\bopen\b", filtered)


def test_search_follows_edits_of_title_and_description(client):
    """On PostgreSQL the stored search document is refreshed by a trigger on every change."""
    posting = factories.JobPostingFactory(title="Battery cell engineer", description="Cells.")
    url = reverse("jobs:list")

    assert list(client.get(url, {"q": "battery"}).context["page"]) == [posting.pk]
    assert list(client.get(url, {"q": "electrolyte"}).context["page"]) == []
    posting.description = "Design the electrolyte formulation of our next cells."
    posting.save()
    assert list(client.get(url, {"q": "electrolyte"}).context["page"]) == [posting.pk]
    posting.title = "Formulation chemist"
    posting.save()
    assert list(client.get(url, {"q": "battery"}).context["page"]) == []


def test_a_skill_is_found_by_its_name_in_any_language(client):
    """A graduate types the skill as they know it: English, Korean, or their own language."""
    etch = factories.SkillFactory(name="Dry etching", name_ko="건식 식각", name_vi="Khắc khô",
                                  name_ind="Etsa kering", name_th="การกัดแห้ง")  # fmt: skip
    posting = factories.JobPostingFactory(title="Process engineer", description="Fab line.")
    factories.PostingSkillFactory(posting=posting, skill=etch)
    for text in ["etching", "건식", "Khắc khô", "Etsa", "การกัดแห้ง"]:
        assert titles(client.get(URL, {"q": text})) == ["Process engineer"], text


def test_ranked_first_pages_cover_every_posting_once_best_match_first():
    """The graduate's ranked postings first (a ranked posting the search drops is skipped),
    then the rest newest first, whichever page boundaries the paginator asks for."""
    now = timezone.now()
    postings = [
        factories.JobPostingFactory(title=f"P{n}", published_at=now - datetime.timedelta(days=n))
        for n in range(7)
    ]
    closed = factories.JobPostingFactory(title="Closed", status="closed")
    ranked = [postings[5].pk, closed.pk, postings[2].pk]
    ordered = RankedFirst(posting_list_public(), ranked)
    expected = ["P5", "P2", "P0", "P1", "P3", "P4", "P6"]
    assert ordered.count() == len(ordered) == 7
    assert [p.title for p in ordered[0:7]] == expected
    for size in (1, 2, 3, 4):
        pages = [ordered[i : i + size] for i in range(0, 7, size)]
        assert [p.title for page in pages for p in page] == expected
    assert ordered[1].title == "P2" and ordered[3].title == "P1"
    assert [p.title for p in Paginator(ordered, 3).page(3)] == ["P6"]


def test_narrow_pages_are_the_newest_first_pages_in_two_queries_each(django_assert_num_queries):
    """Paged by ids (the index skips the OFFSET), then each page's rows by id: the same pages
    as the queryset's, with the same ties (equal dates: the higher id first)."""
    now = timezone.now()
    for n in range(7):
        factories.JobPostingFactory(title=f"P{n}", published_at=now - datetime.timedelta(days=n))
    twin = factories.JobPostingFactory(title="P3b", published_at=now - datetime.timedelta(days=3))
    factories.JobPostingFactory(title="Closed", status="closed")
    expected = [p.title for p in posting_list_public()]
    assert expected.index("P3b") == expected.index("P3") - 1 and twin.pk
    pages = NarrowPages(posting_list_public())
    assert pages.count() == len(pages) == 8
    for size in (1, 3, 5):
        assert [p.title for i in range(0, 8, size) for p in pages[i : i + size]] == expected
    with django_assert_num_queries(3):  # the count, the page's ids, its rows
        assert [p.title for p in Paginator(pages, 3).page(3).object_list] == expected[6:]
    assert [p.title for p in pages] == expected


def test_a_searchs_count_is_kept_once_for_every_order(django_assert_num_queries):
    """Each graduate sees their best matches first, but the search finds as many postings for
    all of them: its count is counted once while the catalogue stays the same."""
    postings = factories.JobPostingFactory.create_batch(4)
    first = RankedFirst(posting_list_public(), [postings[1].pk], search="all")
    assert first.count() == 4
    for ranked in ([postings[2].pk, postings[0].pk], [postings[3].pk]):
        with django_assert_num_queries(0):
            assert RankedFirst(posting_list_public(), ranked, search="all").count() == 4
        with django_assert_num_queries(0):
            assert NarrowPages(posting_list_public(), search="all").count() == 4
    factories.JobPostingFactory()  # a new posting renews the catalogue's version
    assert RankedFirst(posting_list_public(), [postings[3].pk], search="all").count() == 5
