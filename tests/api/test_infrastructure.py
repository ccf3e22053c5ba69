"""The API's shared rules: explicit permissions everywhere (walking the URLs), one error shape,
pagination limits, throttles, the schema and docs served without a CDN."""

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.exceptions import Throttled
from rest_framework.settings import api_settings
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from core.api.errors import api_exception_handler, flatten_detail
from core.api.permissions import DenyAll
from jobs.services import ApplicationRefused
from tests.api.helpers import assert_error
from tests.factories import EmployerFactory, SkillFactory

# --- every API view names its permissions -----------------------------------------------------


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _api_views() -> list[tuple[str, Any]]:
    return [
        (route, view)
        for route, view in _walk(get_resolver().url_patterns)
        if route.startswith("api/")
    ]


def _declares_permissions(view_class: type) -> bool:
    for klass in view_class.__mro__:
        if "permission_classes" in vars(klass):
            return klass is not APIView
    return False


def test_the_walk_finds_every_apps_api_including_training_and_visas():
    routes = [route for route, _view in _api_views()]
    for expected in (
        "api/v1/postings/",
        "api/v1/graduate/applications/",
        "api/v1/employer/postings/",
        "api/v1/staff/match-runs/",
        "api/v1/visas/evaluate/",
        "api/schema/",
        "api/docs/",
    ):
        assert expected in routes, expected
    assert len(routes) >= 40


@pytest.mark.parametrize(("route", "view"), _api_views(), ids=[r for r, _ in _api_views()])
def test_every_api_view_declares_its_permission_classes(route: str, view: Any):
    view_class = getattr(view, "cls", None) or getattr(view, "view_class", None)
    assert view_class is not None and issubclass(view_class, APIView), (
        f"{route} is not a DRF view: API routes must be DRF views with explicit permissions"
    )
    assert _declares_permissions(view_class), (
        f"{route}: {view_class.__name__} has no permission_classes"
    )
    assert view_class().get_permissions(), route
    assert not any(isinstance(p, DenyAll) for p in view_class().get_permissions()), route


def test_a_view_without_permission_classes_refuses_everyone(staff: Any):
    class Forgetful(APIView):
        def get(self, request: Any) -> Any:
            raise AssertionError("must not run")

    request = APIRequestFactory().get("/x")
    response = Forgetful.as_view()(request)

    assert [DenyAll] == api_settings.DEFAULT_PERMISSION_CLASSES
    assert response.status_code in (401, 403)


def test_the_walk_catches_a_view_relying_on_the_default():
    class Forgetful(APIView):
        pass

    class Careful(APIView):
        permission_classes: list[type] = []

    assert not _declares_permissions(Forgetful)
    assert _declares_permissions(Careful)


# --- one error shape --------------------------------------------------------------------------


def test_nested_errors_flatten_to_dotted_paths():
    detail = {
        "title": ["Required."],
        "skills": [{}, {"min_level": ["Too high."]}],
        "non_field_errors": ["Body is odd."],
        "offer": {"salary": ["Not a number."]},
    }

    assert flatten_detail(detail) == {
        "title": ["Required."],
        "skills.1.min_level": ["Too high."],
        "__all__": ["Body is odd."],
        "offer.salary": ["Not a number."],
    }
    assert flatten_detail(["Just one."]) == {"__all__": ["Just one."]}


def _handled(exc: Exception) -> Any:
    request = APIRequestFactory().get("/x")
    return api_exception_handler(exc, {"request": request, "view": None})


def test_a_services_django_validation_error_is_400_with_field_messages():
    response = _handled(DjangoValidationError({"salary_max_krw": ["Too low."]}))

    assert response.status_code == 400
    assert response.data == {
        "error": {
            "code": "validation_error",
            "message": "Some fields are not valid.",
            "fields": {"salary_max_krw": ["Too low."]},
        }
    }


def test_a_refusal_is_400_refused_with_its_message():
    response = _handled(ApplicationRefused("You have already applied to this posting."))

    assert response.status_code == 400
    assert response.data["error"]["code"] == "refused"
    assert response.data["error"]["message"] == "You have already applied to this posting."
    assert response.data["error"]["fields"] == {}


def test_throttling_is_429_with_retry_after():
    response = _handled(Throttled(wait=42))

    assert response.status_code == 429
    assert response.data["error"]["code"] == "throttled"
    assert response["Retry-After"] == "42"


def test_an_unexpected_error_is_left_to_djangos_500_handling():
    assert _handled(KeyError("boom")) is None


@pytest.mark.django_db
def test_405_and_415_use_the_shape(anon_api: APIClient):
    assert_error(anon_api.delete("/api/v1/postings/"), 405, "method_not_allowed")
    response = anon_api.post("/api/v1/accounts/signup/", "email=x", content_type="text/plain")
    assert_error(response, 415, "unsupported_media_type")


@pytest.mark.django_db
def test_malformed_json_is_400_parse_error(anon_api: APIClient):
    response = anon_api.post(
        "/api/v1/accounts/signup/", "{not json", content_type="application/json"
    )
    assert_error(response, 400, "parse_error")


@pytest.mark.django_db
def test_an_unknown_object_is_404_without_naming_the_model(anon_api: APIClient):
    body = assert_error(anon_api.get("/api/v1/employers/999999/"), 404, "not_found")
    assert "Employer" not in body["message"]


