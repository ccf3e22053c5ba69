"""The Korean employer portal: every employer page renders in Korean with none of its English
strings left on it (the catalogues themselves are checked in test_catalogues)."""

import pytest
from django.test import Client
from django.urls import reverse

from jobs.services import application_submit
from notifications.services import notification_create
from tests import factories
from tests.i18n.catalogues import english_left


def _english_left(html: str) -> list[str]:
    return english_left(html, "ko")


@pytest.fixture
def korean_employer(employer, graduate, django_capture_on_commit_callbacks):
    company = employer.employer_membership.employer
    posting = factories.JobPostingFactory(employer=company, title="식각 공정 엔지니어")
    factories.PostingSkillFactory(posting=posting)
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            graduate=factories.ready_to_apply(graduate.graduate_profile),
            posting=posting,
            cover_letter="안녕하세요",
        )
    notification_create(
        user=employer,
        kind="new_application",
        key="ko",
        params={"posting_title": posting.title, "graduate_name": "Lan"},
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(employer)
    return client, posting, application, graduate.graduate_profile


@pytest.mark.django_db
def test_every_employer_page_renders_in_korean(korean_employer):
    client, posting, application, profile = korean_employer
    pages = [
        reverse("employer:dashboard"),
        reverse("employer:company"),
        reverse("employer:company_edit"),
        reverse("employer:posting_list"),
        reverse("employer:posting_create"),
        reverse("employer:posting_detail", args=[posting.pk]),
        reverse("employer:posting_edit", args=[posting.pk]),
        reverse("employer:candidate_list", args=[posting.pk]),
        reverse("employer:candidate_detail", args=[posting.pk, profile.pk]),
        reverse("employer:pipeline", args=[posting.pk]),
        reverse("employer:application_detail", args=[application.pk]),
        reverse("employer:interview_schedule", args=[application.pk]),
        reverse("api_tokens"),
        reverse("notifications:list"),
    ]
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="ko">' in html, url
        assert _english_left(html) == [], url
    dashboard = client.get(pages[0]).content.decode()
    assert "기업 대시보드" in dashboard and "채용 단계" in dashboard
    application_page = reverse("employer:application_detail", args=[application.pk])
    assert "면접" in client.get(application_page).content.decode()


@pytest.mark.django_db
def test_the_company_set_up_and_sign_up_pages_render_in_korean():
    newcomer = factories.UserFactory(role="employer")
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(newcomer)
    for url in [reverse("employer:dashboard"), reverse("employer:company_create")]:
        html = client.get(url).content.decode()
        assert _english_left(html) == [], url
        assert "회사 프로필 등록" in html
    signup = Client(HTTP_ACCEPT_LANGUAGE="ko").get(reverse("account_signup") + "?role=employer")
    html = signup.content.decode()
    assert "한국 기업의 채용 담당자입니다" in html and _english_left(html) == []
