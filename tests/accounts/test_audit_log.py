"""The audit log (django-auditlog): verification decisions with their history, role and
permission changes, token events and deletions, with who did them; staff read it in the
admin with filters; it keeps no name or address of a deleted person, and is purged after
RETENTION_DAYS["audit_log"]."""

import datetime

import pytest
import time_machine
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.tasks import accounts_prune_task
from accounts.token_services import api_token_create, api_token_revoke
from employers.services import employer_set_verification
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_verification_decision_is_recorded_with_who_and_what_changed(staff):
    company = factories.EmployerFactory(unverified=True)
    with set_actor(staff):
        employer_set_verification(employer=company, status="verified", by=staff, note="Checked.")
    entry = LogEntry.objects.get_for_object(company).latest("timestamp")
    assert entry.actor == staff
    assert entry.changes_dict["verification_status"] == ["pending", "verified"]


def test_role_changes_and_token_events_are_recorded(staff):
    user = factories.UserFactory()
    user.is_staff = True
    user.save()
    assert LogEntry.objects.get_for_object(user).filter(changes__icontains="is_staff").exists()
    created = api_token_create(user=user, name="ops")
    api_token_revoke(token=created.token, by=user)
    actions = list(LogEntry.objects.get_for_object(created.token).values_list("action", flat=True))
    assert LogEntry.Action.CREATE in actions and LogEntry.Action.UPDATE in actions


def test_staff_read_the_log_in_the_admin_with_filters(staff_client: Client):
    response = staff_client.get("/admin/auditlog/logentry/")
    assert response.status_code == 200
    assert "By action" in response.content.decode() or "action" in response.content.decode()


def test_deleting_an_account_leaves_no_address_in_the_log(graduate, graduate_client):
    created = api_token_create(user=graduate, name="phone")
    api_token_revoke(token=created.token, by=graduate)
    graduate.is_active = True
    graduate.save()
    graduate_client.post("/graduate/account/delete/", {"password": PASSWORD, "confirm": "on"})
    rows = list(LogEntry.objects.values_list("object_repr", "actor_email", "changes"))
    leaks = [row for row in rows if graduate.email in str(row) or graduate.full_name in str(row)]
    assert leaks == []
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE).exists()  # the deletion stays


def test_the_log_is_purged_after_its_period():
    user = factories.UserFactory()
    user.is_staff = True
    user.save()
    days = settings.RETENTION_DAYS["audit_log"]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=days + 1)):
        accounts_prune_task()
    assert not LogEntry.objects.filter(object_pk=str(user.pk)).exists()


def test_sign_ins_and_failures_are_on_the_audit_record(client: Client, caplog):
    import logging

    user = factories.UserFactory()
    with caplog.at_level(logging.INFO, logger="talentbridge.audit"):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-guess-123"})
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "failed sign-in" in caplog.text and f"sign-in of user {user.pk}" in caplog.text
    assert user.email not in caplog.text


def test_sign_ins_and_failures_are_in_the_browsable_log_without_the_address(client: Client):
    user = factories.UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": "wrong-guess-123"})
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    events = [
        entry.changes_dict["event"][1]
        for entry in LogEntry.objects.get_for_object(user).filter(action=LogEntry.Action.ACCESS)
    ]
    assert "failed sign-in" in events and "sign-in" in events
    rows = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert user.email not in str(list(rows.values_list("object_repr", "actor_email")))
