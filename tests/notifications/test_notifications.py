"""Notifications: e-mails sent once whatever runs twice, retried while the mail server fails
and then recorded as failed, the daily digest, and the in-app list."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matching.services import match_digests_send, match_run_request
from notifications.models import EmailDelivery, Notification
from notifications.services import email_queue, notification_create, notify
from notifications.tasks import EMAIL_MAX_RETRIES, notify_send_email_task
from tests import factories

pytestmark = pytest.mark.django_db


def _delivery(user) -> EmailDelivery:
    notification_create(
        user=user,
        kind="new_application",
        key="k1",
        params={"posting_title": "Etch engineer", "graduate_name": "Lan"},
    )
    return email_queue(
        key="k1",
        to_email=user.email,
        template="new_application",
        context={
            "kind": "new_application",
            "params": {"posting_title": "Etch engineer", "graduate_name": "Lan"},
            "url": "http://testserver/employer/",
        },
        user=user,
    )


def test_the_task_run_twice_sends_one_e_mail(employer, mailoutbox):
    delivery = _delivery(employer)  # not committed in this test: nothing ran yet
    assert mailoutbox == []
    notify_send_email_task.delay(delivery.pk)
    notify_send_email_task.delay(delivery.pk)
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)
    message = mailoutbox[0]
    assert message.subject == "[Talent Bridge] New application for Etch engineer"
    assert "Lan applied." in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "Etch engineer" in html


def test_queueing_the_same_key_twice_keeps_one_delivery_and_one_e_mail(
    employer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _delivery(employer)
        _delivery(employer)
    assert EmailDelivery.objects.count() == 1 and Notification.objects.count() == 1
    assert len(mailoutbox) == 1


class FailingBackend:
    """A mail server that is down: every send raises."""

    calls = 0

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: list[object]) -> int:
        FailingBackend.calls += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def mail_server_down(settings):
    FailingBackend.calls = 0
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    return FailingBackend


def test_a_failing_mail_server_is_retried_then_recorded_as_failed(employer, mail_server_down):
    delivery = _delivery(employer)

    notify_send_email_task.delay(delivery.pk)  # eager: the retries run in turn, without waiting

    delivery.refresh_from_db()
    assert mail_server_down.calls == EMAIL_MAX_RETRIES + 1
    assert (delivery.status, delivery.attempts) == ("failed", EMAIL_MAX_RETRIES + 1)
    assert "SMTPServerDisconnected" in delivery.last_error
    assert delivery.failed_at is not None and delivery.sent_at is None


def test_retries_back_off_exponentially():
    assert notify_send_email_task.autoretry_for
    assert (
        notify_send_email_task.retry_backoff == 30
        and notify_send_email_task.retry_backoff_max == 3600
    )
    assert notify_send_email_task.max_retries == EMAIL_MAX_RETRIES


def test_a_server_that_recovers_sends_once(employer, settings, mailoutbox, monkeypatch):
    delivery = _delivery(employer)
    attempts = {"n": 0}
    real_send = mail.EmailMultiAlternatives.send

    def flaky(self, fail_silently=False):
        attempts["n"] += 1
        if attempts["n"] < 3:
            raise ConnectionRefusedError("mail server restarting")
        return real_send(self, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky)
    notify_send_email_task.delay(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(mailoutbox)) == ("sent", 3, 1)


def test_a_failed_delivery_is_not_sent_by_a_later_run(employer, mail_server_down, mailoutbox):
    delivery = _delivery(employer)
    notify_send_email_task.delay(delivery.pk)
    calls = mail_server_down.calls
    notify_send_email_task.delay(delivery.pk)
    assert mail_server_down.calls == calls


def test_e_mails_escape_user_text_in_html(graduate, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=graduate,
            kind="application_moved",
            key="x",
            params={
                "posting_title": "QA <script>",
                "company": "ACME",
                "status": "interview",
                "message": "<b>hi</b>",
            },
            url="/graduate/",
        )
    (message,) = mailoutbox
    html = message.alternatives[0][0]
    assert "<script>" not in html and "&lt;b&gt;hi&lt;/b&gt;" in html
    assert "QA <script>" in message.subject  # plain text stays plain


# --- the daily digest ------------------------------------------------------------------------


@pytest.fixture
def matched_yesterday(graduate, employer, django_capture_on_commit_callbacks):
    """A posting published yesterday that the `graduate` persona fits perfectly."""
    company = employer.employer_membership.employer
    yesterday = timezone.now() - datetime.timedelta(days=1)
    posting = factories.JobPostingFactory(employer=company, published_at=yesterday)
    skill = factories.PostingSkillFactory(posting=posting, min_level=2).skill
    factories.GraduateSkillFactory(profile=graduate.graduate_profile, skill=skill, level=5)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    return posting


def test_the_digest_is_sent_at_most_once_a_day(
    graduate, matched_yesterday, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert match_digests_send(day=today, min_score=0.1) == 1
        match_digests_send(day=today, min_score=0.1)
    digests = Notification.objects.filter(user=graduate, kind="match_digest")
    assert digests.count() == 1
    assert digests.get().params["postings"][0]["title"] == matched_yesterday.title
    (message,) = mailoutbox
    assert message.to == [graduate.email] and matched_yesterday.title in message.body


def test_the_digest_skips_matches_below_the_threshold(graduate, matched_yesterday):
    assert match_digests_send(day=timezone.localdate(), min_score=1.01) == 0
    assert not Notification.objects.filter(kind="match_digest").exists()


def test_the_digest_only_covers_postings_published_the_day_before(graduate, matched_yesterday):
    later = timezone.localdate() + datetime.timedelta(days=5)
    assert match_digests_send(day=later, min_score=0.1) == 0


# --- the in-app list -------------------------------------------------------------------------


def test_the_list_shows_only_the_users_own_notifications(graduate_client, graduate, other_graduate):
    notification_create(
        user=graduate,
        kind="application_moved",
        key="mine",
        params={"posting_title": "Line engineer", "company": "ACME", "status": "interview"},
    )
    notification_create(
        user=other_graduate,
        kind="application_moved",
        key="theirs",
        params={"posting_title": "Secret role", "company": "X", "status": "offer"},
    )
    html = graduate_client.get(reverse("notifications:list")).content.decode()
    assert "Your application for Line engineer is now: Interview" in html
    assert "Secret role" not in html


def test_the_nav_counts_unread_and_opening_marks_read(graduate_client, graduate):
    note = notification_create(
        user=graduate,
        kind="invited_to_apply",
        key="inv",
        params={"posting_title": "Role", "company": "ACME"},
        url="/jobs/",
    )
    html = graduate_client.get(reverse("notifications:list")).content.decode()
    assert 'nav-count">1' in html
    response = graduate_client.post(
        reverse("notifications:read"), {"id": note.pk, "next": "/jobs/"}
    )
    assert response.url == "/jobs/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_marking_cannot_touch_someone_elses_notification(graduate_client, other_graduate):
    theirs = notification_create(
        user=other_graduate, kind="match_digest", key="d", params={"count": 1}
    )
    graduate_client.post(reverse("notifications:read"), {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_off_site_next_is_not_followed(graduate_client, graduate):
    note = notification_create(user=graduate, kind="match_digest", key="d", params={"count": 1})
    response = graduate_client.post(
        reverse("notifications:read"), {"id": note.pk, "next": "https://evil.example/"}
    )
    assert response.url == reverse("notifications:list")


def test_anonymous_visitors_sign_in_first():
    response = Client().get(reverse("notifications:list"))
    assert response.status_code == 302 and "login" in response.url


def test_the_list_uses_a_constant_number_of_queries(
    graduate_client, graduate, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    notification_create(user=graduate, kind="match_digest", key="a", params={"count": 1})
    with CaptureQueriesContext(connection) as few:
        graduate_client.get(reverse("notifications:list"))
    for n in range(5):
        notification_create(user=graduate, kind="match_digest", key=f"b{n}", params={"count": 2})
    with django_assert_num_queries(len(few)):
        graduate_client.get(reverse("notifications:list"))


class _RetryAsked(Exception):
    pass


def test_on_a_worker_a_failure_asks_celery_for_a_delayed_retry(
    employer, mail_server_down, monkeypatch
):
    """Through a broker the autoretry asks for a retry with a backoff countdown; the last
    attempt records the failure instead of raising."""
    delivery = _delivery(employer)
    asked = []

    def retry(*args, **kwargs):
        asked.append(kwargs)
        raise _RetryAsked

    monkeypatch.setattr(notify_send_email_task, "retry", retry)
    notify_send_email_task.push_request(retries=2, is_eager=False)
    try:
        with pytest.raises(_RetryAsked):
            notify_send_email_task(delivery.pk)
    finally:
        notify_send_email_task.pop_request()
    assert 0 <= asked[0]["countdown"] <= 30 * 2**2
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)

    notify_send_email_task.push_request(retries=EMAIL_MAX_RETRIES, is_eager=False)
    try:
        notify_send_email_task(delivery.pk)
    finally:
        notify_send_email_task.pop_request()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(asked)) == ("failed", 2, 1)
