from django.db.models import QuerySet

from employers.models import Employer
from partners.models import Partner
from webhooks.models import WebhookDelivery, WebhookEndpoint


def _of(owner: Employer | Partner, prefix: str = "") -> dict[str, Employer | Partner]:
    return {f"{prefix}{'partner' if isinstance(owner, Partner) else 'employer'}": owner}


def webhook_endpoints_of(*, owner: Employer | Partner) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(**_of(owner))


def webhook_deliveries_of(*, owner: Employer | Partner) -> QuerySet[WebhookDelivery]:
    """The company's or partner's delivery log, newest first."""
    return WebhookDelivery.objects.filter(**_of(owner, "endpoint__")).select_related("endpoint")
