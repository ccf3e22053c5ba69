"""The dashboard: matches with score, reasons and main gap, new since the last visit, refresh
indicator, applications; query counts that do not grow with the data."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from matching.services import match_run_request
from tests import factories
from tests.profiles.querycount import queries_of

pytestmark = pytest.mark.django_db
URL = reverse("graduate:dashboard")


@pytest.fixture
def matched(graduate, django_capture_on_commit_callbacks):
    """Two postings that match the graduate, one missing a second skill, and a current run."""
    profile = graduate.graduate_profile
    etch = factories.SkillFactory(name="Dry etching")
    lith = factories.SkillFactory(name="Photolithography")
    strong = factories.JobPostingFactory(title="Etch engineer")
    factories.PostingSkillFactory(posting=strong, skill=etch, min_level=3)
    weak = factories.JobPostingFactory(title="Litho engineer <b>now</b>")
    factories.PostingSkillFactory(posting=weak, skill=etch, min_level=2)
    factories.PostingSkillFactory(posting=weak, skill=lith, min_level=3)
    factories.GraduateSkillFactory(profile=profile, skill=etch, level=4)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    return strong, weak


def test_matches_show_score_reasons_and_the_main_gap(graduate_client, matched):
    page = graduate_client.get(URL).content.decode()
    assert page.index("Etch engineer") < page.index("Litho engineer")
    assert "Dry etching: your level 4 meets the 3 asked" in page
    assert '<li class="ok">Industry you want: Semiconductors</li>' in page
    assert "Photolithography is missing (level 3 asked)" in page
    assert "/100" in page
    assert "Litho engineer &lt;b&gt;now&lt;/b&gt;" in page


def test_new_matches_are_marked_since_the_last_visit(graduate, graduate_client, matched):
    strong, weak = matched
    User.objects.filter(pk=graduate.pk).update(
        last_seen_matches_at=timezone.now() - datetime.timedelta(days=1)
    )
    type(strong).objects.filter(pk=strong.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=3)
    )
    response = graduate_client.get(URL)
    rows = {row.posting.pk: row.is_new for row in response.context["matches"]}
    assert rows == {strong.pk: False, weak.pk: True}
    assert "1 new since your last visit" in response.content.decode()
    cards = dict(zip(rows, response.context["match_rows"], strict=True))
    assert ">New</span>" in cards[weak.pk] and ">New</span>" not in cards[strong.pk]
    polled = graduate_client.get(reverse("graduate:dashboard_matches")).content.decode()
    assert ">New</span>" not in polled and "Litho engineer" in polled
    graduate.refresh_from_db()
    assert graduate.last_seen_matches_at > timezone.now() - datetime.timedelta(minutes=1)
    # The next visit has nothing new.
    assert graduate_client.get(URL).context["new_matches"] == 0


def test_the_dashboard_says_when_matches_are_being_refreshed(graduate, graduate_client):
    graduate_client.post(
        reverse("graduate:step", kwargs={"step": "preferences"}),
        {"preferred_industries": ["batteries"], "min_salary_krw": "30000000", "continue": "1"},
    )
    page = graduate_client.get(URL).content.decode()
    assert "being refreshed" in page
    assert 'hx-get="/graduate/matches/"' in page
    partial = graduate_client.get(reverse("graduate:dashboard_matches"))
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()


def test_saving_skills_refreshes_matches_incrementally(
    graduate, graduate_client, matched, django_capture_on_commit_callbacks
):
    _strong, weak = matched
    lith = weak.skills.get(skill__name="Photolithography").skill
    before = graduate_client.get(URL).content.decode()  # the cards are kept from here
    assert "Photolithography is missing (level 3 asked)" in before
    data = {
        "skills-TOTAL_FORMS": "2", "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0", "skills-MAX_NUM_FORMS": "40",
        "skills-0-name": "Dry etching", "skills-0-level": "4",
        "skills-1-name": lith.name, "skills-1-level": "5", "continue": "1",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        graduate_client.post(reverse("graduate:step", kwargs={"step": "skills"}), data)
    response = graduate_client.get(URL)
    assert not response.context["refreshing"]
    shown = [row.posting.pk for row in response.context["matches"]]
    cards = dict(zip(shown, response.context["match_rows"], strict=True))
    assert "Photolithography: your level 5" in cards[weak.pk]
    assert 'class="gap"' not in cards[weak.pk]


def test_applications_and_their_status_are_listed(graduate, graduate_client):
    application = factories.ApplicationFactory(graduate=graduate.graduate_profile)
    page = graduate_client.get(URL).content.decode()
    assert application.posting.title in page
    assert reverse("graduate:application_detail", args=[application.pk]) in page
    assert "Applied" in page


def test_completeness_names_what_would_improve_matches(graduate_client):
    response = graduate_client.get(URL)
    page = response.content.decode()
    assert "What would improve your matches" in page
    assert "List at least three skills" in page
    assert reverse("graduate:step", kwargs={"step": "skills"}) in page


def test_employer_and_anonymous_do_not_get_the_graduate_dashboard(client, employer_client):
    assert employer_client.get(URL).url == reverse("dashboard")
    assert client.get(URL).url.startswith(reverse("account_login"))


def _grow(graduate, n: int) -> None:
    profile = graduate.graduate_profile
    skill = factories.SkillFactory()
    factories.GraduateSkillFactory(profile=profile, skill=skill, level=4)
    for _ in range(n):
        posting = factories.JobPostingFactory()
        factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
        factories.ApplicationFactory(graduate=profile, posting=posting)


def test_dashboard_queries_do_not_grow_with_matches_and_applications(
    graduate, graduate_client, django_capture_on_commit_callbacks
):
    _grow(graduate, 2)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    graduate_client.get(URL)  # warm the per-process caches (visa rules)
    few, _response = queries_of(lambda: graduate_client.get(URL))
    _grow(graduate, 6)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    graduate_client.get(URL)
    many, response = queries_of(lambda: graduate_client.get(URL))
    assert len(response.context["matches"]) == 8
    assert many == few


def test_suggested_courses_come_after_the_page_then_from_the_cache(
    graduate, graduate_client, matched
):
    """Planning the suggestions never holds up the dashboard: the first visit shows a
    placeholder the browser fills from its own URL (and a link without script); once planned
    they are kept, and the next visit shows them at once, until the profile changes."""
    lith = matched[1].skills.get(skill__name="Photolithography").skill
    course = factories.CourseFactory(title="Lithography for fabs")
    factories.CourseSkillFactory(course=course, skill=lith, level_reached=4)
    first = graduate_client.get(URL)
    assert first.context["courses"] is None
    page = first.content.decode()
    assert f'hx-get="{reverse("graduate:dashboard_courses")}"' in page
    assert reverse("training:for_me") in page and "Lithography for fabs" not in page
    partial = graduate_client.get(reverse("graduate:dashboard_courses"))
    assert partial.status_code == 200 and "Lithography for fabs" in partial.content.decode()
    again = graduate_client.get(URL)
    assert [s.course.title for s in again.context["courses"]] == ["Lithography for fabs"]
    assert 'hx-get="' + reverse("graduate:dashboard_courses") not in again.content.decode()
    profile = graduate.graduate_profile
    profile.headline = "Etch and litho engineer"
    profile.save()
    assert graduate_client.get(URL).context["courses"] is None


def test_a_first_visit_reads_the_match_list_once_and_the_skills_with_their_names(
    graduate, graduate_client, matched
):
    """Nothing of the graduate's kept yet: their list serves the matches and the key of the
    course suggestions; their skills come with the skills' names in one query."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert graduate_client.get(URL).status_code == 200
    read = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    lists = [sql for sql in read if 'FROM "matching_graduatematchlist"' in sql]
    by_id = r'SELECT .* FROM "skills_skill" WHERE "skills_skill"."id" (=|IN)'
    skills = [sql for sql in read if re.match(by_id, sql)]
    assert len(lists) == 1, lists
    assert skills == []


def test_a_first_visit_reads_the_profiles_rows_once(graduate, graduate_client, matched):
    """Nothing of the graduate's kept yet: their skills, degrees and jobs are read once, for
    the profile card and for the facts that explain their matches."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = graduate_client.get(URL).content.decode()
    assert "Etch engineer" in html and "Dry etching" in html
    for table in ("profiles_graduateskill", "profiles_educationrecord", "profiles_workexperience"):
        read = [q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]
        assert len(read) == 1, (table, read)
