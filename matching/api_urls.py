from django.urls import path

from matching import apis

urlpatterns = [
    path("graduate/matches/", apis.GraduateMatchListApi.as_view(), name="api-graduate-matches"),
    path(
        "employer/postings/<int:pk>/candidates/",
        apis.CandidateListApi.as_view(),
        name="api-employer-candidates",
    ),
    path(
        "employer/postings/<int:pk>/candidates/<int:graduate_id>/",
        apis.CandidateDetailApi.as_view(),
        name="api-employer-candidate",
    ),
    path(
        "employer/postings/<int:pk>/candidates/<int:graduate_id>/cv/",
        apis.CandidateCvApi.as_view(),
        name="api-employer-candidate-cv",
    ),
    path(
        "employer/postings/<int:pk>/candidates/<int:graduate_id>/invite/",
        apis.CandidateInviteApi.as_view(),
        name="api-employer-candidate-invite",
    ),
    path("staff/match-runs/", apis.MatchRunListApi.as_view(), name="api-staff-match-runs"),
    path(
        "staff/match-runs/<int:pk>/", apis.MatchRunDetailApi.as_view(), name="api-staff-match-run"
    ),
]
