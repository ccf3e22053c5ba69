"""Download my data (JSON) and delete my account (password-confirmed; profile, CV, matches go)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Consent, User
from jobs.models import (
    Application,
    ApplicationStatus,
    JobPosting,
    SavedJob,
    SavedSearch,
    SavedSearchAlert,
)
from jobs.services import (
    application_move,
    application_submit,
    saved_job_add,
    saved_search_create,
)
from matching.models import GraduateMatchList
from matching.selectors import candidates_for_posting
from matching.services import match_run_request
from profiles.models import GraduateProfile, UnmatchedSkill
from tests import factories
from tests.factories import PASSWORD
from tests.profiles.factories import pdf_bytes

pytestmark = pytest.mark.django_db
EXPORT = reverse("graduate:account_export")
DELETE = reverse("graduate:account_delete")
ACCOUNT = reverse("graduate:account")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_export_holds_profile_skills_applications_and_consents(graduate, graduate_client, employer):
    profile = graduate.graduate_profile
    factories.GraduateSkillFactory(profile=profile, level=4)
    factories.EducationRecordFactory(profile=profile)
    UnmatchedSkill.objects.create(profile=profile, label="Wafer whispering", level=2)
    Consent.objects.create(user=graduate, purpose="terms")
    posting = factories.JobPostingFactory(employer=employer.employer_membership.employer)
    application = application_submit(graduate=profile, posting=posting, cover_letter="Hello")
    application_move(
        application=application, to_status=ApplicationStatus.SCREENING, by=employer,
        note="internal only", message="We will call you",
    )  # fmt: skip
    response = graduate_client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == graduate.email
    assert data["profile"]["nationality"] == "VN"
    assert data["skills"][0]["level"] == 4
    assert data["education"][0]["field_of_study"] == "0714"
    assert data["unmatched_skills"][0]["label"] == "Wafer whispering"
    assert [c["purpose"] for c in data["consents"]] == ["terms"]
    history = data["applications"][0]["history"]
    assert [h["to_status"] for h in history] == ["applied", "screening"]
    assert history[1]["message"] == "We will call you"
    assert "internal only" not in response.content.decode()


def test_export_is_only_ever_the_signed_in_users_data(graduate_client, other_graduate, client):
    other_graduate.graduate_profile.headline = "Other person's secret headline"
    other_graduate.graduate_profile.save()
    assert "secret headline" not in graduate_client.get(EXPORT).content.decode()
    assert client.get(EXPORT).url.startswith(reverse("account_login"))


def test_account_page_lists_consents_and_links(graduate, graduate_client, employer_client):
    Consent.objects.create(user=graduate, purpose="privacy")
    page = graduate_client.get(ACCOUNT).content.decode()
    assert "Privacy notice" in page
    assert EXPORT in page and DELETE in page
    assert employer_client.get(ACCOUNT).url == reverse("dashboard")


def test_delete_needs_the_password_and_the_tick(graduate, graduate_client):
    response = graduate_client.post(DELETE, {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    response = graduate_client.post(DELETE, {"password": PASSWORD})
    assert "Tick the box to confirm." in response.content.decode()
    assert User.objects.filter(pk=graduate.pk).exists()


def test_delete_removes_user_profile_cv_applications_and_matches(
    graduate, graduate_client, django_capture_on_commit_callbacks
):
    profile = graduate.graduate_profile
    skill = factories.SkillFactory()
    factories.GraduateSkillFactory(profile=profile, skill=skill, level=4)
    posting = factories.JobPostingFactory()
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=2)
    Application.objects.create(graduate=profile, posting=posting)
    graduate_client.post(
        reverse("graduate:step", kwargs={"step": "cv"}),
        {"cv": SimpleUploadedFile("cv.pdf", pdf_bytes()), "upload": "1"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    profile.refresh_from_db()
    storage, cv_name = profile.cv.storage, profile.cv.name
    assert storage.exists(cv_name)
    assert GraduateMatchList.objects.filter(graduate=profile).exists()
    assert [c.graduate.pk for c in candidates_for_posting(posting=posting)] == [profile.pk]

    with django_capture_on_commit_callbacks(execute=True):
        response = graduate_client.post(DELETE, {"password": PASSWORD, "confirm": "on"})
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=graduate.pk).exists()
    assert not GraduateProfile.objects.filter(pk=profile.pk).exists()
    assert not Application.objects.filter(posting=posting).exists()
    assert not GraduateMatchList.objects.filter(graduate_id=profile.pk).exists()
    assert not storage.exists(cv_name)
    from matching.models import PostingMatchList

    stored = PostingMatchList.objects.get(posting=posting)
    assert profile.pk not in [int(i) for i in stored.decoded()["id"][: stored.length]]
    # Signed out: the dashboard now asks to log in.
    assert graduate_client.get(reverse("dashboard")).status_code == 302


def test_another_user_cannot_delete_someone_else(other_graduate, graduate, graduate_client):
    client = Client()
    client.force_login(other_graduate)
    client.post(DELETE, {"password": PASSWORD, "confirm": "on"})
    assert User.objects.filter(pk=graduate.pk).exists()
    assert not User.objects.filter(pk=other_graduate.pk).exists()


def test_delete_leaves_no_copy_of_the_name_or_address_in_notifications_or_emails(
    graduate, graduate_client, employer, django_capture_on_commit_callbacks
):
    from notifications.models import EmailDelivery, Notification
    from notifications.texts import notification_text

    graduate.full_name = "Zelda Quixote-Marlow"
    graduate.save(update_fields=["full_name"])
    member = employer.employer_membership
    posting = factories.JobPostingFactory(employer=member.employer)
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            graduate=graduate.graduate_profile, posting=posting, cover_letter="Hello"
        )
        application_move(application=application, to_status="screening", by=employer)
    rows = [*Notification.objects.values_list("params", flat=True)]
    rows += [*EmailDelivery.objects.values_list("to_email", "context")]
    assert graduate.full_name in str(rows) and graduate.email in str(rows)  # before

    with django_capture_on_commit_callbacks(execute=True):
        graduate_client.post(DELETE, {"password": PASSWORD, "confirm": "on"})

    rows = [*Notification.objects.values_list("params", flat=True)]
    rows += [*EmailDelivery.objects.values_list("to_email", "context")]
    assert graduate.full_name not in str(rows) and graduate.email not in str(rows)
    news = Notification.objects.get(user=employer, kind="new_application")
    assert notification_text(news.kind, news.params).body == "A former applicant applied."


def test_saved_jobs_and_searches_are_exported_and_deleted_with_the_account(
    graduate, graduate_client, django_capture_on_commit_callbacks
):
    profile = graduate.graduate_profile
    posting = factories.JobPostingFactory(title="Etch engineer")
    saved_job_add(graduate=profile, posting=posting)
    search = saved_search_create(
        graduate=profile, params={"region": "busan"}, name="Busan", frequency="weekly"
    )
    SavedSearchAlert.objects.create(search=search, posting=posting)

    data = json.loads(graduate_client.get(EXPORT).content)
    assert [row["title"] for row in data["saved_jobs"]] == ["Etch engineer"]
    assert data["saved_searches"] == [
        {"name": "Busan", "filters": {"region": "busan"}, "frequency": "weekly",
         "created_at": search.created_at.isoformat()},
    ]  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        graduate_client.post(DELETE, {"password": PASSWORD, "confirm": "on"})
    assert not SavedJob.objects.exists()
    assert not SavedSearch.objects.exists() and not SavedSearchAlert.objects.exists()
    assert JobPosting.objects.filter(pk=posting.pk).exists()
