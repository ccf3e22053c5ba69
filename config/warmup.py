"""What a served process does once as it starts instead of on its first requests: importing
every URLconf and view, building each language's table of URLs and reading its catalogue,
compiling the site's templates, and reading what each process keeps for itself (the visa rules,
the skill taxonomy, the Korean font's pieces, the release stamp of kept page parts).

A new gunicorn worker answered its first page in 0.4 to 0.6 s, and each page's first request in
each worker took 0.1 to 0.4 s more than its next; in a load test's few seconds per page those
were its slowest requests. Now a worker spends about two seconds on this as it starts, before it
takes any request. The database connections it opened are closed at the end, so a process that
forks into workers (gunicorn --preload) hands none of them down.

Warming is best effort: anything it could not do (the database not up yet) is done on first use,
as before."""

import logging
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.template.loader import get_template
from django.urls import get_resolver, reverse
from django.utils import timezone, translation

from core.fragments import release_stamp
from core.hangul_face import pieces
from skills.selectors import taxonomy_snapshot
from visas.selectors import rules_snapshot_cached

logger = logging.getLogger(__name__)


def process_warm() -> int:
    """Warm this process; returns how many templates were compiled."""
    try:
        get_resolver().url_patterns  # noqa: B018 (imports every URLconf, and their views)
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                reverse("home")
        compiled = sum(_compiled(Path(d)) for d in _template_dirs())
        pieces()
        release_stamp()
    except Exception:
        logger.warning("The process could not be warmed; pages warm it on first use", exc_info=True)
        return 0
    try:
        taxonomy_snapshot()
        rules_snapshot_cached(on=timezone.localdate())
    except Exception:
        logger.warning("The rules and the taxonomy are read on first use", exc_info=True)
    finally:
        connections.close_all()
    return compiled


def _template_dirs() -> list[str]:
    return [str(d) for engine in engines.all() for d in getattr(engine, "dirs", [])]


def _compiled(directory: Path) -> int:
    count = 0
    for path in sorted(directory.rglob("*.html")):
        get_template(path.relative_to(directory).as_posix())
        count += 1
    return count
