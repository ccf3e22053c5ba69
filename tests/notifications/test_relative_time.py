"""Relative times read "just now" for the first minute, never "0 minutes"."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from notifications.services import notification_create

pytestmark = pytest.mark.django_db


def _ago(when: datetime.datetime) -> str:
    return Template("{% load relative_time %}{{ when|time_ago }}").render(Context({"when": when}))


def test_a_moment_ago_is_just_now_not_zero_minutes():
    now = timezone.now()
    assert _ago(now) == "just now"
    assert _ago(now - datetime.timedelta(seconds=50)) == "just now"
    assert _ago(now - datetime.timedelta(minutes=3)) == "3\xa0minutes ago"
    assert _ago(now + datetime.timedelta(days=2, minutes=1)) == "in 2\xa0days"


def test_just_now_is_translated():
    with translation.override("ko"):
        assert _ago(timezone.now()) != "just now"


def test_a_fresh_notification_says_just_now(graduate_client, graduate):
    notification_create(
        user=graduate,
        kind="application_moved",
        key="fresh",
        params={"posting_title": "Line engineer", "company": "ACME", "status": "interview"},
    )
    html = graduate_client.get(reverse("notifications:list")).content.decode()
    assert "just now" in html
    assert "0\xa0minutes" not in html
