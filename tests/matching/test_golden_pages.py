"""The golden set's staff pages: who may open them, that they show no score, and saving grades."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from matching.models import GoldenGrade
from matching.services import golden_grade_record
from tests import factories
from tests.matching.golden_world import golden_world, quick_user, staff_grader

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return golden_world(ranked=6, sharing=2)


@pytest.fixture
def grader():
    return staff_grader("Kim Ji-won")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _grading_url(world) -> str:
    return reverse("staff:golden_grading", args=[world.posting.pk])


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER])
def test_the_pages_are_staff_only(world, role) -> None:
    client = _client(quick_user(role))
    assert client.get(reverse("staff:golden_postings")).status_code == 403
    assert client.get(_grading_url(world)).status_code == 403
    assert client.post(_grading_url(world), {}).status_code == 403
    anonymous = Client().get(_grading_url(world))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_list_shows_open_postings_with_their_progress(world, grader) -> None:
    golden_grade_record(posting=world.posting, graduate=world.ranked[0], grader=grader, grade=2)
    draft = factories.JobPostingFactory(title="Unpublished role", status="draft", published_at=None)
    response = _client(grader).get(reverse("staff:golden_postings"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Etch process engineer" in body and "Kim Ji-won" in body
    assert "1 of 8" in body  # six ranked and two sharing a skill
    assert draft.title not in body


def test_the_grading_page_shows_facts_and_no_score_rank_or_explanation(world, grader) -> None:
    factories.EducationRecordFactory(profile=world.ranked[0], programme="B.Eng. Electronics")
    response = _client(grader).get(_grading_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert "B.Eng. Electronics" in body and "Dry etching" in body and "TOPIK 3" in body
    assert body.count('type="radio"') == 4 * 8
    for label in ("Reject", "Hold", "Consider", "Interview first"):
        assert label in body
    for hint in ("%", "score", "Score", "rank", "Rank", "match", "Match"):
        assert hint not in _main(body), hint
    assert world.stranger.user.get_full_name() not in body
    assert world.hidden.user.get_full_name() not in body


def _main(body: str) -> str:
    """The page's main content, without the site's header and footer."""
    return body.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_saving_grades_records_them_and_shows_who_and_when(world, grader) -> None:
    client = _client(grader)
    first, second = world.ranked[0], world.sharing[0]
    response = client.post(
        _grading_url(world),
        {f"grade_{first.pk}": "3", f"note_{first.pk}": "strong etch", f"grade_{second.pk}": "0"},
        follow=True,
    )
    assert response.status_code == 200
    grades = {g.graduate_id: g for g in GoldenGrade.objects.all()}
    assert (grades[first.pk].grade, grades[first.pk].note) == (3, "strong etch")
    assert grades[second.pk].grade == 0 and grades[second.pk].grader == grader
    body = response.content.decode()
    assert "2 grades saved." in body
    assert "Saved: Interview first, graded by Kim Ji-won" in body
    assert "Saved: Reject, graded by Kim Ji-won" in body


def test_an_error_saves_nothing_and_keeps_what_was_entered(world, grader) -> None:
    first, second = world.ranked[0], world.ranked[1]
    response = _client(grader).post(
        _grading_url(world),
        {
            f"grade_{first.pk}": "2",
            f"note_{first.pk}": "keep me",
            f"grade_{second.pk}": "7",
            f"note_{world.ranked[2].pk}": "a note without a grade",
        },
    )
    assert response.status_code == 400
    assert not GoldenGrade.objects.exists()
    body = response.content.decode()
    assert "Nothing was saved." in body
    assert "Select a valid choice." in body
    assert "Choose a grade for this note" in body
    assert 'value="keep me"' in body and "a note without a grade" in body
    assert f'name="grade_{first.pk}" value="2"' in body
    checked = body.split(f'name="grade_{first.pk}" value="2"', 1)[1].split(">", 1)[0]
    assert "checked" in checked


def test_an_unknown_posting_is_404(grader) -> None:
    assert _client(grader).get(reverse("staff:golden_grading", args=[999_999])).status_code == 404


def test_a_posting_without_candidates_shows_the_empty_state(grader) -> None:
    posting = factories.JobPostingFactory(title="Lonely role")
    response = _client(grader).get(reverse("staff:golden_grading", args=[posting.pk]))
    assert "No candidates to grade yet" in response.content.decode()


def test_the_admin_lists_grades_filtered_by_source_and_grader(world, grader) -> None:
    golden_grade_record(posting=world.posting, graduate=world.ranked[0], grader=grader, grade=2)
    admin = quick_user(Role.STAFF, is_staff=True, is_superuser=True)
    client = _client(admin)
    url = reverse("admin:matching_goldengrade_changelist")
    shown = client.get(url, {"source__exact": "recruiter", "grader__id__exact": grader.pk})
    assert shown.status_code == 200 and "Consider" in shown.content.decode()
    none = client.get(url, {"source__exact": "developers-seed"})
    assert "0 golden grades" in none.content.decode()
    change = reverse("admin:matching_goldengrade_change", args=[GoldenGrade.objects.get().pk])
    assert client.get(change).status_code == 200  # read-only, but readable