# --- pagination -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_lists_are_paginated_with_a_maximum_page_size(anon_api: APIClient):
    EmployerFactory.create_batch(3)

    body = anon_api.get("/api/v1/employers/", {"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    assert set(body) == {"count", "next", "previous", "results"}

    big = anon_api.get("/api/v1/employers/", {"page_size": 100000}).json()
    assert len(big["results"]) == 3  # capped at 100, fewer exist

    assert_error(anon_api.get("/api/v1/employers/", {"page": 99}), 404, "not_found")


# --- throttling -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_is_throttled_per_client(anon_api: APIClient):
    SkillFactory(name="Verilog")
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "search": "3/min"}
    with override_settings(REST_FRAMEWORK={**_rest(), "DEFAULT_THROTTLE_RATES": rates}):
        codes = [anon_api.get("/api/v1/skills/", {"q": "veri"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        response = anon_api.get("/api/v1/skills/autocomplete/", {"q": "veri"})
        assert_error(response, 429, "throttled")
        assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_a_throttled_endpoint_says_what_is_left(anon_api: APIClient, graduate_api: APIClient):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "search": "3/min"}
    with override_settings(REST_FRAMEWORK={**_rest(), "DEFAULT_THROTTLE_RATES": rates}):
        answers = [anon_api.get("/api/v1/skills/", {"q": "veri"}) for _ in range(4)]
    left = [(a.status_code, a["RateLimit-Remaining"]) for a in answers]
    assert left == [(200, "2"), (200, "1"), (200, "0"), (429, "0")]
    assert {a["RateLimit-Limit"] for a in answers} == {"3"}
    assert all(0 < int(a["RateLimit-Reset"]) <= 60 for a in answers)
    assert not graduate_api.get("/api/v1/graduate/applications/").has_header("RateLimit-Limit")


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(anon_api: APIClient):
    """Without a trusted proxy in front (TRUSTED_PROXY_COUNT=0, the default), the client's
    address is the connection's: a new X-Forwarded-For on every request is the same client."""
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "search": "3/min"}
    with override_settings(REST_FRAMEWORK={**_rest(), "DEFAULT_THROTTLE_RATES": rates}):
        codes = [
            anon_api.get(
                "/api/v1/skills/", {"q": "veri"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
            ).status_code
            for n in range(4)
        ]
    assert codes == [200, 200, 200, 429]


def test_one_setting_names_the_trusted_proxies_for_every_rate_limit(settings):
    from django.conf import settings as live

    assert live.REST_FRAMEWORK["NUM_PROXIES"] == live.TRUSTED_PROXY_COUNT
    assert live.ALLAUTH_TRUSTED_PROXY_COUNT == live.TRUSTED_PROXY_COUNT


def _rest() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


# --- schema and docs --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_schema_documents_auth_and_the_error_shape(client: Client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API token from /accounts/tokens/ (shown once).",
    }
    assert "Error" in schema["components"]["schemas"]
    operation = schema["paths"]["/api/v1/employer/postings/"]["post"]
    for code in ("400", "401", "403", "429"):
        ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/Error"
    assert {"tokenAuth": []} in operation["security"]
    assert "Retry-After" in operation["responses"]["429"]["headers"]
    detail = schema["components"]["schemas"]["ErrorDetail"]["properties"]
    assert detail["code"] == {"$ref": "#/components/schemas/ErrorCode"}


@pytest.mark.django_db
def test_page_size_is_documented_as_the_server_serves_it(client: Client, anon_api: APIClient):
    from core.api.pagination import ApiPagination

    schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    parameters = schema["paths"]["/api/v1/skills/"]["get"]["parameters"]
    size = next(p for p in parameters if p["name"] == "page_size")["schema"]
    assert (size["maximum"], size["default"]) == (ApiPagination.max_page_size, 20)
    SkillFactory.create_batch(ApiPagination.max_page_size + 1)
    served = anon_api.get("/api/v1/skills/", {"page_size": 500}).json()
    assert len(served["results"]) == size["maximum"] and served["next"]


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if tag in ("script", "link", "img") and name in ("src", "href") and value:
                self.urls.append(value)


@pytest.mark.django_db
def test_the_docs_page_loads_nothing_from_another_host(client: Client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    parser = _Assets()
    parser.feed(html)
    assert any("swagger-ui-bundle" in url for url in parser.urls), parser.urls
    foreign = [url for url in parser.urls if re.match(r"^(https?:)?//", url)]
    assert foreign == [], foreign
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    # The set-up script is a file of its own (no inline script for the CSP), without validator.
    setup = client.get("/api/docs/", {"script": ""})
    assert setup["Content-Type"].startswith("application/javascript")
    assert '"validatorUrl": null' in setup.content.decode()


@pytest.mark.django_db
def test_the_docs_assets_are_served_from_static_files(client: Client):
    from django.contrib.staticfiles import finders

    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{asset}"), asset


def test_every_error_code_the_api_can_answer_is_in_the_schemas_enum():
    """DRF's exceptions (and ours) end in `error_body`; each code it can give is documented."""
    from rest_framework import exceptions

    from core.api.errors import ERROR_CODES, Refused, error_body

    def every(cls: type) -> list[type]:
        return [cls, *(sub for direct in cls.__subclasses__() for sub in every(direct))]

    for cls in every(exceptions.APIException)[1:]:  # the base class is never raised as such
        if cls.__module__.startswith(("rest_framework", "core.", "accounts.", "jobs.")):
            made = cls(3) if issubclass(cls, exceptions.Throttled) else cls("PATCH")
            assert error_body(made)["code"] in ERROR_CODES, cls
    assert error_body(Refused("no"))["code"] == "refused"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "required"),
    [
        ("ko", "필수 항목입니다."),
        ("vi", "Trường này là bắt buộc."),
        ("en", "This field is required."),
    ],
)
def test_validation_messages_follow_accept_language(
    anon_api: APIClient, language: str, required: str
):
    response = anon_api.post(
        "/api/v1/accounts/signup/", {}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    body = assert_error(response, 400, "validation_error", "email")
    assert body["fields"]["email"] == [required]
    assert body["code"] == "validation_error"  # the code stays English: branch on it
