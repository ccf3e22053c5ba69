from django.urls import path

from employers import apis

urlpatterns = [
    path("employer/company/", apis.CompanyApi.as_view(), name="api-employer-company"),
    path("employer/members/", apis.MemberListApi.as_view(), name="api-employer-members"),
    path(
        "employer/members/invitations/",
        apis.MemberInviteApi.as_view(),
        name="api-employer-members-invite",
    ),
    path("employer/members/leave/", apis.MemberLeaveApi.as_view(), name="api-employer-leave"),
    path("staff/employers/", apis.StaffEmployerListApi.as_view(), name="api-staff-employers"),
    path(
        "staff/employers/<int:pk>/verification/",
        apis.StaffEmployerVerificationApi.as_view(),
        name="api-staff-employer-verification",
    ),
]
