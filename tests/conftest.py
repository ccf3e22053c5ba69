"""Shared fixtures: personas, service detection and a real Celery worker.

Tests marked `services` need PostgreSQL and Redis. Without them they are skipped locally, but
with REQUIRE_SERVICES=1 (set by .ci/run) a missing service fails the test instead.
"""

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import Role, User
from config.celery import app as celery_app
from tests import a11y, factories
from tests import live_server as gated_live_server

# Shared fixtures kept beside what they serve: a partner's webhook receiver, the real visa rules.
pytest_plugins = ["tests.webhooks.receiver", "tests.visa_rules"]

ROOT = Path(__file__).resolve().parent.parent
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

gated_live_server.install()


def pytest_configure(config: pytest.Config) -> None:
    # Tests create thousands of users: hash their passwords with a fast hasher. Production keeps
    # Django's PBKDF2 (about 0.2 s a password here, which is the point of it).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _services_missing() -> str | None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "DATABASE_URL does not point at PostgreSQL"
    if not settings.REDIS_URL:
        return "REDIS_URL is not set"
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis at {settings.REDIS_URL} does not answer: {exc}"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that commits (transaction=True) must also restore the database as it found it
    (serialized_rollback=True): without it, the flush after it re-creates the staff groups that
    the next restoring test then loads again, and that test fails on a duplicate group."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: django_db(transaction=True) needs serialized_rollback=True"
            )


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("services") is None:
        return
    missing = _services_missing()
    if missing is None:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"service-backed test cannot run: {missing}", pytrace=False)
    pytest.skip(f"needs PostgreSQL and Redis: {missing}")


@pytest.fixture(autouse=True)
def _tasks_in_process(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tasks run in-process unless a test asks for the real worker."""
    if "celery_worker_process" in request.fixturenames:
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """A request in another language leaves it active in the test's thread (LocaleMiddleware
    and the account's language activate it); the next test starts in English again."""
    yield
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Empty caches around each test: Django's (the shared one and the answers kept per
    process), and the per-process visa rules snapshot (matching reads it on every run, so one
    test's rules would otherwise leak into the next), and the taxonomy kept per process."""
    from django.core.cache import caches

    from skills.selectors import taxonomy_snapshot_clear
    from visas.selectors import rules_snapshot_cache_clear

    for each in caches.all():
        each.clear()
    rules_snapshot_cache_clear()
    taxonomy_snapshot_clear()
    yield
    for each in caches.all():
        each.clear()
    rules_snapshot_cache_clear()
    taxonomy_snapshot_clear()


@pytest.fixture(scope="session")
def celery_worker_process(
    django_db_setup: None, django_db_blocker: object
) -> Iterator[subprocess.Popen[bytes]]:
    """A real `celery worker` process (prefork pool) on Redis, using the test database."""
    missing = _services_missing()
    if missing is not None:
        if REQUIRE_SERVICES:
            pytest.fail(f"cannot start a Celery worker: {missing}", pytrace=False)
        pytest.skip(f"needs PostgreSQL and Redis: {missing}")
    from django.db import connection

    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "DATABASE_CONN_MAX_AGE": "0",
        "MATCHING_BLOCK_SIZE": "5",  # several blocks per run, so runs fan out as in production
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_ENV": "test",
    }
    celery_app.control.purge()
    log = (ROOT / "test-artifacts").joinpath("celery-worker.log")
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "config", "worker",
                "-Q", "default,matching,notifications", "--pool", "prefork", "-c", "1",
                "-n", "pytest-worker@%h", "--without-gossip", "--without-mingle", "-l", "INFO",
            ],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"Celery worker exited early; see {log}", pytrace=False)
        if celery_app.control.ping(timeout=1.0):
            break
    else:
        worker.kill()
        pytest.fail(f"Celery worker did not answer a ping within 60 s; see {log}", pytrace=False)
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


# --- personas ------------------------------------------------------------------------------


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def graduate(db: None) -> User:
    return factories.GraduateProfileFactory().user


@pytest.fixture
def other_graduate(db: None) -> User:
    return factories.GraduateProfileFactory(nationality="ID").user


@pytest.fixture
def employer(db: None) -> User:
    return factories.EmployerMemberFactory().user


@pytest.fixture
def other_employer(db: None) -> User:
    return factories.EmployerMemberFactory().user


@pytest.fixture
def unverified_employer(db: None) -> User:
    return factories.EmployerMemberFactory(employer__unverified=True).user


