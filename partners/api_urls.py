from django.urls import path

from partners import apis

urlpatterns = [
    path("partner/", apis.PartnerSelfApi.as_view(), name="api-partner"),
    path(
        "partner/graduates/",
        apis.PartnerGraduateChangesApi.as_view(),
        name="api-partner-graduates",
    ),
    path(
        "partner/applications/",
        apis.PartnerApplicationChangesApi.as_view(),
        name="api-partner-applications",
    ),
    path("graduate/partners/", apis.GraduatePartnerListApi.as_view(), name="api-graduate-partners"),
    path(
        "graduate/partners/<int:pk>/share/",
        apis.GraduatePartnerShareApi.as_view(),
        name="api-graduate-partner-share",
    ),
]
