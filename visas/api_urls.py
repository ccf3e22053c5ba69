from django.urls import path

from visas.apis import VisaEvaluateApi, VisaGuidanceApi

urlpatterns = [
    path("visas/evaluate/", VisaEvaluateApi.as_view(), name="api-visas-evaluate"),
    path("graduate/visa-guidance/", VisaGuidanceApi.as_view(), name="api-graduate-visa-guidance"),
]
