"""Notifications: e-mails sent once whatever runs twice, retried while the mail server fails
and then recorded as failed, the match digest (daily, weekly or off), and the in-app list."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matching.services import match_digests_send, match_digests_send_for, match_run_request
from matching.services.digests import WEEKLY_DIGEST_WEEKDAY
from notifications.models import EmailDelivery, Notification
from notifications.services import (
    MAX_ATTEMPTS,
    RETRY_GAPS_MINUTES,
    email_deliveries_send_due,
    email_queue,
    message_id,
    notification_create,
    notify,
)
from notifications.tasks import notify_send_email_task
from notifications.texts import notification_text
from profiles.services import graduate_digest_frequency_set
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


def _after(minutes: float):
    """Move time on: every pending delivery's next attempt is due `minutes` earlier."""
    from datetime import timedelta

    EmailDelivery.objects.filter(status="pending").update(
        next_attempt_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_failing_mail_server_is_retried_for_hours_with_growing_gaps_then_failed(
    employer, mail_server_down
):
    delivery = _delivery(employer)
    notify_send_email_task.delay(delivery.pk)
    gaps = []
    for _ in range(MAX_ATTEMPTS - 1):
        delivery.refresh_from_db()
        assert delivery.status == "pending" and delivery.claimed_until is None
        gaps.append(round((delivery.next_attempt_at - timezone.now()).total_seconds() / 60))
        notify_send_email_task.delay(delivery.pk)  # not due yet: nothing happens
        assert mail_server_down.calls == len(gaps)
        _after(0)
        email_deliveries_send_due()  # the beat's sweep
    delivery.refresh_from_db()
    assert gaps == list(RETRY_GAPS_MINUTES) and sum(gaps) >= 4 * 60
    assert sorted(gaps) == gaps  # the gaps grow
    assert (delivery.status, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    assert mail_server_down.calls == MAX_ATTEMPTS
    assert "SMTPServerDisconnected" in delivery.last_error
    assert delivery.failed_at is not None and delivery.sent_at is None


def test_a_server_that_recovers_sends_once(employer, mailoutbox, monkeypatch):
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
    for _ in range(4):
        _after(0)
        email_deliveries_send_due()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(mailoutbox)) == ("sent", 3, 1)


def test_a_failed_delivery_is_not_sent_by_a_later_run(employer, mail_server_down, mailoutbox):
    delivery = _delivery(employer)
    EmailDelivery.objects.filter(pk=delivery.pk).update(status="failed", attempts=MAX_ATTEMPTS)
    notify_send_email_task.delay(delivery.pk)
    email_deliveries_send_due()
    assert mail_server_down.calls == 0


def test_an_e_mail_whose_message_was_lost_is_sent_by_the_sweep(
    employer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the broker never got the message
        delivery = _delivery(employer)
    assert mailoutbox == []
    assert email_deliveries_send_due() == [delivery.pk]
    assert len(mailoutbox) == 1 and email_deliveries_send_due() == []


def test_a_worker_killed_mid_send_counts_the_attempt_and_the_resend_keeps_the_message_id(
    employer, mailoutbox, monkeypatch
):
    from notifications import services

    delivery = _delivery(employer)

    def killed(self, fail_silently=False):
        mail.outbox.append(self)  # the mail server accepted it ...
        raise SystemExit("pool child killed")  # ... and the worker died before recording it

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", killed)
    with pytest.raises(SystemExit):
        services.email_delivery_send(delivery_id=delivery.pk)
    monkeypatch.undo()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)  # the attempt survived
    assert email_deliveries_send_due() == []  # held while its lease runs
    EmailDelivery.objects.filter(pk=delivery.pk).update(claimed_until=timezone.now())
    assert email_deliveries_send_due() == [delivery.pk]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    ids = {m.extra_headers["Message-ID"] for m in mailoutbox}
    assert ids == {message_id(delivery.key)}  # the receiver sees one message, twice delivered


def test_message_ids_follow_the_key():
    assert message_id("k1") == message_id("k1") != message_id("k2")
    assert message_id("k1").startswith("<") and message_id("k1").endswith("@talentbridge.example>")


def test_staff_send_a_failed_e_mail_again_from_the_admin(
    employer, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    delivery = _delivery(employer)
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status="failed", attempts=MAX_ATTEMPTS, failed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:notifications_emaildelivery_changelist"),
            {"action": "send_again", "_selected_action": [delivery.pk]},
            follow=True,
        )
    assert "1 e-mail(s) queued to send again." in response.content.decode()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(mailoutbox)) == ("sent", 1, 1)


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
    if later.weekday() == WEEKLY_DIGEST_WEEKDAY:
        later += datetime.timedelta(days=1)  # not the weekly digest's day
    assert match_digests_send(day=later, min_score=0.1) == 0