@pytest.fixture
def staff(db: None) -> User:
    """A staff account with its second sign-in step (an authenticator app) set up, as staff
    power needs (accounts.permissions); `staff.totp_secret` makes its codes."""
    return factories.StaffFactory()


@pytest.fixture
def outsider(db: None) -> User:
    """Signed in, but a graduate with no profile data and no relation to anything."""
    return factories.UserFactory(role=Role.GRADUATE)


@pytest.fixture
def graduate_client(graduate: User) -> Client:
    return _client_for(graduate)


@pytest.fixture
def employer_client(employer: User) -> Client:
    return _client_for(employer)


@pytest.fixture
def staff_client(staff: User) -> Client:
    return _client_for(staff)


# --- browser -------------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium(django_db_setup: None) -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never `playwright install`)."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
        if REQUIRE_SERVICES:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between page actions are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # The test database's snapshot of what migrations loaded (for serialized rollback) hangs on
    # the connection object; Django keeps connections per context, and once Playwright's loop
    # runs the tests see fresh connection objects without it.
    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot  # type: ignore[attr-defined]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def browser_page(
    chromium: object,
    live_server: object,
    django_db_serialized_rollback: None,
    request: pytest.FixtureRequest,
) -> Iterator[object]:
    """A fresh browser context on the live test server; `page.shot(name)` saves a screenshot to
    test-artifacts/screenshots/ (kept by CI, not committed).

    The live server needs a transactional database, emptied after the test; serialized rollback
    (asked for here, so every browser test has it) puts back what migrations loaded (fields of
    study) for the tests that follow."""
    # Every context of the test (a test may open more, for a second person) reports what the
    # Content-Security-Policy blocked; the test fails on any of it.
    blocked: list[str] = []
    visited: set[str] = set()
    opened_contexts: list[object] = []
    new_context = chromium.new_context  # type: ignore[attr-defined]

    def watched_context(**options: object) -> object:
        created = new_context(**options)
        opened_contexts.append(created)
        created.on("console", lambda message: _note_csp(message, blocked))
        opened = created.new_page

        def watched_page() -> object:
            return _axe_watched(opened(), visited)

        created.new_page = watched_page
        return created

    chromium.new_context = watched_context  # type: ignore[attr-defined]
    context = chromium.new_context(  # type: ignore[attr-defined]
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    shots = ROOT / "test-artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

    page.shot = shot
    yield page
    failed = getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed
    if failed:
        shot(f"FAILED-{request.node.name}")
    else:  # the page the test ends on, then every page it went through
        a11y.axe_check(page)
    for opened_context in opened_contexts:  # a failed test may leave a second person's open
        opened_context.close()  # type: ignore[attr-defined]
    chromium.new_context = new_context  # type: ignore[attr-defined]
    # What the page still asked for ends before the database is emptied (tests/live_server.py).
    assert gated_live_server.wait_idle(live_server), "the live server is still answering"
    assert blocked == [], f"the Content-Security-Policy blocked: {blocked}"
    unchecked = sorted(key for key in visited if not a11y.was_checked(key))
    assert failed or not unchecked, (
        f"pages visited but not checked with axe: {unchecked}; call tests.a11y.axe_check(page) "
        "on a page reached by a click or a form (page.goto and expect_navigation check by "
        "themselves)"
    )


def _axe_watched(page: object, visited: set[str]) -> object:
    """The page, checked with axe after each `goto` and `expect_navigation`; every page it
    loads is noted, for the fixture to make sure each was checked."""
    goto, expect_navigation = page.goto, page.expect_navigation  # type: ignore[attr-defined]

    def checked_goto(*args: object, **kwargs: object) -> object:
        response = goto(*args, **kwargs)
        a11y.axe_check(page)
        return response

    @contextlib.contextmanager
    def checked_navigation(*args: object, **kwargs: object) -> Iterator[object]:
        with expect_navigation(*args, **kwargs) as navigation:
            yield navigation
        a11y.axe_check(page)

    page.goto = checked_goto  # type: ignore[attr-defined]
    page.expect_navigation = checked_navigation  # type: ignore[attr-defined]
    page.on("load", lambda loaded: visited.add(a11y.page_key(loaded.url)))  # type: ignore[attr-defined]
    return page


def _note_csp(message: object, blocked: list[str]) -> None:
    text = str(getattr(message, "text", ""))
    if "Content Security Policy" in text or "Content-Security-Policy" in text:
        where = (getattr(message, "location", None) or {}).get("url", "")
        blocked.append(f"{where}: {text[:160]}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[object]:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
