"""A NUL character in any input gets a clear 400, never a database error, on pages and the API."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_api_body_with_a_nul_gets_the_apis_error_shape(graduate_client: Client) -> None:
    response = graduate_client.post(
        "/api/v1/graduate/education/",
        data=json.dumps({"field_of_study": "07\u00001", "level": "bachelor"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error" and "NUL" in error["message"]


def test_a_form_field_with_a_nul_is_refused(graduate_client: Client) -> None:
    response = graduate_client.post(
        "/api/v1/graduate/education/", data={"field_of_study": "07\x001", "level": "bachelor"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url", ["/skills/autocomplete/?q=ab%00c", "/jobs/?q=%00", "/api/v1/skills/?q=%00"]
)
def test_a_search_with_a_nul_is_refused_not_a_server_error(client: Client, url: str) -> None:
    assert client.get(url).status_code == 400


def test_ordinary_input_passes(client: Client) -> None:
    assert client.get("/skills/autocomplete/?q=etch").status_code == 200
