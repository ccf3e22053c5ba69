"""Webhook endpoints and their delivery log, for a company (owners register and remove endpoints
and redeliver; every verified member reads) and for an approved partner (its access token with
the `webhooks` scope). One set of views, two kinds of owner."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from accounts.models import User
from employers.models import Employer
from employers.permissions import IsVerifiedEmployerMember, membership_of
from partners.apis import PartnerApiView
from partners.models import Partner
from partners.permissions import partner_of
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from webhooks.selectors import webhook_deliveries_of, webhook_endpoints_of
from webhooks.services import (
    webhook_delivery_redeliver,
    webhook_endpoint_create,
    webhook_endpoint_delete,
)


class EndpointInputSerializer(serializers.Serializer[Any]):
    url = serializers.URLField(max_length=500, help_text="https, on a public address.")
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices), min_length=1
    )


class EndpointOutputSerializer(serializers.ModelSerializer[WebhookEndpoint]):
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "events", "is_active", "created_at"]


class NewEndpointOutputSerializer(EndpointOutputSerializer):
    secret = serializers.CharField(help_text="Shown once: it signs every request (docs/api.md).")

    class Meta(EndpointOutputSerializer.Meta):
        fields = [*EndpointOutputSerializer.Meta.fields, "secret"]


class DeliveryOutputSerializer(serializers.ModelSerializer[WebhookDelivery]):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id", "endpoint", "event_id", "event", "payload", "status", "attempts",
            "last_status_code", "last_error", "created_at", "next_attempt_at", "delivered_at",
        ]  # fmt: skip


class _CompanyOwned(APIView):
    """The company's endpoints: every verified member reads, owners change."""

    permission_classes = [IsVerifiedEmployerMember]
    operation_prefix = "employer"

    def owner(self, request: Request) -> Employer | Partner:
        return membership_of(request).employer

    def by(self, request: Request) -> User | None:
        return signed_in_user(request)


class _PartnerOwned(PartnerApiView):
    """The partner's endpoints, with its access token's `webhooks` scope."""

    required_scopes = ["webhooks"]
    operation_prefix = "partner"

    def owner(self, request: Request) -> Employer | Partner:
        return partner_of(request)

    def by(self, request: Request) -> User | None:
        return None


class _EndpointList(ListAPIView):  # type: ignore[type-arg]
    serializer_class = EndpointOutputSerializer
    filter_backends: list[type] = []
    owner: Any
    by: Any

    def get_queryset(self) -> Any:
        return webhook_endpoints_of(owner=self.owner(self.request))

    def post(self, request: Request) -> Response:
        data = EndpointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_create(
            owner=self.owner(request),
            by=self.by(request),
            url=data.validated_data["url"],
            events=data.validated_data["events"],
        )
        return Response(NewEndpointOutputSerializer(endpoint).data, status=status.HTTP_201_CREATED)


class _EndpointDetail(APIView):
    owner: Any
    by: Any

    def delete(self, request: Request, pk: int) -> Response:
        found = webhook_endpoints_of(owner=self.owner(request)).filter(pk=pk).first()
        if found is None:
            raise Http404
        webhook_endpoint_delete(endpoint=found, by=self.by(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class _DeliveryList(ListAPIView):  # type: ignore[type-arg]
    """The delivery log, newest first: each event, its attempts and the last answer."""

    serializer_class = DeliveryOutputSerializer
    filter_backends: list[type] = []
    owner: Any

    def get_queryset(self) -> Any:
        return webhook_deliveries_of(owner=self.owner(self.request))


class _DeliveryRedeliver(APIView):
    owner: Any
    by: Any

    def post(self, request: Request, pk: int) -> Response:
        found = webhook_deliveries_of(owner=self.owner(request)).filter(pk=pk).first()
        if found is None:
            raise Http404
        webhook_delivery_redeliver(delivery=found, by=self.by(request))
        found.refresh_from_db()
        return Response(DeliveryOutputSerializer(found).data, status=status.HTTP_202_ACCEPTED)


_CREATE: dict[str, Any] = {
    "request": EndpointInputSerializer,
    "responses": {201: NewEndpointOutputSerializer},
}
_REDELIVER: dict[str, Any] = {"request": None, "responses": {202: DeliveryOutputSerializer}}


class EmployerEndpointListApi(_CompanyOwned, _EndpointList):
    @extend_schema(operation_id="employer_webhooks_create", **_CREATE)
    def post(self, request: Request) -> Response:
        return super().post(request)


class EmployerEndpointDetailApi(_CompanyOwned, _EndpointDetail):
    @extend_schema(operation_id="employer_webhooks_delete", responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        return super().delete(request, pk)


class EmployerDeliveryListApi(_CompanyOwned, _DeliveryList):
    pass


class EmployerDeliveryRedeliverApi(_CompanyOwned, _DeliveryRedeliver):
    @extend_schema(operation_id="employer_webhooks_redeliver", **_REDELIVER)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class PartnerEndpointListApi(_PartnerOwned, _EndpointList):
    @extend_schema(operation_id="partner_webhooks_create", **_CREATE)
    def post(self, request: Request) -> Response:
        return super().post(request)


class PartnerEndpointDetailApi(_PartnerOwned, _EndpointDetail):
    @extend_schema(operation_id="partner_webhooks_delete", responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        return super().delete(request, pk)


class PartnerDeliveryListApi(_PartnerOwned, _DeliveryList):
    pass


class PartnerDeliveryRedeliverApi(_PartnerOwned, _DeliveryRedeliver):
    @extend_schema(operation_id="partner_webhooks_redeliver", **_REDELIVER)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)
