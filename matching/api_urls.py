from django.urls import path

from matching.apis import employer, graduate, staff

urlpatterns = [
    path("graduate/matches/", graduate.GraduateMatchListApi.as_view(), name="api-graduate-matches"),
    path(
        "employer/postings/<int:pk>/candidates/",
        employer.CandidateListApi.as_view(),
        name="api-employer-candidates",
    ),
    path(
        "employer/postings/<int:pk>/candidates/<int:graduate_id>/",
        employer.CandidateDetailApi.as_view(),
        name="api-employer-candidate",
    ),
    path(
        "employer/postings/<int:pk>/candidates/<int:graduate_id>/cv/",
        employer.CandidateCvApi.as_view(),
        name="api-employer-candidate-cv",
    ),
    path(
        "employer/postings/<int:pk>/candidates/<int:graduate_id>/invite/",
        employer.CandidateInviteApi.as_view(),
        name="api-employer-candidate-invite",
    ),
    path("staff/match-runs/", staff.MatchRunListApi.as_view(), name="api-staff-match-runs"),
    path(
        "staff/match-runs/<int:pk>/", staff.MatchRunDetailApi.as_view(), name="api-staff-match-run"
    ),
]
