"""The retention schedule: what each daily task deletes, after the periods in RETENTION_DAYS
(config/security.py), and what it keeps."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.tasks import accounts_prune_task
from employers.models import AccessKind, CandidateAccess
from employers.tasks import candidate_accesses_prune_task
from notifications.models import EmailDelivery, Notification
from notifications.tasks import notifications_prune_task
from tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _later(days: int) -> datetime.datetime:
    return timezone.now() + days * DAY


def test_the_periods_are_documented_settings():
    assert set(settings.RETENTION_DAYS) == {
        "email_deliveries", "notifications", "candidate_accesses", "unverified_signups",
        "audit_log",
    }  # fmt: skip


def test_sent_emails_and_old_notifications_go_pending_emails_stay():
    user = factories.UserFactory()
    EmailDelivery.objects.create(
        key="sent", to_email=user.email, template="t", status="sent", sent_at=timezone.now()
    )
    EmailDelivery.objects.create(key="pending", to_email=user.email, template="t")
    Notification.objects.create(user=user, kind="new_application", key="n1")
    emails, notes = (settings.RETENTION_DAYS[k] for k in ("email_deliveries", "notifications"))
    assert emails < notes

    with time_machine.travel(_later(emails - 1)):
        notifications_prune_task()
    assert EmailDelivery.objects.count() == 2 and Notification.objects.count() == 1
    with time_machine.travel(_later(emails + 1)):
        notifications_prune_task()
    assert list(EmailDelivery.objects.values_list("key", flat=True)) == ["pending"]
    assert Notification.objects.count() == 1
    with time_machine.travel(_later(notes + 1)):
        notifications_prune_task()
    assert Notification.objects.count() == 0
    assert EmailDelivery.objects.filter(key="pending").exists()  # never sent: still to send


def test_unverified_sign_ups_and_expired_sessions_go(client: Client):
    kept = factories.UserFactory()  # verified by the factory
    never = factories.UserFactory()
    EmailAddress.objects.filter(user=never).update(verified=False)
    client.force_login(kept)
    days = settings.RETENTION_DAYS["unverified_signups"]

    with time_machine.travel(_later(days + 1)):
        accounts_prune_task()
    assert set(User.objects.values_list("pk", flat=True)) == {kept.pk}
    assert Session.objects.count() == 0  # the 12-hour session had expired


def test_candidate_access_records_go_after_their_period():
    member = factories.EmployerMemberFactory()
    graduate = factories.GraduateProfileFactory()
    CandidateAccess.objects.create(
        employer=member.employer, viewer=member.user, graduate=graduate, kind=AccessKind.CV
    )
    days = settings.RETENTION_DAYS["candidate_accesses"]
    with time_machine.travel(_later(days - 1)):
        candidate_accesses_prune_task()
    assert CandidateAccess.objects.count() == 1
    with time_machine.travel(_later(days + 1)):
        candidate_accesses_prune_task()
    assert CandidateAccess.objects.count() == 0


def test_every_pruning_task_is_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "accounts.tasks.accounts_prune_task",
        "employers.tasks.candidate_accesses_prune_task",
        "notifications.tasks.notifications_prune_task",
    } <= tasks
