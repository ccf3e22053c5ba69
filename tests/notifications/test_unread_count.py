"""The nav's unread notifications figure is kept a minute and read again after each change."""

import pytest
from django.core.cache import cache

from notifications.selectors import unread_count, unread_key
from notifications.services import notification_create, notifications_mark_read

pytestmark = pytest.mark.django_db


def _new(user, key: str):  # type: ignore[no-untyped-def]
    return notification_create(user=user, kind="application_moved", key=key, params={})


def test_the_figure_is_kept_and_follows_new_and_read_notifications(
    graduate, django_assert_num_queries, django_capture_on_commit_callbacks
):
    cache.delete(unread_key(graduate.pk))
    with django_capture_on_commit_callbacks(execute=True):
        first = _new(graduate, "one")
    assert unread_count(user=graduate) == 1
    with django_assert_num_queries(0):  # kept
        assert unread_count(user=graduate) == 1

    with django_capture_on_commit_callbacks(execute=True):
        _new(graduate, "two")
        _new(graduate, "two")  # the same key: no new notification
    assert unread_count(user=graduate) == 2

    with django_capture_on_commit_callbacks(execute=True):
        notifications_mark_read(user=graduate, notification_id=first.pk)
    assert unread_count(user=graduate) == 1
    with django_capture_on_commit_callbacks(execute=True):
        notifications_mark_read(user=graduate)
    assert unread_count(user=graduate) == 0


def test_a_change_not_yet_committed_keeps_the_old_figure(
    graduate, django_capture_on_commit_callbacks
):
    cache.delete(unread_key(graduate.pk))
    assert unread_count(user=graduate) == 0
    with django_capture_on_commit_callbacks(execute=False) as pending:
        _new(graduate, "pending")
    assert unread_count(user=graduate) == 0  # nothing forgotten before the commit
    for callback in pending:
        callback()
    assert unread_count(user=graduate) == 1


def test_each_person_has_their_own_figure(graduate, employer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _new(graduate, "theirs")
    assert (unread_count(user=graduate), unread_count(user=employer)) == (1, 0)
