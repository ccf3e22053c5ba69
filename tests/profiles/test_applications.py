"""My applications: list, history with the employer's messages (never notes), withdraw, 404s."""

import pytest
from django.test import Client
from django.urls import reverse

from jobs.models import ApplicationStatus
from jobs.services import application_move, application_submit
from tests import factories
from tests.profiles.querycount import queries_of

pytestmark = pytest.mark.django_db
LIST = reverse("graduate:applications")


@pytest.fixture
def application(graduate, employer):
    posting = factories.JobPostingFactory(employer=employer.employer_membership.employer)
    application = application_submit(
        graduate=factories.ready_to_apply(graduate.graduate_profile),
        posting=posting,
        cover_letter="Dear <team>,",
    )
    application_move(
        application=application,
        to_status=ApplicationStatus.SCREENING,
        by=employer,
        note="INTERNAL: salary expectations too high?",
        message="Thanks! We are <em>reviewing</em> your CV.",
    )
    return application


def test_history_shows_employer_messages_but_never_internal_notes(graduate_client, application):
    page = graduate_client.get(
        reverse("graduate:application_detail", args=[application.pk])
    ).content.decode()
    assert "We are &lt;em&gt;reviewing&lt;/em&gt; your CV." in page
    assert "INTERNAL" not in page
    assert "You applied" in page and "Screening" in page
    assert "Dear &lt;team&gt;," in page


def test_list_shows_status_and_message_count(graduate_client, application):
    page = graduate_client.get(LIST).content.decode()
    assert application.posting.title in page
    assert "Screening" in page
    assert "1 message" in page


def test_another_graduates_application_is_404(application, other_graduate, employer_client):
    client = Client()
    client.force_login(other_graduate)
    detail = reverse("graduate:application_detail", args=[application.pk])
    withdraw = reverse("graduate:application_withdraw", args=[application.pk])
    assert client.get(detail).status_code == 404
    assert client.get(withdraw).status_code == 404
    assert client.post(withdraw).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENING
    assert employer_client.get(detail).url == reverse("dashboard")


def test_anonymous_is_sent_to_log_in(client, application):
    response = client.get(reverse("graduate:application_detail", args=[application.pk]))
    assert response.url.startswith(reverse("account_login"))


def test_withdraw_then_withdraw_again_is_refused_politely(graduate_client, application):
    url = reverse("graduate:application_withdraw", args=[application.pk])
    response = graduate_client.post(url, follow=True)
    assert "Your application is withdrawn." in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    response = graduate_client.post(url, follow=True)
    assert response.status_code == 200
    assert "cannot be moved to withdrawn" in response.content.decode()
    assert application.history.count() == 3


def test_withdrawing_asks_for_confirmation_first(graduate_client, application):
    detail = graduate_client.get(reverse("graduate:application_detail", args=[application.pk]))
    url = reverse("graduate:application_withdraw", args=[application.pk])
    assert f'action="{url}"' not in detail.content.decode()  # no one-click withdrawal
    assert f'href="{url}"' in detail.content.decode()

    confirm = graduate_client.get(url)

    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Withdraw your application?" in page and "cannot be undone" in page
    assert f'action="{url}"' in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENING


def test_the_confirmation_page_of_a_final_application_goes_back(graduate_client, application):
    graduate_client.post(reverse("graduate:application_withdraw", args=[application.pk]))
    url = reverse("graduate:application_withdraw", args=[application.pk])
    response = graduate_client.get(url)
    assert response.url == reverse("graduate:application_detail", args=[application.pk])


def test_list_queries_do_not_grow_with_applications(graduate, graduate_client):
    profile = graduate.graduate_profile
    for _ in range(2):
        factories.ApplicationFactory(graduate=profile)
    graduate_client.get(LIST)  # the first fills what is kept (the nav's unread figure)
    few, _ = queries_of(lambda: graduate_client.get(LIST))
    for _ in range(7):
        factories.ApplicationFactory(graduate=profile)
    many, response = queries_of(lambda: graduate_client.get(LIST))
    assert len(response.context["applications"]) == 9
    assert many == few
