from django.urls import path

from analytics import apis

urlpatterns = [
    path("staff/analytics/skills/", apis.StaffSkillGapsApi.as_view(), name="api-staff-analytics"),
    path(
        "partner/analytics/skills/",
        apis.PartnerSkillGapsApi.as_view(),
        name="api-partner-analytics",
    ),
]
