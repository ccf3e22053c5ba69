"""The API endpoints that live in portal: those whose answer needs an app above their resource's
own (see ARCHITECTURE.md). Mounted under /api/v1/ with every app's routes."""

from django.urls import path

from portal.account import apis as account
from portal.employer import apis as employer
from portal.graduate import apis as graduate
from portal.public import apis as public

urlpatterns = [
    path("accounts/signup/", account.SignupApi.as_view(), name="api-accounts-signup"),
    path("accounts/export/", account.ExportApi.as_view(), name="api-accounts-export"),
    path("accounts/delete/", account.AccountDeleteApi.as_view(), name="api-accounts-delete"),
    path("postings/", public.PostingListApi.as_view(), name="api-postings-list"),
    path("employers/", public.EmployerListApi.as_view(), name="api-employers-list"),
    path("employers/<int:pk>/", public.EmployerDetailApi.as_view(), name="api-employers-detail"),
    path(
        "employers/<int:pk>/postings/",
        public.EmployerPostingListApi.as_view(),
        name="api-employers-postings",
    ),
    path(
        "graduate/matches/<int:posting_id>/",
        graduate.GraduateMatchDetailApi.as_view(),
        name="api-graduate-match",
    ),
    path(
        "employer/postings/",
        employer.EmployerPostingListApi.as_view(),
        name="api-employer-postings",
    ),
]
