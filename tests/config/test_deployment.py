"""The documented deployments consume every queue the tasks are routed to."""

import shlex
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _routed_queues() -> set[str]:
    return {settings.CELERY_TASK_DEFAULT_QUEUE} | {
        route["queue"] for route in settings.CELERY_TASK_ROUTES.values()
    }


def _consumed(commands: list[str]) -> set[str]:
    queues: set[str] = set()
    for command in commands:
        words = shlex.split(command)
        if "celery" in words and "worker" in words:
            queues |= set(words[words.index("-Q") + 1].split(","))
    return queues


def _compose_commands() -> list[str]:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    return [s["command"] for s in services.values() if isinstance(s.get("command"), str)]


def _make_commands() -> list[str]:
    lines = (ROOT / "Makefile").read_text().splitlines()
    return [line.strip().replace("$(BIN)/", "") for line in lines if "celery" in line]


@pytest.mark.parametrize("source", [_compose_commands, _make_commands])
def test_every_routed_queue_has_a_worker(source):
    assert _routed_queues() <= _consumed(source())


def test_the_matching_worker_runs_one_process():
    """Its kernels use every core and each process keeps the live state (README)."""
    matching = [c for c in _compose_commands() if "-Q matching" in c]
    assert matching and all("--concurrency 1" in c for c in matching)
