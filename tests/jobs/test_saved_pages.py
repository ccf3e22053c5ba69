"""The pages for saved jobs and job alerts: saving from a job card or page (htmx and plain
POST), the saved jobs page, saving the search on screen, managing saved searches and the
digest, the e-mail's stop link, and 404 for everyone else's saved items."""

import pytest
from django.test import Client
from django.urls import reverse

from jobs.models import PostingStatus, SavedJob, SavedSearch
from jobs.services import (
    saved_job_add,
    saved_search_create,
    saved_search_unsubscribe_token,
)
from tests import factories
from tests.profiles.querycount import queries_of

pytestmark = pytest.mark.django_db

SAVED = reverse("graduate:saved_jobs")
ALERTS = reverse("graduate:alerts")


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def posting():
    return factories.JobPostingFactory(title="Etch engineer")


@pytest.fixture
def search(graduate):
    return saved_search_create(
        graduate=graduate.graduate_profile, params={"region": "busan"}, name="Busan jobs"
    )


# --- saving jobs -----------------------------------------------------------------------------


def test_a_job_card_saves_with_htmx_and_the_button_shows_saved(graduate, graduate_client, posting):
    page = graduate_client.get(reverse("jobs:list")).content.decode()
    assert f'action="{reverse("jobs:save", args=[posting.pk])}"' in page

    response = graduate_client.post(
        reverse("jobs:save", args=[posting.pk]), {"next": "/jobs/"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert "Saved" in response.content.decode() and 'value="remove"' in response.content.decode()
    assert SavedJob.objects.filter(graduate__user=graduate, posting=posting).exists()
    again = graduate_client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    assert 'value="remove"' in again


def test_without_javascript_saving_comes_back_to_the_page(graduate, graduate_client, posting):
    detail = reverse("jobs:detail", args=[posting.pk])
    response = graduate_client.post(reverse("jobs:save", args=[posting.pk]), {"next": detail})
    assert response.status_code == 302 and response.url == detail

    removed = graduate_client.post(
        reverse("jobs:save", args=[posting.pk]),
        {"action": "remove", "next": "https://evil.example/"},
    )
    assert removed.url == SAVED  # never off-site
    assert not SavedJob.objects.exists()


def test_a_posting_that_is_not_open_cannot_be_saved(graduate_client):
    draft = factories.JobPostingFactory(status=PostingStatus.DRAFT)
    assert graduate_client.post(reverse("jobs:save", args=[draft.pk])).status_code == 404


def test_anonymous_visitors_and_employers_cannot_save(employer_client, posting):
    anonymous = Client().post(reverse("jobs:save", args=[posting.pk]))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    employer_client.post(reverse("jobs:save", args=[posting.pk]))
    assert not SavedJob.objects.exists()


def test_the_saved_jobs_page_lists_closed_postings_as_closed_and_pages(graduate, graduate_client):
    profile = graduate.graduate_profile
    postings = factories.JobPostingFactory.create_batch(21)
    for posting in postings:
        saved_job_add(graduate=profile, posting=posting)
    closed = postings[-1]  # saved last: first on the page
    closed.status = PostingStatus.CLOSED
    closed.save()

    first = graduate_client.get(SAVED)
    page = first.content.decode()
    assert first.status_code == 200 and "Page 1 of 2" in page
    assert "Closed" in page and f'href="{reverse("jobs:detail", args=[closed.pk])}"' not in page
    assert f'href="{reverse("jobs:detail", args=[postings[-2].pk])}"' in page
    assert len(graduate_client.get(SAVED, {"page": 2}).context["rows"]) == 1


def test_the_saved_jobs_page_has_an_empty_state(graduate_client, other_graduate, posting):
    saved_job_add(graduate=other_graduate.graduate_profile, posting=posting)
    page = graduate_client.get(SAVED).content.decode()
    assert "No saved jobs yet" in page and posting.title not in page


# --- saved searches --------------------------------------------------------------------------


def test_the_search_shown_is_the_one_saved(graduate, graduate_client):
    results = graduate_client.get(reverse("jobs:list"), {"q": "etch", "region": "busan"})
    page = results.content.decode()
    assert 'name="q" value="etch"' in page and "Save this search" in page

    response = graduate_client.post(
        reverse("graduate:search_save"),
        {"q": "etch", "region": "busan", "sort": "match", "name": "", "frequency": "instant",
         "next": "/jobs/?q=etch&region=busan"},
    )  # fmt: skip

    assert response.status_code == 302 and response.url == "/jobs/?q=etch&region=busan"
    search = SavedSearch.objects.get(graduate__user=graduate)
    assert search.filters == {"q": "etch", "region": "busan"}
    assert search.frequency == "instant" and "etch" in search.name


def test_a_bad_search_is_not_saved_and_says_why(graduate_client):
    response = graduate_client.post(
        reverse("graduate:search_save"), {"region": "atlantis", "frequency": "daily"}, follow=True
    )
    assert not SavedSearch.objects.exists()
    assert "alert-error" in response.content.decode() or response.context["messages"]


def test_anonymous_visitors_see_no_save_search_form():
    assert "Save this search" not in Client().get(reverse("jobs:list")).content.decode()


def test_the_alerts_page_renames_changes_frequency_and_deletes(graduate_client, search):
    page = graduate_client.get(ALERTS).content.decode()
    assert "Busan jobs" in page and "region=busan" in page

    graduate_client.post(
        reverse("graduate:saved_search_edit", args=[search.pk]),
        {f"s{search.pk}-name": "Busan fabs", f"s{search.pk}-frequency": "weekly"},
    )
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("Busan fabs", "weekly")

    graduate_client.post(reverse("graduate:saved_search_delete", args=[search.pk]))
    assert not SavedSearch.objects.exists()


def test_the_alerts_page_sets_the_digest_frequency(graduate, graduate_client):
    graduate_client.post(reverse("graduate:digest_frequency"), {"match_digest_frequency": "weekly"})
    graduate.graduate_profile.refresh_from_db()
    assert graduate.graduate_profile.match_digest_frequency == "weekly"

    graduate_client.post(reverse("graduate:digest_frequency"), {"match_digest_frequency": "hourly"})
    graduate.graduate_profile.refresh_from_db()
    assert graduate.graduate_profile.match_digest_frequency == "weekly"


@pytest.mark.parametrize("persona", ["other_graduate", "employer", "anonymous"])
def test_someone_elses_saved_search_is_not_found(request, persona, search):
    """Another graduate gets 404; an employer or a visitor gets the same answer for this search
    as for one that does not exist (their dashboard, or signing in): nothing is confirmed."""
    client = Client() if persona == "anonymous" else _login(request.getfixturevalue(persona))
    for name in ("graduate:saved_search_edit", "graduate:saved_search_delete"):
        body = {f"s{search.pk}-frequency": "off"}
        theirs = client.post(reverse(name, args=[search.pk]), body)
        missing = client.post(reverse(name, args=[search.pk + 1000]), body)
        if persona == "other_graduate":
            assert theirs.status_code == missing.status_code == 404
        else:
            assert theirs.status_code == missing.status_code == 302
            assert theirs.url.replace(str(search.pk), "") == missing.url.replace(
                str(search.pk + 1000), ""
            )
    search.refresh_from_db()
    assert search.frequency == "daily"
    if persona == "other_graduate":
        assert "Busan jobs" not in client.get(ALERTS).content.decode()


def test_the_e_mails_stop_link_asks_then_turns_the_alerts_off(search):
    url = reverse(
        "graduate:saved_search_unsubscribe", args=[saved_search_unsubscribe_token(search)]
    )
    client = Client()

    assert "Stop these alerts" in client.get(url).content.decode()
    search.refresh_from_db()
    assert search.frequency == "daily"  # opening the link changes nothing
    assert client.post(url).status_code == 200
    search.refresh_from_db()
    assert search.frequency == "off"


def test_a_forged_stop_link_is_not_found(search):
    forged = reverse("graduate:saved_search_unsubscribe", args=[f"{search.pk}:forged"])
    assert Client().post(forged).status_code == 404
    search.refresh_from_db()
    assert search.frequency == "daily"


def test_the_saved_jobs_and_alerts_pages_make_as_many_queries_for_many_items_as_for_few(
    graduate, graduate_client
):
    profile = graduate.graduate_profile

    def add(count: int) -> None:
        for posting in factories.JobPostingFactory.create_batch(count):
            saved_job_add(graduate=profile, posting=posting)
            saved_search_create(graduate=profile, params={"q": posting.title})

    add(2)
    for url in (SAVED, ALERTS):
        graduate_client.get(url)  # the first fills what is kept (the nav's unread figure)
    few = {url: queries_of(lambda url=url: graduate_client.get(url))[0] for url in (SAVED, ALERTS)}
    add(8)
    many = {url: queries_of(lambda url=url: graduate_client.get(url))[0] for url in (SAVED, ALERTS)}
    assert many == few
