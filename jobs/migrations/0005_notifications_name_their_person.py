"""Notifications and e-mails about an application written before they named whose data they
hold (`params["person"]`) get it from their key, so deleting that account blanks them too."""

from django.db import migrations

# key prefix -> which id follows it
_BY_APPLICATION = "new-application:"
_BY_CHANGE = ("application-withdrawn:", "application-moved:")


def _person(key: str, applications, changes) -> int | None:  # type: ignore[no-untyped-def]
    number = key.split(":")[1] if ":" in key else ""
    if not number.isdigit():
        return None
    if key.startswith(_BY_APPLICATION):
        return applications.get(int(number))
    if key.startswith(_BY_CHANGE):
        return changes.get(int(number))
    return None


def name_the_person(apps, schema_editor):  # type: ignore[no-untyped-def]
    Application = apps.get_model("jobs", "Application")
    Change = apps.get_model("jobs", "ApplicationStatusChange")
    Notification = apps.get_model("notifications", "Notification")
    EmailDelivery = apps.get_model("notifications", "EmailDelivery")
    applications = dict(Application.objects.values_list("pk", "graduate__user_id"))
    changes = dict(Change.objects.values_list("pk", "application__graduate__user_id"))
    kinds = ("new_application", "application_withdrawn", "application_moved")
    for notification in Notification.objects.filter(kind__in=kinds):
        person = _person(notification.key, applications, changes)
        if person is not None and "person" not in notification.params:
            notification.params = {**notification.params, "person": person}
            notification.save(update_fields=["params"])
    for delivery in EmailDelivery.objects.filter(template__in=kinds):
        params = delivery.context.get("params")
        person = _person(delivery.key, applications, changes)
        if person is not None and isinstance(params, dict) and "person" not in params:
            delivery.context = {**delivery.context, "params": {**params, "person": person}}
            delivery.save(update_fields=["context"])


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0004_deal_breaker_and_min_experience"),
        ("notifications", "0002_delivery_schedule"),
    ]

    operations = [migrations.RunPython(name_the_person, migrations.RunPython.noop)]
