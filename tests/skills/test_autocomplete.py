import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("skills:autocomplete")


@pytest.fixture
def plc():
    skill = factories.SkillFactory(name="PLC programming", name_ko="PLC 프로그래밍")
    skill.aliases.create(
        alias="Programmable logic controllers", normalised="programmable logic controllers"
    )
    return skill


@pytest.mark.parametrize("query", ["plc", "logic contr", "프로그래밍"])
def test_autocomplete_finds_names_aliases_and_korean_names(client, plc, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert b'value="PLC programming"' in response.content
    assert f'data-skill-id="{plc.pk}"'.encode() in response.content


def test_autocomplete_needs_two_characters_and_escapes_the_query(client, plc):
    assert b"<option" not in client.get(URL, {"q": "p"}).content
    response = client.get(URL, {"q": "<script>"})
    assert response.status_code == 200
    assert b"<script>" not in response.content
