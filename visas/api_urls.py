from django.urls import path

from visas.apis import VisaEvaluateApi

urlpatterns = [
    path("evaluate/", VisaEvaluateApi.as_view(), name="api-visas-evaluate"),
]
