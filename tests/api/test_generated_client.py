"""The API as a partner's tools read it: the schema passes openapi-spec-validator, a client
generated from it with openapi-python-client imports in every module, and a partner's scenario
runs through that generated client against the live server (a graduate applies, the employer
moves the application), and a career office's by OAuth 2 client credentials (its webhook
hears the graduate's consent and application). A change that breaks any of it fails here."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate

from accounts.token_services import api_token_create
from jobs.models import Application
from partners.services import partner_approve
from tests.factories import (
    EmployerMemberFactory,
    GraduateProfileFactory,
    JobPostingFactory,
    PartnerFactory,
    StaffFactory,
    ready_to_apply,
)
from tests.webhooks.receiver import Receiver
from webhooks.signing import HEADER, signature_valid

BIN = Path(sys.executable).parent
PACKAGE = "talentbridge_client"


def _schema() -> dict[str, Any]:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    # Through JSON, as a partner downloads it (enums and lazy strings become plain values).
    from drf_spectacular.renderers import OpenApiJsonRenderer

    return json.loads(OpenApiJsonRenderer().render(generated, renderer_context={}))


@pytest.fixture(scope="module")
def client_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The schema, validated, and the client generated from it (once for the module)."""
    root = tmp_path_factory.mktemp("partner")
    schema = _schema()
    validate(schema)  # raises on the first error the partner's validator would report
    path = root / "schema.json"
    path.write_text(json.dumps(schema))
    generated = subprocess.run(
        [str(BIN / "openapi-python-client"), "generate", "--path", str(path),
         "--output-path", str(root / PACKAGE), "--meta", "none"],
        capture_output=True, text=True, timeout=300, cwd=root,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
    )  # fmt: skip
    assert generated.returncode == 0, generated.stdout + generated.stderr
    warnings = [line for line in generated.stdout.splitlines() if line.startswith("WARNING")]
    assert warnings == [], generated.stdout
    sys.path.insert(0, str(root))
    yield root
    sys.path.remove(str(root))
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


IMPORT_EVERY_MODULE = """
import importlib, pkgutil
package = importlib.import_module("{package}")
names = [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
bad = []
for name in names:
    try:
        importlib.import_module(name)
    except Exception as error:
        bad.append(f"{{name}}: {{error!r}}")
print(len(names))
print("\\n".join(bad))
"""


def test_the_schema_is_valid_and_every_generated_module_imports(client_dir: Path):
    imported = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_MODULE.format(package=PACKAGE)],
        capture_output=True, text=True, timeout=120, cwd=client_dir,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    count, *failures = imported.stdout.splitlines()
    assert int(count) > 250  # every operation and model, not an empty package
    assert [f for f in failures if f] == []


