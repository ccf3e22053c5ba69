"""API clients for each persona, authenticated with real personal tokens (Bearer)."""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.token_services import api_token_create

ClientFor = Callable[[User | None], APIClient]


@pytest.fixture
def api_client_for(db: None) -> ClientFor:
    """An APIClient sending a fresh token of `user` (or no credentials for None)."""

    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            key = api_token_create(user=user, name=f"test {user.pk}").key
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return client

    return make


@pytest.fixture
def anon_api() -> APIClient:
    return APIClient()


@pytest.fixture
def graduate_api(api_client_for: ClientFor, graduate: User) -> APIClient:
    return api_client_for(graduate)


@pytest.fixture
def other_graduate_api(api_client_for: ClientFor, other_graduate: User) -> APIClient:
    return api_client_for(other_graduate)


@pytest.fixture
def employer_api(api_client_for: ClientFor, employer: User) -> APIClient:
    return api_client_for(employer)


@pytest.fixture
def other_employer_api(api_client_for: ClientFor, other_employer: User) -> APIClient:
    return api_client_for(other_employer)


@pytest.fixture
def unverified_employer_api(api_client_for: ClientFor, unverified_employer: User) -> APIClient:
    return api_client_for(unverified_employer)


@pytest.fixture
def staff_api(api_client_for: ClientFor, staff: User) -> APIClient:
    return api_client_for(staff)


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> Any:
    """CVs go to a per-test folder, never to the project's media directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def persona_api(
    api_client_for: ClientFor, request: pytest.FixtureRequest
) -> Callable[[str], APIClient]:
    """A client for a persona fixture named by a string ("anonymous" for no credentials)."""

    def make(name: str) -> APIClient:
        if name == "anonymous":
            return APIClient()
        return api_client_for(request.getfixturevalue(name))

    return make
