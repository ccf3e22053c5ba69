"""A graduate's visa facts kept in the shared cache for the pages that show visa answers: the
facts the rows give, read again once an edit of the profile, a degree or a job commits."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from matching.selectors import graduate_facts, graduate_facts_kept, person_facts_kept
from profiles.models import (
    EducationRecord,
    GraduateProfile,
)
from profiles.selectors import graduate_profile_for_user
from profiles.services import education_record_save, graduate_basics_update
from tests import factories
from tests.matching.personas import varied_graduates
from visas.rules import RuleInputError
from visas.selectors import person_facts_for_graduate

pytestmark = pytest.mark.django_db


def _fresh(profile: GraduateProfile) -> GraduateProfile:
    return GraduateProfile.objects.get(pk=profile.pk)


def _fresh_without_query(profile: GraduateProfile) -> GraduateProfile:
    """The profile as a page has it, built here so that reading it asks nothing."""
    return GraduateProfile(pk=profile.pk, nationality=profile.nationality, user_id=profile.user_id)


@pytest.fixture
def graduate():
    profile = factories.GraduateProfileFactory(nationality="VN")
    factories.EducationRecordFactory(profile=profile, level="bachelor", graduation_year=2023)
    return _fresh(profile)


def test_kept_facts_are_the_rows_and_a_second_read_asks_the_database_nothing(
    graduate, django_assert_num_queries
):
    assert person_facts_kept(profile=graduate) == person_facts_for_graduate(profile=graduate)
    with django_assert_num_queries(0):
        assert person_facts_kept(profile=_fresh_without_query(graduate)).education_level == (
            "bachelor"
        )


def test_a_committed_degree_or_basics_edit_is_read_again(
    graduate, django_capture_on_commit_callbacks
):
    assert person_facts_kept(profile=graduate).education_level == "bachelor"
    with django_capture_on_commit_callbacks(execute=True):
        education_record_save(
            profile=graduate,
            record=EducationRecord(
                profile=graduate, level="master", institution="KAIST", country="KR",
                field_of_study=graduate.education.first().field_of_study, graduation_year=2025,
            ),
        )  # fmt: skip
    assert person_facts_kept(profile=_fresh(graduate)).education_level == "master"
    with django_capture_on_commit_callbacks(execute=True):
        graduate_basics_update(profile=graduate, full_name="Lan Nguyen", nationality="TH")
    assert person_facts_kept(profile=_fresh(graduate)).nationality == "TH"


def test_the_editing_transaction_reads_its_own_rows_and_keeps_nothing(
    graduate, django_capture_on_commit_callbacks, monkeypatch
):
    person_facts_kept(profile=graduate)
    kept: list[object] = []
    set_many = cache.set_many
    monkeypatch.setattr(
        cache, "set_many", lambda data, *a, **k: kept.append(data) or set_many(data, *a, **k)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        graduate_basics_update(profile=graduate, full_name="Lan Nguyen", nationality="TH")
    assert person_facts_kept(profile=_fresh(graduate)).nationality == "TH"
    assert kept == []
    for callback in callbacks:
        callback()
    connection.run_on_commit = []
    assert person_facts_kept(profile=_fresh(graduate)).nationality == "TH"
    assert kept


def test_a_profile_without_nationality_is_refused_and_that_is_kept_too(
    django_assert_num_queries,
):
    profile = _fresh(factories.GraduateProfileFactory(nationality=""))
    with pytest.raises(RuleInputError) as first:
        person_facts_kept(profile=profile)
    with django_assert_num_queries(0), pytest.raises(RuleInputError) as kept:
        person_facts_kept(profile=profile)
    assert kept.value.errors == first.value.errors
    assert "nationality" in kept.value.errors


def test_without_the_cache_the_rows_are_read(graduate, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    person_facts_kept(profile=graduate)
    EducationRecord.objects.filter(profile=graduate).update(level="master")  # no announcement
    assert person_facts_kept(profile=_fresh(graduate)).education_level == "master"


def test_a_degree_edited_or_deleted_in_the_admin_is_read_again(
    graduate, staff_client, django_capture_on_commit_callbacks
):
    """The admin writes the rows directly: its pages for a profile's parts announce the change
    as the services do."""
    record = graduate.education.get()
    person_facts_kept(profile=graduate)
    url = reverse("admin:profiles_educationrecord_change", args=[record.pk])
    form = {
        "profile": graduate.pk, "level": "master", "field_of_study": record.field_of_study_id,
        "institution": record.institution, "country": "VN", "graduation_year": 2024,
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert person_facts_kept(profile=_fresh(graduate)).education_level == "master"
    delete = reverse("admin:profiles_educationrecord_delete", args=[record.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(delete, {"post": "yes"})
    assert person_facts_kept(profile=_fresh(graduate)).education_level == ""


def test_visa_facts_and_matching_facts_come_from_one_read_either_way_round(
    django_assert_num_queries,
):
    """A job page shows the visa box and how the graduate matches; /visas/mine/ then the
    dashboard: whichever asks first reads the rows, the other finds them kept."""
    first, second = (_fresh(factories.GraduateProfileFactory(nationality="ID")) for _ in "ab")
    expected_facts = graduate_facts(ids=[first.pk])
    expected_person = person_facts_for_graduate(profile=second)
    person_facts_kept(profile=first)
    with django_assert_num_queries(0):
        assert graduate_facts_kept(ids=[first.pk]) == expected_facts
    graduate_facts_kept(ids=[second.pk])
    with django_assert_num_queries(0):
        assert person_facts_kept(profile=second) == expected_person


def test_visa_facts_read_with_the_matching_facts_are_the_profiles_for_varied_graduates():
    """Graduates of every kind of history (tests.matching.personas): the facts kept with their
    matching facts equal `person_facts_for_graduate` on the profile with its rows."""
    profiles = varied_graduates(40, seed=19)
    cache.clear()
    for profile in profiles:
        full = graduate_profile_for_user(user=profile.user)
        try:
            expected = person_facts_for_graduate(profile=full)
        except RuleInputError:
            with pytest.raises(RuleInputError):
                person_facts_kept(profile=_fresh(profile))
            continue
        assert person_facts_kept(profile=_fresh(profile)) == expected, profile.pk