def test_both_cv_downloads_are_in_the_generated_client(client_dir: Path):
    for module in (
        "graduate/graduate_cv_download.py",
        "employer/employer_postings_candidate_cv.py",
    ):
        source = (client_dir / PACKAGE / "api" / module).read_text()
        assert "File(payload=BytesIO(response.content))" in source, module


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_partner_scenario_through_the_generated_client(
    client_dir: Path, live_server, receiver: Receiver
):
    from talentbridge_client import AuthenticatedClient
    from talentbridge_client.api.employer import (
        employer_applications_move,
        employer_webhooks_create,
    )
    from talentbridge_client.api.graduate import graduate_applications_create
    from talentbridge_client.api.postings import postings_retrieve
    from talentbridge_client.models import ApplicationInput, EndpointInput, Error, MoveInput
    from talentbridge_client.models.application_status_enum import ApplicationStatusEnum
    from talentbridge_client.models.webhook_event_enum import WebhookEventEnum

    member = EmployerMemberFactory()
    posting = JobPostingFactory(employer=member.employer)
    graduate = ready_to_apply(GraduateProfileFactory())

    def client_of(user: Any) -> Any:
        key = api_token_create(user=user, name="partner").key
        return AuthenticatedClient(base_url=live_server.url, token=key)

    as_graduate, as_employer = client_of(graduate.user), client_of(member.user)
    endpoint = employer_webhooks_create.sync(
        client=as_employer,
        body=EndpointInput(
            url=receiver.url,
            events=[WebhookEventEnum.APPLICATION_CREATED, WebhookEventEnum.APPLICATION_MOVED],
        ),
    )
    assert not isinstance(endpoint, Error) and endpoint is not None, endpoint
    seen = postings_retrieve.sync(posting.pk, client=as_graduate)
    assert not isinstance(seen, Error) and seen.title == posting.title

    applied = graduate_applications_create.sync(
        client=as_graduate, body=ApplicationInput(posting=posting.pk, cover_letter="Hello")
    )
    assert not isinstance(applied, Error) and applied is not None, applied
    assert applied.status == ApplicationStatusEnum.APPLIED

    moved = employer_applications_move.sync(
        applied.id,
        client=as_employer,
        body=MoveInput(to_status=ApplicationStatusEnum.SCREENING, message="We are reading it."),
    )
    assert not isinstance(moved, Error) and moved is not None, moved
    assert moved.status == ApplicationStatusEnum.SCREENING
    assert Application.objects.get(pk=applied.id).status == "screening"

    refused = employer_applications_move.sync(
        applied.id, client=as_employer, body=MoveInput(to_status=ApplicationStatusEnum.HIRED)
    )
    assert isinstance(refused, Error), refused  # the error model, parsed, not an exception

    # The partner's endpoint heard both events, signed with the secret it was given.
    events = [json.loads(request["body"]) for request in receiver.requests]
    assert [(e["type"], e["data"]["application"]["status"]) for e in events] == [
        ("application.created", "applied"),
        ("application.moved", "screening"),
    ]
    for request in receiver.requests:
        assert signature_valid(
            secret=endpoint.secret, body=request["body"], header=request["headers"][HEADER.lower()]
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_career_office_syncs_by_client_credentials_through_the_generated_client(
    client_dir: Path, live_server, receiver: Receiver
):
    """A university career office: its token from client credentials (no browser), its own
    webhook, the graduate's consent, then the graduate's application as it moves."""
    import httpx
    from talentbridge_client import AuthenticatedClient
    from talentbridge_client.api.employer import employer_applications_move
    from talentbridge_client.api.graduate import (
        graduate_applications_create,
        graduate_partner_share,
    )
    from talentbridge_client.api.partner import (
        partner_applications_changes,
        partner_graduates_changes,
        partner_webhooks_create,
    )
    from talentbridge_client.models import ApplicationInput, EndpointInput, MoveInput, ShareInput
    from talentbridge_client.models.application_status_enum import ApplicationStatusEnum
    from talentbridge_client.models.webhook_event_enum import WebhookEventEnum

    partner = PartnerFactory()
    credentials = partner_approve(partner=partner, by=StaffFactory())
    answer = httpx.post(
        f"{live_server.url}/o/token/",
        data={"grant_type": "client_credentials"},
        auth=(credentials.client_id, credentials.client_secret),
    )
    assert answer.status_code == 200, answer.text
    as_partner = AuthenticatedClient(base_url=live_server.url, token=answer.json()["access_token"])
    endpoint = partner_webhooks_create.sync(
        client=as_partner,
        body=EndpointInput(
            url=receiver.url,
            events=[
                WebhookEventEnum.GRADUATE_CONSENTED,
                WebhookEventEnum.APPLICATION_CREATED,
                WebhookEventEnum.APPLICATION_MOVED,
            ],
        ),
    )
    assert endpoint is not None and hasattr(endpoint, "secret"), endpoint

    member = EmployerMemberFactory()
    posting = JobPostingFactory(employer=member.employer)
    graduate = ready_to_apply(GraduateProfileFactory())
    as_graduate, as_employer = (
        AuthenticatedClient(base_url=live_server.url, token=api_token_create(user=u, name="t").key)
        for u in (graduate.user, member.user)
    )
    shared = graduate_partner_share.sync(
        partner.pk, client=as_graduate, body=ShareInput(sharing=True)
    )
    assert shared is not None and getattr(shared, "sharing", None) is True, shared
    applied = graduate_applications_create.sync(
        client=as_graduate, body=ApplicationInput(posting=posting.pk, cover_letter="Hello")
    )
    assert applied is not None and hasattr(applied, "id"), applied
    employer_applications_move.sync(
        applied.id, client=as_employer, body=MoveInput(to_status=ApplicationStatusEnum.SCREENING)
    )

    events = [json.loads(request["body"]) for request in receiver.requests]
    assert [e["type"] for e in events] == [
        "graduate.consented", "application.created", "application.moved",
    ]  # fmt: skip
    for request in receiver.requests:
        assert signature_valid(
            secret=endpoint.secret, body=request["body"], header=request["headers"][HEADER.lower()]
        )
    graduates = partner_graduates_changes.sync(client=as_partner)
    assert graduates is not None and hasattr(graduates, "results"), graduates
    [item] = graduates.results
    assert (item.graduate_id, item.sharing) == (graduate.pk, True)
    assert item.graduate.email == graduate.user.email
    applications = partner_applications_changes.sync(client=as_partner)
    assert applications is not None and hasattr(applications, "results"), applications
    assert [(a.id, a.status) for a in applications.results] == [
        (applied.id, ApplicationStatusEnum.SCREENING)
    ]
    since = partner_applications_changes.sync(
        client=as_partner, updated_since=applications.results[-1].updated_at
    )
    assert since is not None and hasattr(since, "results") and since.results == []
