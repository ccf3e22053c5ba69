import pytest
from django.test import Client

from config.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_component_up(client: Client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["components"]) == {"database", "cache", "broker"}
    assert all(part["ok"] for part in body["components"].values())


def test_healthz_names_the_broker_when_it_is_down(client: Client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Nothing listens on port 1: the connection is refused at once.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert body["down"] == ["broker"]
    assert body["components"]["database"]["ok"] is True


def test_healthz_names_the_cache_when_it_is_down(client: Client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "cache" in response.json()["down"]


def test_healthz_is_not_cached(client: Client):
    response = client.get("/healthz")
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_healthz_on_the_real_services_reports_postgresql_and_redis(client: Client, settings):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["components"]["database"]["detail"] == "postgresql"
    assert body["components"]["cache"]["detail"] == "RedisCache"
    assert body["components"]["broker"]["detail"] == "redis"
