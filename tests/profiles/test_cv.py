"""CV upload (PDF only, size limit, content checked) and the access-checked download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from profiles.models import GraduateProfile
from tests.profiles.factories import pdf_bytes

pytestmark = pytest.mark.django_db
STEP = reverse("graduate:step", kwargs={"step": "cv"})


def _upload(client: Client, name: str, content: bytes, **extra: str) -> object:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(STEP, {"cv": upload, "upload": "1", **extra})


def test_a_real_pdf_is_stored_privately_under_a_random_name(graduate, graduate_client):
    response = _upload(graduate_client, "Lan CV.pdf", pdf_bytes(pages=2))
    assert response.status_code == 302
    profile = GraduateProfile.objects.get(user=graduate)
    assert profile.cv_original_name == "Lan CV.pdf"
    assert profile.cv.name.startswith("cvs/") and "Lan" not in profile.cv.name
    assert profile.cv_uploaded_at is not None
    with pytest.raises(ValueError):
        profile.cv.url  # noqa: B018 - private files have no URL


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"MZ\x90\x00 this is an executable", "not a PDF"),
        ("cv.pdf", b"%PDF-1.7\n garbage that is not a document", "could not be read"),
        ("cv.docx", None, "Upload a PDF file"),
        ("cv.pdf", b"", "empty"),
    ],
)
def test_files_that_are_not_readable_pdfs_are_refused(
    graduate, graduate_client, name, content, message
):
    content = pdf_bytes() if content is None else content
    response = _upload(graduate_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not GraduateProfile.objects.get(user=graduate).cv


def test_an_encrypted_pdf_is_refused(graduate, graduate_client):
    response = _upload(graduate_client, "cv.pdf", pdf_bytes(password="secret"))
    assert "password-protected" in response.content.decode()
    assert not GraduateProfile.objects.get(user=graduate).cv


def test_a_pdf_over_the_size_limit_is_refused(graduate, graduate_client, settings):
    settings.CV_MAX_BYTES = 500
    response = _upload(graduate_client, "cv.pdf", pdf_bytes(pages=3))
    assert "the limit is" in response.content.decode()
    assert not GraduateProfile.objects.get(user=graduate).cv


def test_replacing_the_cv_deletes_the_old_file(
    graduate, graduate_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(graduate_client, "first.pdf", pdf_bytes())
    first = GraduateProfile.objects.get(user=graduate).cv
    storage, first_name = first.storage, first.name
    assert storage.exists(first_name)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(graduate_client, "second.pdf", pdf_bytes())
    assert not storage.exists(first_name)
    assert GraduateProfile.objects.get(user=graduate).cv_original_name == "second.pdf"


def test_owner_downloads_their_cv_as_an_attachment(graduate, graduate_client):
    _upload(graduate_client, "Lan CV.pdf", pdf_bytes())
    profile = GraduateProfile.objects.get(user=graduate)
    response = graduate_client.get(reverse("graduate:cv_download", args=[profile.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_cv_of_another_graduate_is_404_for_everyone_but_its_owner_and_staff(
    graduate, graduate_client, other_graduate, employer_client, staff_client, client
):
    other_client = Client()
    other_client.force_login(other_graduate)
    _upload(other_client, "other.pdf", pdf_bytes())
    url = reverse("graduate:cv_download", args=[other_graduate.graduate_profile.pk])
    assert graduate_client.get(url).status_code == 404
    assert employer_client.get(url).status_code == 404
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert staff_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 200


def test_a_profile_without_cv_and_a_missing_profile_both_give_404(graduate_client, graduate):
    assert (
        graduate_client.get(
            reverse("graduate:cv_download", args=[graduate.graduate_profile.pk])
        ).status_code
        == 404
    )
    assert graduate_client.get(reverse("graduate:cv_download", args=[999999])).status_code == 404


def test_remove_cv(graduate, graduate_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(graduate_client, "cv.pdf", pdf_bytes())
    cv = GraduateProfile.objects.get(user=graduate).cv
    storage, name = cv.storage, cv.name
    with django_capture_on_commit_callbacks(execute=True):
        graduate_client.post(reverse("graduate:cv_remove"))
    assert not GraduateProfile.objects.get(user=graduate).cv
    assert not storage.exists(name)


def test_continue_without_a_cv_moves_on(graduate_client):
    response = graduate_client.post(STEP, {"continue": "1"})
    assert response.status_code == 302
    assert response.url == reverse("graduate:step", kwargs={"step": "visibility"})


def test_private_media_is_not_served_under_media_url(graduate, graduate_client, settings):
    _upload(graduate_client, "cv.pdf", pdf_bytes())
    name = GraduateProfile.objects.get(user=graduate).cv.name
    assert graduate_client.get(f"{settings.MEDIA_URL}private/{name}").status_code == 404


def test_an_employer_is_sent_to_their_own_dashboard_from_the_cv_step(employer_client):
    response = employer_client.get(STEP)
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