def _next_monday() -> datetime.date:
    """The first weekly digest day from today whose week covers yesterday."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=(WEEKLY_DIGEST_WEEKDAY - today.weekday()) % 7)


def test_graduates_get_the_daily_digest_unless_they_choose_otherwise(graduate):
    assert graduate.graduate_profile.match_digest_frequency == "daily"


def test_a_graduate_who_turned_the_digest_off_gets_none(graduate, matched_yesterday):
    graduate_digest_frequency_set(profile=graduate.graduate_profile, frequency="off")

    assert match_digests_send(day=timezone.localdate(), min_score=0.1) == 0
    assert match_digests_send(day=_next_monday(), min_score=0.1) == 0
    assert not Notification.objects.filter(kind="match_digest").exists()


def test_a_weekly_graduate_gets_one_digest_on_monday_covering_the_week(
    graduate, matched_yesterday, mailoutbox, django_capture_on_commit_callbacks
):
    graduate_digest_frequency_set(profile=graduate.graduate_profile, frequency="weekly")
    monday = _next_monday()
    not_monday = monday + datetime.timedelta(days=1)

    # Whatever day the tests run on (a Monday too): other days send nothing, Monday sends once.
    assert match_digests_send_for(frequency="daily", day=monday, min_score=0.1) == 0
    assert match_digests_send(day=not_monday, min_score=0.1) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert match_digests_send(day=monday, min_score=0.1) == 1
        match_digests_send(day=monday, min_score=0.1)

    digest = Notification.objects.get(user=graduate, kind="match_digest")
    assert digest.key == f"match-digest-weekly:{graduate.pk}:{monday.isoformat()}"
    assert digest.params["postings"][0]["title"] == matched_yesterday.title
    assert "this past week" in notification_text(digest.kind, digest.params).body
    (message,) = mailoutbox
    assert "/graduate/alerts/" in message.body


def test_the_digest_frequency_is_daily_weekly_or_off(graduate):
    with pytest.raises(ValidationError):
        graduate_digest_frequency_set(profile=graduate.graduate_profile, frequency="instant")
    graduate.graduate_profile.refresh_from_db()
    assert graduate.graduate_profile.match_digest_frequency == "daily"


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
    graduate_client.get(reverse("notifications:list"))  # the first fills the nav's cache
    with CaptureQueriesContext(connection) as few:
        graduate_client.get(reverse("notifications:list"))
    for n in range(5):
        notification_create(user=graduate, kind="match_digest", key=f"b{n}", params={"count": 2})
    with django_assert_num_queries(len(few)):
        graduate_client.get(reverse("notifications:list"))


def test_a_message_that_cannot_be_rendered_is_scheduled_then_failed_like_a_server_failure(
    employer, mailoutbox
):
    delivery = _delivery(employer)
    EmailDelivery.objects.filter(pk=delivery.pk).update(template="no_such_template")
    notify_send_email_task.delay(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert "TemplateDoesNotExist" in delivery.last_error and delivery.claimed_until is None
    for _ in range(MAX_ATTEMPTS - 1):
        _after(0)
        email_deliveries_send_due()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, mailoutbox) == ("failed", MAX_ATTEMPTS, [])
