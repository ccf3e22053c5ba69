"""A page that shows a graduate's profile and explains their matches (the dashboard) reads the
profile's rows once: when the graduate's facts are not kept, they are made from the rows the
page loads to show the profile, and equal the facts the matching read gives."""

import pytest
from django.core.cache import cache

from matching.selectors import graduate_facts_kept, profile_with_rows_and_facts
from matching.selectors.facts import graduate_facts_from_loaded, graduate_facts_with_persons
from profiles.models import GraduateProfile
from profiles.selectors import graduate_profile_for_user
from tests.matching.personas import varied_graduates

pytestmark = pytest.mark.django_db


def test_facts_made_from_the_loaded_rows_equal_the_matching_read_for_varied_graduates():
    for profile in varied_graduates(40, seed=7):
        loaded = graduate_profile_for_user(user=profile.user)
        [expected] = graduate_facts_with_persons(ids=[profile.pk])
        assert graduate_facts_from_loaded(profile=loaded) == expected, profile.pk


def test_facts_not_kept_are_made_from_the_rows_the_page_loads(django_assert_num_queries):
    profile, other = varied_graduates(2, seed=3)
    expected = graduate_facts_with_persons(ids=[profile.pk])[0][0]
    skills = profile.skills.count()
    graduate_facts_kept(ids=[other.pk])  # the visa rules and the taxonomy, read once
    page_has = GraduateProfile.objects.select_related("user").get(pk=profile.pk)
    with django_assert_num_queries(4):  # the profile's columns afresh, its three kinds of rows
        shown = profile_with_rows_and_facts(profile=page_has)
    with django_assert_num_queries(0):
        assert graduate_facts_kept(ids=[profile.pk]) == [expected]
        assert len(shown.skills.all()) == skills


def test_kept_facts_leave_only_the_rows_to_read(django_assert_num_queries):
    profile = varied_graduates(1, seed=4)[0]
    graduate_facts_kept(ids=[profile.pk])
    page_has = GraduateProfile.objects.select_related("user").get(pk=profile.pk)
    with django_assert_num_queries(3):
        profile_with_rows_and_facts(profile=page_has)


def test_facts_are_made_from_columns_read_after_their_version(django_capture_on_commit_callbacks):
    """The page's profile was read before the facts' version: an edit that commits in between
    must not be kept as the facts of the new version."""
    profile = varied_graduates(1, seed=5)[0]
    page_has = GraduateProfile.objects.select_related("user").get(pk=profile.pk)
    edited = (page_has.topik_level + 1) % 7
    GraduateProfile.objects.filter(pk=profile.pk).update(topik_level=edited)  # after the page
    cache.clear()
    profile_with_rows_and_facts(profile=page_has)
    assert graduate_facts_kept(ids=[profile.pk])[0].topik == edited
