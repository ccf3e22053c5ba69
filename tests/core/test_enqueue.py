"""A broker or cache that is down never fails work that committed: the row is the promise."""

import kombu.exceptions
import pytest
from rest_framework.test import APIClient

from config.celery import app as celery_app
from core.enqueue import send_after_commit, send_now
from matching.models import MatchingChange
from matching.tasks import matching_apply_changes_task
from tests import factories

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused


@pytest.fixture
def broker_down(monkeypatch, settings):
    """Real workers (not in-process), a broker that refuses every message, a cache that is down."""
    sent: list[tuple[str, object]] = []

    def refuse(name, args=None, kwargs=None, **options):
        sent.append((name, tuple(args or ())))
        raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr(celery_app, "send_task", refuse)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield sent
    celery_app.conf.task_always_eager = eager


@pytest.mark.django_db
def test_send_now_says_false_instead_of_raising_when_the_broker_is_down(broker_down, caplog):
    assert send_now(matching_apply_changes_task) is False
    assert broker_down == [("matching.tasks.matching_apply_changes_task", ())]
    assert "a sweep will send it" in caplog.text


@pytest.mark.django_db
def test_send_after_commit_waits_for_the_commit(broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_after_commit(matching_apply_changes_task)
    assert broker_down == [] and len(callbacks) == 1


@pytest.mark.django_db
def test_an_edit_answers_success_when_broker_and_cache_are_down_and_is_applied_later(
    broker_down, django_capture_on_commit_callbacks
):
    profile = factories.GraduateProfileFactory()
    skill = factories.SkillFactory(name="Verilog")
    client = APIClient()
    client.force_authenticate(profile.user)

    with django_capture_on_commit_callbacks(execute=True):
        body = {"skills": [{"skill": "Verilog", "level": 4}]}
        response = client.put("/api/v1/graduate/skills/", body, format="json")

    assert response.status_code == 200, response.content
    assert profile.skills.get().skill == skill  # the edit committed
    assert broker_down  # the apply job could not be sent ...
    change = MatchingChange.objects.get(kind="graduate", entity_id=profile.pk)
    assert change.applied_at is None  # ... but the outbox row waits for the beat sweep
