"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    prefixes = ("DJANGO_", "DATABASE_", "REDIS_", "CELERY_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = _manage("check", DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="talentbridge.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = _manage("check", DJANGO_ENV="production", DJANGO_SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_an_unknown_environment_name_is_refused():
    result = _manage("check", DJANGO_ENV="prod")
    assert result.returncode != 0
    assert "DJANGO_ENV" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="a-production-secret-that-is-long-and-random-0123456789-abcdefghij",
        DJANGO_ALLOWED_HOSTS="talentbridge.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_environment_it_runs_on_sqlite_with_tasks_in_process():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True"]


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://postgres@127.0.0.1:5432/talentbridge", "django.db.backends.postgresql"),
        ("sqlite:////tmp/other.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_url_chooses_the_database(url: str, engine: str):
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])",
        DATABASE_URL=url,
    )
    assert result.stdout.strip() == engine, result.stderr


def test_redis_url_switches_cache_and_broker_to_redis():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, "
        "s.CACHES['answers']['BACKEND'])",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.split() == [
        "django_redis.cache.RedisCache",
        "redis://127.0.0.1:6379/3",
        "False",
        # visa answers stay in the process: anyone's new question must not fill the broker
        "django.core.cache.backends.locmem.LocMemCache",
    ], result.stderr


def test_every_security_setting_reaches_the_settings():
    """settings.py star-imports config.security: a setting missing from its __all__ would be
    silently ignored (the audit log, the retention periods)."""
    from config import security

    imported = {"NONE", "SELF"}  # from csp.constants
    defined = {name for name in vars(security) if name.isupper()} - imported
    assert defined == set(security.__all__)


def test_production_static_files_collect(tmp_path: Path):
    """What the Docker image runs: every file is hashed and compressed, and every file a
    stylesheet or script names (fonts, a source map) is there."""
    result = _manage(
        "collectstatic",
        "--noinput",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="a-production-secret-that-is-long-and-random-0123456789-abcdefghij",
        DJANGO_ALLOWED_HOSTS="talentbridge.example",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/chartjs/chart.umd.min.js" in manifest and "css/site.css" in manifest
