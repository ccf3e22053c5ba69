import pytest
from django.urls import reverse

from matching.services import match_run_request
from tests import factories

pytestmark = pytest.mark.django_db


def test_graduate_dashboard_lists_matches_best_first(
    graduate, graduate_client, django_capture_on_commit_callbacks
):
    skill = factories.SkillFactory()
    good = factories.JobPostingFactory(title="Etch process engineer")
    factories.PostingSkillFactory(posting=good, skill=skill, min_level=2)
    weak = factories.JobPostingFactory(title="Deposition engineer")
    factories.PostingSkillFactory(posting=weak, skill=skill, min_level=5)
    factories.PostingSkillFactory(posting=weak, min_level=3)
    factories.GraduateSkillFactory(profile=graduate.graduate_profile, skill=skill, level=3)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    page = graduate_client.get(reverse("graduate:dashboard")).content.decode()
    assert "Etch process engineer" in page and "Deposition engineer" in page
    assert page.index("Etch process engineer") < page.index("Deposition engineer")
    assert "No matches yet" not in page


def test_dashboard_without_a_run_explains_the_empty_state(graduate_client):
    page = graduate_client.get(reverse("graduate:dashboard")).content.decode()
    assert "No matches yet" in page


def test_staff_dashboard_gives_a_graduate_the_403_page(graduate_client):
    response = graduate_client.get(reverse("staff_dashboard"))
    assert response.status_code == 403


def test_employer_dashboard_counts_at_most_k_ranked_candidates(
    employer, employer_client, settings, django_capture_on_commit_callbacks
):
    settings.MATCHING_TOP_K = 2
    skill = factories.SkillFactory()
    posting = factories.JobPostingFactory(employer=employer.employer_membership.employer)
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=1)
    for _ in range(5):
        factories.GraduateSkillFactory(skill=skill, level=3)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    response = employer_client.get(reverse("employer:dashboard"))
    row = next(p for p in response.context["postings"] if p.pk == posting.pk)
    assert row.ranked_candidates == 2


def test_employer_dashboard_counts_zero_candidates_without_a_run(employer, employer_client):
    posting = factories.JobPostingFactory(employer=employer.employer_membership.employer)
    response = employer_client.get(reverse("employer:dashboard"))
    row = next(p for p in response.context["postings"] if p.pk == posting.pk)
    assert row.ranked_candidates == 0
