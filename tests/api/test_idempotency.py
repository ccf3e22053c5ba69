"""`Idempotency-Key` on POSTs (core.idempotency): a retry gets the first answer and acts once;
the same key with another body is a conflict; keys are the caller's own; only valid credentials
get a replay; server errors are not kept; answers go after a day."""

from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from accounts.token_services import api_token_create, api_token_revoke
from core.idempotency import IdempotencyMiddleware, idempotent_requests_prune
from core.models import IdempotentRequest
from jobs.models import Application, SavedJob
from tests.api.helpers import assert_error
from tests.factories import JobPostingFactory, ready_to_apply

pytestmark = pytest.mark.django_db
SAVED = "/api/v1/graduate/saved-jobs/"
APPLICATIONS = "/api/v1/graduate/applications/"


def _save(api: APIClient, posting_id: int, key: str | None = "key-1") -> object:
    headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    return api.post(SAVED, {"posting": posting_id}, format="json", **headers)


def test_a_retry_with_the_same_key_and_body_gets_the_first_answer_and_acts_once(
    graduate_api: APIClient, graduate: User
):
    posting = JobPostingFactory()
    ready_to_apply(graduate.graduate_profile)

    def apply(key: str | None) -> object:
        headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
        return graduate_api.post(APPLICATIONS, {"posting": posting.pk}, format="json", **headers)

    first, again = apply("apply-1"), apply("apply-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert Application.objects.filter(posting=posting).count() == 1
    assert_error(
        apply(None), 400, "refused"
    )  # a retry without a key: a second application, refused


def test_the_same_key_with_another_body_is_a_conflict(graduate_api: APIClient):
    first, second = JobPostingFactory(), JobPostingFactory()
    _save(graduate_api, first.pk)
    assert_error(_save(graduate_api, second.pk), 409, "idempotency_conflict")
    assert not SavedJob.objects.filter(posting=second).exists()


def test_keys_belong_to_their_caller(graduate_api: APIClient, other_graduate_api: APIClient):
    posting = JobPostingFactory()
    _save(graduate_api, posting.pk, key="shared-key")
    other = _save(other_graduate_api, posting.pk, key="shared-key")
    assert other.status_code == 201 and not other.has_header("Idempotent-Replayed")
    assert SavedJob.objects.filter(posting=posting).count() == 2


def test_a_refusal_is_kept_too(graduate_api: APIClient):
    first = graduate_api.post(SAVED, {"posting": 10**9}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    again = graduate_api.post(SAVED, {"posting": 10**9}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert first.status_code == again.status_code == 400
    assert again["Idempotent-Replayed"] == "true"


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\tin it"])
def test_an_ill_formed_key_is_a_field_error(graduate_api: APIClient, key: str):
    posting = JobPostingFactory()
    assert_error(
        _save(graduate_api, posting.pk, key=key), 400, "validation_error", "Idempotency-Key"
    )
    assert not SavedJob.objects.exists()


def test_a_revoked_token_gets_no_replay(graduate: User):
    posting = JobPostingFactory()
    created = api_token_create(user=graduate, name="partner")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {created.key}")
    assert _save(api, posting.pk).status_code == 201
    api_token_revoke(token=created.token, by=graduate)
    assert_error(_save(api, posting.pk), 401, "authentication_failed")


def test_while_the_first_runs_a_retry_is_told_to_wait_and_an_abandoned_one_is_taken_over(
    graduate_api: APIClient,
):
    posting = JobPostingFactory()
    _save(graduate_api, posting.pk)
    kept = IdempotentRequest.objects.get()
    IdempotentRequest.objects.filter(pk=kept.pk).update(status_code=None)  # still running
    running = _save(graduate_api, posting.pk)
    assert_error(running, 409, "idempotency_in_progress")
    assert running["Retry-After"] == "1"
    SavedJob.objects.all().delete()
    IdempotentRequest.objects.filter(pk=kept.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)  # its process died long ago
    )
    assert _save(graduate_api, posting.pk).status_code == 201
    assert SavedJob.objects.filter(posting=posting).count() == 1


def test_a_server_error_or_a_refusal_of_credentials_is_not_kept_so_a_retry_runs_again(rf):
    answers = iter(
        [HttpResponse(status=503), HttpResponse(status=403), HttpResponse(b"done", status=201)]
    )
    middleware = IdempotencyMiddleware(lambda request: next(answers))

    def post() -> HttpResponse:
        request = rf.post(SAVED, b"{}", content_type="application/json", HTTP_IDEMPOTENCY_KEY="k")
        return middleware(request)  # type: ignore[return-value]

    assert post().status_code == 503
    assert post().status_code == 403
    assert not IdempotentRequest.objects.exists()
    assert post().content == b"done"
    assert IdempotentRequest.objects.get().status_code == 201


def test_answers_are_forgotten_after_a_day(graduate_api: APIClient):
    _save(graduate_api, JobPostingFactory().pk)
    assert idempotent_requests_prune(now=timezone.now() + timedelta(hours=23)) == 0
    assert idempotent_requests_prune(now=timezone.now() + timedelta(hours=25)) == 1


def test_the_key_is_kept_as_given_but_the_credentials_only_as_a_digest(graduate: User):
    created = api_token_create(user=graduate, name="partner")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {created.key}")
    _save(api, JobPostingFactory().pk)
    kept = IdempotentRequest.objects.get()
    assert created.key not in kept.caller and len(kept.caller) == 64


def test_a_multipart_upload_is_told_apart_by_its_fields_and_files(rf):
    """Django has parsed a multipart body before (the CSRF check reads it): the fingerprint is
    taken from its fields and files, not the raw body."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    middleware = IdempotencyMiddleware(lambda request: HttpResponse(b"sent", status=201))

    def post(content: bytes) -> HttpResponse:
        upload = SimpleUploadedFile("a.pdf", content, content_type="application/pdf")
        request = rf.post(SAVED, {"body": "hi", "attachment": upload}, HTTP_IDEMPOTENCY_KEY="m")
        request.POST  # read as Django's CSRF check reads it  # noqa: B018
        return middleware(request)  # type: ignore[return-value]

    assert post(b"%PDF-1 one").status_code == 201
    assert post(b"%PDF-1 one")["Idempotent-Replayed"] == "true"
    assert post(b"%PDF-1 two").status_code == 409
