"""Sending the catalogue's requests with locust: sessions, tokens, CSRF, and the role scenarios.

Importing this module imports locust, which patches the standard library for gevent: only the
load test's own process does it (`python -m loadtest`, or `locust -f loadtest/locustfile.py`).
"""

import json
import os
import secrets
import string
from random import Random
from typing import Any, ClassVar

from locust import FastHttpUser, constant, task
from locust.env import Environment

from loadtest.pages import ANONYMOUS, EMPLOYER, GRADUATE, PAGES, Fixture, Page, Request

# A CSRF secret of the form Django sets in the cookie; a form may send it back unmasked.
_CSRF = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def fixture_load(path: str) -> Fixture:
    with open(path, encoding="utf-8") as handle:
        fixture: Fixture = json.load(handle)
    return fixture


def _headers(fx: Fixture, request: Request) -> dict[str, str]:
    headers = {"Accept-Encoding": "gzip"}
    if request.role == ANONYMOUS:
        cookies = {}
    else:
        account = fx[request.role + "s"][request.account]
        if request.api:
            headers["Authorization"] = f"Bearer {account['token']}"
            return headers
        cookies = {fx["session_cookie"]: account["session"]}
    if request.method == "POST":
        cookies[fx["csrf_cookie"]] = _CSRF
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return headers


def send(user: FastHttpUser, fx: Fixture, page: Page, rng: Random) -> None:
    """One request for `page`, reported under the page's name. A redirect or an error status
    is a failure, except a POST's redirect (the page after a form): a GET answered with a
    redirect means a session that no longer works."""
    request = page.build(fx, rng)
    data = {**request.form, "csrfmiddlewaretoken": _CSRF} if request.method == "POST" else None
    with user.client.request(
        request.method,
        request.path,
        name=page.name,
        headers=_headers(fx, request),
        data=data,
        allow_redirects=False,
        catch_response=True,
    ) as response:
        ok = response.status_code < 300 or (request.method == "POST" and response.status_code < 400)
        if not ok:
            response.failure(f"HTTP {response.status_code} for {request.method} {request.path}")


class _Role(FastHttpUser):
    """A user of one role asking for the role's pages at their weights, with no pause."""

    abstract = True
    wait_time = constant(0)
    fixture: ClassVar[Fixture] = {}
    roles: ClassVar[tuple[str, ...]] = ()
    api_only: ClassVar[bool] = False

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        self.rng = Random(os.urandom(8))
        pages = [
            page
            for page in PAGES
            if page.role in self.roles
            and page.weight
            and page.name.startswith("api-") == self.api_only
        ]
        self.pages = [page for page in pages for _ in range(page.weight)]

    @task
    def browse(self) -> None:
        send(self, self.fixture, self.pages[self.rng.randrange(len(self.pages))], self.rng)


class Visitor(_Role):
    """Someone not signed in: the home page, job search and pages, companies, training, visas."""

    weight = 4
    roles = (ANONYMOUS,)


class Graduate(_Role):
    """A signed-in graduate: dashboard, matches, job pages, visas, applying, saving jobs."""

    weight = 4
    roles = (GRADUATE,)


class Employer(_Role):
    """A signed-in employer member: dashboard, postings, ranked candidates, the pipeline."""

    weight = 2
    roles = (EMPLOYER,)


class ApiClient(_Role):
    """A partner's program with a personal token, and public API readers."""

    weight = 1
    roles = (ANONYMOUS, GRADUATE, EMPLOYER)
    api_only = True


ROLE_USERS: tuple[type[_Role], ...] = (Visitor, Graduate, Employer, ApiClient)


def page_user(page: Page, fx: Fixture) -> type[FastHttpUser]:
    """A user class asking for `page` only, as fast as the site answers."""

    class One(FastHttpUser):
        wait_time = constant(0)

        def __init__(self, environment: Environment) -> None:
            super().__init__(environment)
            self.rng = Random(os.urandom(8))

        @task
        def ask(self) -> None:
            send(self, fx, page, self.rng)

    One.__name__ = f"Page_{page.name}"
    return One


def roles_with(fx: Fixture) -> list[type[FastHttpUser]]:
    """The role scenarios bound to a fixture."""
    bound: list[type[FastHttpUser]] = []
    for role in ROLE_USERS:
        attrs: dict[str, Any] = {"fixture": fx, "__module__": __name__}
        bound.append(type(role.__name__, (role,), attrs))
    return bound
