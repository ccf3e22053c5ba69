"""Pages and API answers go out gzip-compressed to clients that accept it, except the pages that
show a secret (BREACH); the compressed page is the same page."""

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_page_is_compressed_for_a_client_that_accepts_gzip():
    plain = Client().get(reverse("jobs:list"))
    packed = Client().get(reverse("jobs:list"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    assert len(packed.content) * 3 < len(plain.content)  # HTML shrinks several times over


def test_api_answers_are_compressed_too():
    for number in range(5):
        factories.JobPostingFactory(title=f"Process engineer {number}")
    response = Client().get("/api/v1/postings/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("name", ["api_tokens", "mfa_index"])
def test_pages_that_show_a_secret_are_never_compressed(graduate_client, name):
    response = graduate_client.get(reverse(name), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200, name
    assert "Content-Encoding" not in response, name
