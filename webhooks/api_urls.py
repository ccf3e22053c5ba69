from django.urls import path

from webhooks import apis

urlpatterns = [
    path("employer/webhooks/", apis.EndpointListApi.as_view(), name="api-employer-webhooks"),
    path(
        "employer/webhooks/<int:pk>/",
        apis.EndpointDetailApi.as_view(),
        name="api-employer-webhook",
    ),
    path(
        "employer/webhooks/deliveries/",
        apis.DeliveryListApi.as_view(),
        name="api-employer-webhook-deliveries",
    ),
    path(
        "employer/webhooks/deliveries/<int:pk>/redeliver/",
        apis.DeliveryRedeliverApi.as_view(),
        name="api-employer-webhook-redeliver",
    ),
]
