"""The matching facts the pages keep in the shared cache (matching.selectors.kept_facts): the same
facts the rows give, read again once an edit that changes them has committed, and read from the
rows when the cache cannot help."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from employers.models import MemberRole
from employers.services import employer_update
from jobs.services import posting_skills_set
from matching.selectors import (
    graduate_facts,
    graduate_facts_kept,
    posting_facts,
    posting_facts_kept,
)
from profiles.services import graduate_skills_set
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    skills = factories.SkillFactory.create_batch(3)
    graduate = factories.GraduateProfileFactory()
    factories.GraduateSkillFactory(profile=graduate, skill=skills[0], level=3)
    posting = factories.JobPostingFactory()
    factories.PostingSkillFactory(posting=posting, skill=skills[1], min_level=2)
    return graduate, posting, skills


def test_kept_facts_are_the_rows_facts_and_a_second_read_asks_the_database_nothing(
    pair, django_assert_num_queries
):
    graduate, posting, _skills = pair
    assert graduate_facts_kept(ids=[graduate.pk]) == graduate_facts(ids=[graduate.pk])
    assert posting_facts_kept(ids=[posting.pk]) == posting_facts(
        ids=[posting.pk], only_matchable=False
    )
    with django_assert_num_queries(0):
        assert graduate_facts_kept(ids=[graduate.pk])[0].id == graduate.pk
        assert posting_facts_kept(ids=[posting.pk])[0].id == posting.pk


def test_a_graduates_committed_edit_is_read_again(pair, django_capture_on_commit_callbacks):
    graduate, _posting, skills = pair
    assert graduate_facts_kept(ids=[graduate.pk])[0].skills == {skills[0].pk: 3}
    with django_capture_on_commit_callbacks(execute=True):
        graduate_skills_set(profile=graduate, levels={skills[2].pk: 4})
    assert (
        graduate_facts_kept(ids=[graduate.pk])[0].skills
        == graduate_facts(ids=[graduate.pk])[0].skills
    )
    assert skills[2].pk in graduate_facts_kept(ids=[graduate.pk])[0].skills


def test_the_editing_transaction_reads_its_own_rows_and_keeps_nothing_until_the_commit(
    pair, django_capture_on_commit_callbacks, monkeypatch
):
    """Before the commit only this transaction sees the edit: it reads its rows, and keeps
    nothing (a rollback would leave the cache with facts that never were); the version
    changes only after the commit, so other readers keep the old facts until then."""
    graduate, _posting, skills = pair
    graduate_facts_kept(ids=[graduate.pk])
    kept: list[object] = []
    set_many = cache.set_many
    monkeypatch.setattr(
        cache, "set_many", lambda data, *a, **k: kept.append(data) or set_many(data, *a, **k)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        graduate_skills_set(profile=graduate, levels={skills[2].pk: 4})
    assert skills[2].pk in graduate_facts_kept(ids=[graduate.pk])[0].skills
    assert kept == []
    for callback in callbacks:
        callback()
    connection.run_on_commit = []  # committed, as far as the kept facts can tell
    assert skills[2].pk in graduate_facts_kept(ids=[graduate.pk])[0].skills
    assert kept  # read from the rows under the new version, and kept


def test_posting_edits_and_the_companys_are_read_again(pair, django_capture_on_commit_callbacks):
    _graduate, posting, skills = pair
    assert posting_facts_kept(ids=[posting.pk])[0].industry == "semiconductors"
    with django_capture_on_commit_callbacks(execute=True):
        posting_skills_set(posting=posting, skills=[(skills[0].pk, "required", 4, 1.0)])
    assert [s.skill_id for s in posting_facts_kept(ids=[posting.pk])[0].skills] == [skills[0].pk]
    employer = posting.employer
    employer.industry = "batteries"
    owner = factories.EmployerMemberFactory(employer=employer, role=MemberRole.OWNER)
    with django_capture_on_commit_callbacks(execute=True):
        employer_update(employer=employer, by=owner.user)
    assert posting_facts_kept(ids=[posting.pk])[0].industry == "batteries"


def test_a_taxonomy_change_is_a_new_context(
    pair, django_capture_on_commit_callbacks, django_assert_num_queries
):
    graduate, _posting, skills = pair
    kept = graduate_facts_kept(ids=[graduate.pk])
    with django_capture_on_commit_callbacks(execute=True):
        skills[0].name = "Renamed skill"
        skills[0].save()
    with CaptureQueriesContext(connection) as read_again:
        assert graduate_facts_kept(ids=[graduate.pk]) == kept
    # the graduate's rows, not the entry kept under the old taxonomy
    assert any("profiles_graduateskill" in q["sql"] for q in read_again.captured_queries)
    with django_assert_num_queries(0):
        assert graduate_facts_kept(ids=[graduate.pk]) == kept


def test_without_the_cache_the_rows_are_read(pair, monkeypatch):
    graduate, posting, _skills = pair

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get_many", "get", "add", "set_many"):
        monkeypatch.setattr(cache, name, down)
    assert graduate_facts_kept(ids=[graduate.pk]) == graduate_facts(ids=[graduate.pk])
    assert posting_facts_kept(ids=[posting.pk]) == posting_facts(
        ids=[posting.pk], only_matchable=False
    )


def test_missing_ids_are_left_out_and_order_is_by_id(pair):
    graduate, _posting, _skills = pair
    other = factories.GraduateProfileFactory()
    ids = [other.pk, graduate.pk, 10**9]
    assert [f.id for f in graduate_facts_kept(ids=ids)] == sorted([graduate.pk, other.pk])
