"""The header's navigation is kept per kind of reader, page, language and unread figures, and
still carries each reader's own CSRF token and return path."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from notifications.services import notification_create
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
NAV = re.compile(r'<nav class="nav-desktop".*?</nav>', re.S)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _nav(client: Client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200
    found = NAV.search(answer.content.decode())
    assert found is not None
    return found.group(0)


def _signed_in(user, **extra) -> Client:  # type: ignore[no-untyped-def]
    client = Client(**extra)
    client.force_login(user)
    return client


def test_each_reader_gets_the_nav_of_their_kind_and_page(graduate, employer, client):
    dashboard, jobs = _nav(_signed_in(graduate), "/graduate/"), _nav(_signed_in(graduate), "/jobs/")
    assert re.search(r'href="/graduate/"\s+aria-current="page"', dashboard)
    assert re.search(r'href="/jobs/"\s+aria-current="page"', jobs)
    assert not re.search(r'href="/graduate/"\s+aria-current="page"', jobs)
    company = _nav(_signed_in(employer), "/jobs/")
    assert "/employer/postings/" in company and "/graduate/" not in company
    anonymous = _nav(client, "/jobs/")
    assert "/accounts/login/" in anonymous and "Log out" not in anonymous


def test_two_readers_share_the_nav_but_not_their_tokens(graduate, other_graduate):
    first, second = _nav(_signed_in(graduate), "/jobs/"), _nav(_signed_in(other_graduate), "/jobs/")
    assert TOKEN.sub("", first) == TOKEN.sub("", second)
    # Log out and the language menu: each reader's own token (one per page, as without keeping).
    mine, theirs = set(TOKEN.findall(first)), set(TOKEN.findall(second))
    assert len(mine) == len(theirs) == 1 and mine != theirs


def test_the_kept_nav_signs_out_with_its_own_token(graduate):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(graduate)
    _nav(browser, "/graduate/")  # kept now
    token = TOKEN.search(_nav(browser, "/jobs/"))
    assert token is not None
    assert (
        browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token.group(1)}).status_code
        == 302
    )
    assert browser.get("/graduate/").status_code == 302  # signed out


def test_the_language_menu_returns_to_this_page_escaped(graduate):
    reader = _signed_in(graduate)
    _nav(reader, "/jobs/?q=etch")  # kept now, for another return path
    nav = _nav(reader, '/jobs/?q="><script>x</script>')
    assert 'name="next" value="/jobs/?q=%22%3E%3Cscript%3Ex%3C/script%3E"' in nav
    assert "<script>x" not in nav


def test_a_new_notification_shows_in_the_kept_nav(graduate, django_capture_on_commit_callbacks):
    reader = _signed_in(graduate)
    assert "nav-count" not in _nav(reader, "/jobs/")
    with django_capture_on_commit_callbacks(execute=True):
        notification_create(user=graduate, kind="application_moved", key="k", params={})
    assert re.search(r'nav-count">1<', _nav(reader, "/jobs/"))


def test_each_language_has_its_own_nav():
    user = factories.GraduateProfileFactory().user
    reader = Client()
    reader.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    english = _nav(reader, "/jobs/")
    reader.post("/accounts/language/", {"language": "ko"})
    korean = _nav(reader, "/jobs/")
    assert "Applications" in english and "Applications" not in korean


def test_a_graduate_page_reads_the_profile_once_for_the_page_and_the_nav(graduate):
    """The nav's unread threads need the graduate's profile: on a graduate's page it is the one
    the page read (their figures are not kept yet: the first page of a visit)."""
    reader = _signed_in(graduate)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        _nav(reader, "/graduate/saved/")
    profile_reads = [
        q["sql"] for q in queries.captured_queries
        if re.match(r'SELECT .* FROM "profiles_graduateprofile"', q["sql"])
    ]  # fmt: skip
    assert len(profile_reads) == 1, profile_reads
