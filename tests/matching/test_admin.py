"""The match-list admin: read-only pages that name both sides of every match."""

import numpy as np
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import ENTRY_DTYPE, GraduateMatchList, MatchRun, PostingMatchList
from tests import factories

pytestmark = pytest.mark.django_db


def _entries(*rows: tuple[int, float, float, float]) -> bytes:
    return np.array(list(rows), dtype=ENTRY_DTYPE).tobytes()


@pytest.fixture
def run(db: None) -> MatchRun:
    return MatchRun.objects.create(status="succeeded", is_current=True)


@pytest.fixture
def graduate_list(run: MatchRun) -> GraduateMatchList:
    graduate = factories.GraduateProfileFactory(user__full_name="Dalima Uyainah")
    posting = factories.JobPostingFactory(title="EV Powertrain Engineer")
    return GraduateMatchList.objects.create(
        run=run, graduate=graduate, length=1, entries=_entries((posting.pk, 0.9, 0.8, 0.95))
    )


def _change_url(match_list: GraduateMatchList | PostingMatchList) -> str:
    name = match_list._meta.model_name
    return reverse(f"admin:matching_{name}_change", args=[match_list.pk])


def test_graduate_list_page_shows_each_posting_by_title_linked_to_its_page(
    staff_client: Client, graduate_list
):
    posting_id = int(graduate_list.decoded()[0]["id"])

    html = staff_client.get(_change_url(graduate_list)).content.decode()

    assert "EV Powertrain Engineer" in html
    assert reverse("admin:jobs_jobposting_change", args=[posting_id]) in html
    assert "<td>0.900</td><td>0.800</td><td>0.950</td>" in html


def test_match_list_pages_say_one_posting_not_one_postings(staff_client: Client, graduate_list):
    html = staff_client.get(_change_url(graduate_list)).content.decode()

    assert "Dalima Uyainah: 1 posting (run " in html
    assert "1 postings" not in html


def test_match_lists_have_no_delete_button_and_cannot_be_deleted(
    staff_client: Client, graduate_list
):
    delete_url = reverse("admin:matching_graduatematchlist_delete", args=[graduate_list.pk])

    html = staff_client.get(_change_url(graduate_list)).content.decode()

    assert delete_url not in html
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert GraduateMatchList.objects.filter(pk=graduate_list.pk).exists()


def test_posting_list_page_names_the_graduates(staff_client: Client, run):
    graduates = [
        factories.GraduateProfileFactory(user__full_name=name) for name in ("Aldrin", "Bui Lan")
    ]
    match_list = PostingMatchList.objects.create(
        run=run,
        posting=factories.JobPostingFactory(),
        length=2,
        entries=_entries(*((g.pk, 0.5, 0.5, 0.5) for g in graduates)),
    )

    html = staff_client.get(_change_url(match_list)).content.decode()

    assert "Bui Lan" in html
    assert reverse("admin:profiles_graduateprofile_change", args=[graduates[1].pk]) in html
    assert ": 2 graduates (run " in html


def test_names_are_read_in_one_query_however_long_the_list(staff_client: Client, run):
    def page_queries(length: int) -> int:
        postings = factories.JobPostingFactory.create_batch(length)
        match_list = GraduateMatchList.objects.create(
            run=run,
            graduate=factories.GraduateProfileFactory(),
            length=length,
            entries=_entries(*((p.pk, 0.5, 0.5, 0.5) for p in postings)),
        )
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(_change_url(match_list)).status_code == 200
        return len(queries)

    assert page_queries(1) == page_queries(8)


def test_an_entry_whose_posting_is_gone_is_shown_as_deleted(staff_client: Client, run):
    match_list = GraduateMatchList.objects.create(
        run=run,
        graduate=factories.GraduateProfileFactory(),
        length=1,
        entries=_entries((999_999, 0.5, 0.5, 0.5)),
    )

    html = staff_client.get(_change_url(match_list)).content.decode()

    assert "#999999 (deleted)" in html


def test_graduate_lists_are_found_by_the_graduates_name(staff_client: Client, graduate_list):
    url = reverse("admin:matching_graduatematchlist_changelist")

    found = staff_client.get(url, {"q": "Uyainah"})
    missed = staff_client.get(url, {"q": "Nobody"})

    assert found.context["cl"].result_count == 1
    assert missed.context["cl"].result_count == 0


def test_the_run_list_keeps_its_start_a_recompute_button(staff_client: Client, run):
    html = staff_client.get(reverse("admin:matching_matchrun_changelist")).content.decode()

    assert "Start a full recompute now" in html
    assert f'action="{reverse("admin:matching_matchrun_run_now")}"' in html


def test_staff_retry_a_failed_run_from_the_list_and_it_finishes(
    staff_client: Client, django_capture_on_commit_callbacks
):
    factories.GraduateSkillFactory()
    failed = MatchRun.objects.create(status="failed", error="start: OperationalError('gone')")
    ok = MatchRun.objects.create(status="succeeded", is_current=True)
    changelist = reverse("admin:matching_matchrun_changelist")
    page = staff_client.get(reverse("admin:matching_matchrun_change", args=[failed.pk]))
    assert "OperationalError(&#x27;gone&#x27;)" in page.content.decode()  # the error is shown

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            changelist,
            {"action": "retry_failed", "_selected_action": [failed.pk, ok.pk]},
            follow=True,
        )

    assert "1 run(s) sent to the workers again; 1 not failed, left alone." in (
        response.content.decode()
    )
    failed.refresh_from_db()
    assert failed.status == "succeeded" and failed.is_current
    assert failed.error.startswith("retried after: start: OperationalError")
