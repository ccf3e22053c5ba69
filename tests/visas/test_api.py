"""POST /api/v1/visas/evaluate/: the guidance as JSON, field errors as 400, in the schema."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from visas.selectors import rules_snapshot_cache_clear

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_visa_rules")]

URL = "/api/v1/visas/evaluate/"
PERSON = {
    "nationality": "VN",
    "age": 26,
    "education_level": "bachelor",
    "field_stem": True,
    "topik": 3,
    "experience_years": 2,
}
OFFER = {"annual_salary_krw": 36_000_000, "occupation_code": "2351", "employer_size": "sme"}


@pytest.fixture(autouse=True)
def _fresh_rules_snapshot() -> Iterator[None]:
    rules_snapshot_cache_clear()
    yield
    rules_snapshot_cache_clear()


def _post(client: Client, body: Any) -> Any:
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_url_name_resolves_to_the_documented_path():
    assert reverse("api-visas-evaluate") == URL


@pytest.mark.parametrize(("eps_job", "opens"), [(False, False), (None, None), (True, True)])
def test_the_offer_says_whether_it_is_an_eps_job(client: Client, eps_job, opens):
    offer = {"annual_salary_krw": 26_000_000, "eps_job": eps_job}
    body = _post(client, {"person": PERSON, "offer": offer, "as_of": "2026-03-01"}).json()

    e9 = next(route for route in body["offer_verdict"]["routes"] if route["code"] == "E-9")
    eps = next(c for c in e9["criteria"] if c["key"] == "job_offer.eps_job")
    assert eps["met"] is opens


def test_good_input_returns_every_pathway(client: Client):
    response = _post(client, {"person": PERSON, "offer": None, "as_of": "2026-03-01"})

    assert response.status_code == 200
    body = response.json()
    assert body["on"] == "2026-03-01"
    assert body["offer_verdict"] is None
    assert body["gni"]["value_krw"] > 0
    codes = [pathway["code"] for pathway in body["pathways"]]
    assert "E-9" in codes and "F-2-7" in codes
    e9 = next(p for p in body["pathways"] if p["code"] == "E-9")
    assert e9["verdict"] in ("eligible", "eligible_once")
    f27 = next(p for p in body["pathways"] if p["code"] == "F-2-7")
    assert f27["points"]["pass_mark"] == 80
    assert {"criteria", "next_steps", "progression", "sources", "uncertain"} <= f27.keys()
    assert f27["sources"][0]["url"].startswith("http")


def test_a_malaysian_gets_e9_not_open(client: Client):
    body = _post(client, {"person": {**PERSON, "nationality": "MY"}, "as_of": "2026-03-01"}).json()

    e9 = next(p for p in body["pathways"] if p["code"] == "E-9")
    assert e9["verdict"] == "not_open"


def test_an_offer_adds_its_verdict_with_the_threshold_in_force(client: Client):
    body = _post(client, {"person": PERSON, "offer": OFFER, "as_of": "2026-03-01"}).json()

    verdict = body["offer_verdict"]
    assert verdict["salary_threshold_krw"] == 31_120_000
    assert verdict["opens_route"] in (True, None)
    assert [route["code"] for route in verdict["routes"]][:1] == ["E-7-1"]


def test_as_of_defaults_to_today(client: Client):
    from django.utils import timezone

    body = _post(client, {"person": PERSON}).json()

    assert body["on"] == timezone.localdate().isoformat()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"person": {**PERSON, "age": -3}}, "person.age", "Age cannot be negative."),
        ({"person": {**PERSON, "nationality": "XX"}}, "person.nationality", "Unknown country"),
        ({"person": {**PERSON, "topik": 9}}, "person.topik", "TOPIK level must be 0 to 6."),
        (
            {"person": PERSON, "offer": {**OFFER, "annual_salary_krw": "abc"}},
            "offer.annual_salary_krw",
            "must be a number",
        ),
        ({"person": PERSON, "offer": {}}, "offer.annual_salary_krw", "is required"),
        ({"person": {**PERSON, "shoe_size": 42}}, "person.shoe_size", "Unknown field."),
        ({"offer": OFFER}, "person", "This field is required."),
        ({"person": "VN"}, "person", "Expected an object"),
        ({"person": PERSON, "as_of": "yesterday"}, "as_of", "Date has wrong format"),
        ({"person": PERSON, "as_of": "1850-01-01"}, "as_of", "Choose a day between"),
        ({"person": PERSON, "when": "now"}, "when", "Unknown field."),
    ],
)
def test_bad_input_gives_400_with_field_messages(
    client: Client, body: dict[str, Any], field: str, message: str
):
    response = _post(client, body)

    assert response.status_code == 400
    errors = response.json()["error"]["fields"]
    assert field in errors, errors
    assert any(message in text for text in errors[field]), errors[field]


def test_every_bad_field_is_reported_at_once(client: Client):
    body = {"person": {**PERSON, "age": -1, "topik": 9}, "offer": {"annual_salary_krw": "abc"}}

    errors = _post(client, body).json()["error"]["fields"]

    assert {"person.age", "person.topik", "offer.annual_salary_krw"} <= errors.keys()


@pytest.mark.parametrize("raw", ["[1, 2]", '"text"'])
def test_a_body_that_is_not_a_json_object_gives_400(client: Client, raw: str):
    response = client.post(URL, raw, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert "__all__" in response.json()["error"]["fields"]


@pytest.mark.parametrize("raw", ["not json", '{"person": '])
def test_malformed_json_is_a_parse_error_as_on_every_endpoint(client: Client, raw: str):
    response = client.post(URL, raw, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_get_is_not_allowed(client: Client):
    assert client.get(URL).status_code == 405


def test_a_signed_in_browser_needs_no_csrf_token(graduate: User):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(graduate)

    response = client.post(URL, {"person": PERSON}, format="json")

    assert response.status_code == 200


def test_schema_documents_the_endpoint_with_request_and_responses(client: Client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    operation = schema["paths"][URL]["post"]
    assert operation["operationId"] == "visas_evaluate"
    assert {"200", "400"} <= operation["responses"].keys()
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert request.endswith("/EvaluateInput")
    assert "PathwayOutput" in schema["components"]["schemas"]
    assert operation.get("security") in (None, [], [{}])


def test_swagger_ui_is_served(client: Client):
    assert client.get("/api/docs/").status_code == 200


def test_a_goal_orders_the_routes_and_gives_the_headline(client):
    body = _post(
        client,
        {"person": {**PERSON, "age": 41}, "as_of": "2026-03-01", "goal": "factory"},
    ).json()

    assert body["headline"].startswith("No route for factory, farm or shipyard work is open")


def test_an_unknown_goal_is_a_field_error(client):
    response = _post(client, {"person": PERSON, "goal": "astronaut"})

    assert response.status_code == 400
    assert "goal" in response.json()["error"]["fields"]


def test_the_same_question_is_answered_from_the_cache_until_the_rules_change(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    from visas import selectors
    from visas.models import VisaType
    from visas.services import visa_rules_changed

    evaluated = []
    real = selectors.evaluate_all
    monkeypatch.setattr(selectors, "evaluate_all", lambda **kw: evaluated.append(1) or real(**kw))
    body = {"person": PERSON, "as_of": "2026-03-01"}
    first, again = _post(client, body).json(), _post(client, body).json()
    assert first == again and len(evaluated) == 1

    VisaType.objects.filter(code="E-7-1").update(name="Professional work (renamed)")
    with django_capture_on_commit_callbacks(execute=True):
        visa_rules_changed()
    changed = _post(client, body).json()
    assert len(evaluated) == 2
    assert "Professional work (renamed)" in {route["name"] for route in changed["pathways"]}
