from django.db.models import QuerySet

from employers.models import Employer
from webhooks.models import WebhookDelivery, WebhookEndpoint


def webhook_endpoints_of(*, employer: Employer) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(employer=employer)


def webhook_deliveries_of(*, employer: Employer) -> QuerySet[WebhookDelivery]:
    """The company's delivery log, newest first."""
    return WebhookDelivery.objects.filter(endpoint__employer=employer).select_related("endpoint")
