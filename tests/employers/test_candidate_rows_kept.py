"""A posting's ranked candidates are rendered once and kept (core.fragments): a second visit
explains nobody again, and anything a row shows (the candidate's skills, name, the language)
is shown at once when it changes."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from profiles.services import graduate_skills_set

pytestmark = pytest.mark.django_db


def _rows(page) -> dict[int, str]:
    assert page.status_code == 200
    return {candidate.graduate.pk: str(row) for candidate, row in page.context["rows"]}


@pytest.fixture
def ranked(employer_client, posting, fitting_graduates, run_matching):
    run_matching()
    return employer_client, reverse("employer:candidate_list", args=[posting.pk])


@pytest.fixture
def explained(monkeypatch):
    """How many candidates the list explains (and renders) on each visit."""
    from portal.employer import candidates as view

    counted: list[int] = []
    explain = view.explanations_for

    def counting(*, graduate_ids, posting_ids, **kwargs):
        counted.append(len(graduate_ids))
        return explain(graduate_ids=graduate_ids, posting_ids=posting_ids, **kwargs)

    monkeypatch.setattr(view, "explanations_for", counting)
    return counted


def test_a_second_visit_shows_the_same_rows_without_explaining_anyone(
    ranked, fitting_graduates, explained
):
    client, url = ranked
    first = _rows(client.get(url))
    assert explained == [2]
    again = _rows(client.get(url))
    assert again == first
    assert explained == [2]  # nothing explained again
    filtered = _rows(client.get(url, {"nationality": "ID"}))
    assert filtered == {fitting_graduates[1].pk: first[fitting_graduates[1].pk]}
    assert explained == [2]


def test_a_candidates_new_skill_is_shown_at_once(
    ranked, posting, fitting_graduates, explained, django_capture_on_commit_callbacks
):
    client, url = ranked
    _best, partial = fitting_graduates
    before = _rows(client.get(url))[partial.pk]
    assert "missing, level" in before
    levels = {row.skill_id: 4 for row in posting.skills.all()}
    with django_capture_on_commit_callbacks(execute=True):
        graduate_skills_set(profile=partial, levels=levels)
    after = _rows(client.get(url))[partial.pk]
    assert "missing, level" not in after
    assert "No skill gaps." in after
    assert explained[-1] == 1  # only the changed candidate is explained again


def test_a_new_name_and_headline_are_shown_at_once(ranked, fitting_graduates):
    client, url = ranked
    best, _partial = fitting_graduates
    assert best.user.get_full_name() in _rows(client.get(url))[best.pk]
    best.user.full_name = "Nguyen Thi Renamed"
    best.user.save()
    best.headline = "Etch engineer, now with plasma experience"
    best.save()
    row = _rows(client.get(url))[best.pk]
    assert "Nguyen Thi Renamed" in row
    assert "now with plasma experience" in row


def test_each_language_has_its_own_rows(ranked, employer, fitting_graduates):
    client, url = ranked
    english = _rows(client.get(url))
    korean_client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    korean_client.force_login(employer)
    korean = _rows(korean_client.get(url))
    assert english.keys() == korean.keys()
    for graduate_id, row in korean.items():
        assert row != english[graduate_id]
        assert "Fit to your posting" not in row
    assert _rows(client.get(url)) == english


def test_without_the_shared_cache_every_row_is_rendered(ranked, explained, monkeypatch):
    """Redis down is a miss to the site (django-redis ignores its errors): nothing is read and
    nothing kept, and each row is rendered as if nothing ever was."""
    client, url = ranked
    expected = _rows(client.get(url))
    monkeypatch.setattr(cache, "get_many", lambda *args, **kwargs: {})
    monkeypatch.setattr(cache, "get", lambda key, default=None, **kwargs: default)
    for name in ("set_many", "set", "add"):
        monkeypatch.setattr(cache, name, lambda *args, **kwargs: None)
    assert _rows(client.get(url)) == expected
    assert _rows(client.get(url)) == expected
    assert explained == [2, 2, 2]
