"""A served process warms itself as it starts (config.warmup): templates compiled, URLs built,
what each process keeps read; whatever it cannot do (no database yet) waits for first use."""

import logging
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.template import engines

from config import warmup


def test_every_site_template_is_compiled_and_kept_before_a_request():
    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    loader.reset()
    site = Path(settings.TEMPLATES[0]["DIRS"][0])
    assert warmup.process_warm() == len(list(site.rglob("*.html"))) > 100
    assert len(loader.get_template_cache) >= len(list(site.rglob("*.html")))


def test_without_a_database_the_process_still_warms_what_needs_none(caplog):
    """No django_db mark: any query fails here, as it would with the database not up yet."""
    with caplog.at_level(logging.WARNING, logger="config.warmup"):
        assert warmup.process_warm() > 100
    assert "read on first use" in caplog.text


def test_a_failure_leaves_the_process_to_warm_on_first_use(monkeypatch, caplog):
    def broken() -> None:
        raise OSError("static files missing")

    monkeypatch.setattr(warmup, "pieces", broken)
    with caplog.at_level(logging.WARNING, logger="config.warmup"):
        assert warmup.process_warm() == 0
    assert "warm it on first use" in caplog.text


def test_a_served_process_leaves_what_it_holds_after_warming_out_of_full_collections():
    """config.wsgi freezes what the process holds once warm (gc.freeze): the collector's full
    passes then walk only what requests left behind, not the whole of Django and the site."""
    script = "import gc, config.wsgi; print(gc.get_freeze_count())"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 100_000
