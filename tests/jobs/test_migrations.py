"""Data migrations, run on today's models."""

import importlib

import pytest
from django.apps import apps

from notifications.models import EmailDelivery, Notification
from tests import factories

pytestmark = pytest.mark.django_db


def test_old_application_notifications_learn_whose_data_they_hold():
    migration = importlib.import_module("jobs.migrations.0005_notifications_name_their_person")
    application = factories.ApplicationFactory()
    member = factories.EmployerMemberFactory(employer=application.posting.employer).user
    key = f"new-application:{application.pk}:{member.pk}"
    params = {"posting_title": "T", "company": "C", "graduate_name": "Old Name"}
    Notification.objects.create(user=member, kind="new_application", key=key, params=params)
    EmailDelivery.objects.create(
        key=key, to_email=member.email, template="new_application", context={"params": params}
    )
    Notification.objects.create(user=member, kind="new_application", key="new-application:x:1")

    migration.name_the_person(apps, None)

    person = application.graduate.user_id
    assert Notification.objects.get(key=key).params["person"] == person
    assert EmailDelivery.objects.get(key=key).context["params"]["person"] == person
    assert "person" not in Notification.objects.get(key="new-application:x:1").params
