from django.urls import path

from employers.views import applications, candidates, company, dashboard, postings

app_name = "employers"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("company/new/", company.company_create, name="company_create"),
    path("company/", company.company_detail, name="company"),
    path("company/edit/", company.company_edit, name="company_edit"),
    path("company/invite/", company.colleague_invite_view, name="colleague_invite"),
    path("company/leave/", company.member_leave_view, name="member_leave"),
    path("join/<str:token>/", company.invitation_accept, name="invitation_accept"),
    path("postings/", postings.posting_list, name="posting_list"),
    path("postings/new/", postings.posting_create_view, name="posting_create"),
    path("postings/<int:pk>/", postings.posting_detail, name="posting_detail"),
    path("postings/<int:pk>/edit/", postings.posting_edit, name="posting_edit"),
    *[
        path(
            f"postings/<int:pk>/{action}/",
            postings.posting_action,
            {"action": action},
            name=f"posting_{action}",
        )
        for action in ("publish", "close", "reopen", "duplicate")
    ],
    path("postings/<int:pk>/candidates/", candidates.candidate_list, name="candidate_list"),
    path(
        "postings/<int:pk>/candidates/<int:graduate_id>/",
        candidates.candidate_detail,
        name="candidate_detail",
    ),
    path(
        "postings/<int:pk>/candidates/<int:graduate_id>/invite/",
        candidates.candidate_invite,
        name="candidate_invite",
    ),
    path("candidates/<int:graduate_id>/cv/", candidates.candidate_cv, name="candidate_cv"),
    path("postings/<int:pk>/applications/", applications.pipeline, name="pipeline"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/move/",
        applications.application_move_view,
        name="application_move",
    ),
]
