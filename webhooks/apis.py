"""The company's webhook endpoints and delivery log (owners register and remove endpoints and
redeliver; every verified member reads)."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from employers.permissions import IsVerifiedEmployerMember, membership_of
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


class EndpointListApi(ListAPIView):  # type: ignore[type-arg]
    permission_classes = [IsVerifiedEmployerMember]
    serializer_class = EndpointOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        return webhook_endpoints_of(employer=membership_of(self.request).employer)

    @extend_schema(
        operation_id="employer_webhooks_create",
        request=EndpointInputSerializer,
        responses={201: NewEndpointOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = EndpointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_create(
            employer=membership_of(request).employer,
            by=signed_in_user(request),
            url=data.validated_data["url"],
            events=data.validated_data["events"],
        )
        return Response(NewEndpointOutputSerializer(endpoint).data, status=status.HTTP_201_CREATED)


class EndpointDetailApi(APIView):
    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(operation_id="employer_webhooks_delete", responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        endpoint = webhook_endpoints_of(employer=membership_of(request).employer).filter(pk=pk)
        found = endpoint.first()
        if found is None:
            raise Http404
        webhook_endpoint_delete(endpoint=found, by=signed_in_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeliveryListApi(ListAPIView):  # type: ignore[type-arg]
    """The delivery log, newest first: each event, its attempts and the last answer."""

    permission_classes = [IsVerifiedEmployerMember]
    serializer_class = DeliveryOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        return webhook_deliveries_of(employer=membership_of(self.request).employer)


class DeliveryRedeliverApi(APIView):
    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(
        operation_id="employer_webhooks_redeliver",
        request=None,
        responses={202: DeliveryOutputSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        delivery = webhook_deliveries_of(employer=membership_of(request).employer).filter(pk=pk)
        found = delivery.first()
        if found is None:
            raise Http404
        webhook_delivery_redeliver(delivery=found, by=signed_in_user(request))
        found.refresh_from_db()
        return Response(DeliveryOutputSerializer(found).data, status=status.HTTP_202_ACCEPTED)
