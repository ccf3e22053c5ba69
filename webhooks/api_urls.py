from django.urls import path

from webhooks import apis

urlpatterns = [
    path(
        "employer/webhooks/", apis.EmployerEndpointListApi.as_view(), name="api-employer-webhooks"
    ),
    path(
        "employer/webhooks/<int:pk>/",
        apis.EmployerEndpointDetailApi.as_view(),
        name="api-employer-webhook",
    ),
    path(
        "employer/webhooks/deliveries/",
        apis.EmployerDeliveryListApi.as_view(),
        name="api-employer-webhook-deliveries",
    ),
    path(
        "employer/webhooks/deliveries/<int:pk>/redeliver/",
        apis.EmployerDeliveryRedeliverApi.as_view(),
        name="api-employer-webhook-redeliver",
    ),
    path("partner/webhooks/", apis.PartnerEndpointListApi.as_view(), name="api-partner-webhooks"),
    path(
        "partner/webhooks/<int:pk>/",
        apis.PartnerEndpointDetailApi.as_view(),
        name="api-partner-webhook",
    ),
    path(
        "partner/webhooks/deliveries/",
        apis.PartnerDeliveryListApi.as_view(),
        name="api-partner-webhook-deliveries",
    ),
    path(
        "partner/webhooks/deliveries/<int:pk>/redeliver/",
        apis.PartnerDeliveryRedeliverApi.as_view(),
        name="api-partner-webhook-redeliver",
    ),
]
