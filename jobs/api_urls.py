from django.urls import path

from jobs.apis import bulk, employer, feeds, graduate, public, saved, screening

urlpatterns = [
    path("postings/<int:pk>/", public.PostingDetailApi.as_view(), name="api-postings-detail"),
    path("postings/changes/", feeds.PublicPostingChangesApi.as_view(), name="api-postings-changes"),
    # the graduate's applications
    path(
        "graduate/applications/",
        graduate.GraduateApplicationListApi.as_view(),
        name="api-graduate-applications",
    ),
    path(
        "graduate/applications/<int:pk>/",
        graduate.GraduateApplicationDetailApi.as_view(),
        name="api-graduate-application",
    ),
    path(
        "graduate/applications/<int:pk>/withdraw/",
        graduate.GraduateApplicationWithdrawApi.as_view(),
        name="api-graduate-application-withdraw",
    ),
    # the graduate's saved jobs and saved searches
    path("graduate/saved-jobs/", saved.SavedJobListApi.as_view(), name="api-graduate-saved-jobs"),
    path(
        "graduate/saved-jobs/<int:pk>/",
        saved.SavedJobDetailApi.as_view(),
        name="api-graduate-saved-job",
    ),
    path(
        "graduate/saved-searches/",
        saved.SavedSearchListApi.as_view(),
        name="api-graduate-saved-searches",
    ),
    path(
        "graduate/saved-searches/<int:pk>/",
        saved.SavedSearchDetailApi.as_view(),
        name="api-graduate-saved-search",
    ),
    # the employer's postings and pipeline
    path(
        "employer/postings/<int:pk>/",
        employer.EmployerPostingDetailApi.as_view(),
        name="api-employer-posting",
    ),
    path(
        "employer/postings/<int:pk>/publish/",
        employer.EmployerPostingPublishApi.as_view(),
        name="api-employer-posting-publish",
    ),
    path(
        "employer/postings/<int:pk>/close/",
        employer.EmployerPostingCloseApi.as_view(),
        name="api-employer-posting-close",
    ),
    path(
        "employer/postings/<int:pk>/reopen/",
        employer.EmployerPostingReopenApi.as_view(),
        name="api-employer-posting-reopen",
    ),
    path(
        "employer/postings/<int:pk>/duplicate/",
        employer.EmployerPostingDuplicateApi.as_view(),
        name="api-employer-posting-duplicate",
    ),
    path(
        "employer/postings/<int:pk>/screening-questions/",
        screening.EmployerScreeningQuestionListApi.as_view(),
        name="api-employer-posting-screening-questions",
    ),
    path(
        "employer/postings/<int:pk>/screening-questions/<int:question_pk>/",
        screening.EmployerScreeningQuestionDetailApi.as_view(),
        name="api-employer-posting-screening-question",
    ),
    path(
        "employer/applications/changes/",
        feeds.CompanyApplicationChangesApi.as_view(),
        name="api-employer-application-changes",
    ),
    path(
        "employer/postings/<int:pk>/applications/",
        employer.PostingApplicationListApi.as_view(),
        name="api-employer-posting-applications",
    ),
    path(
        "employer/postings/<int:pk>/applications/move/",
        bulk.PostingApplicationsBulkMoveApi.as_view(),
        name="api-employer-posting-applications-move",
    ),
    path(
        "employer/applications/<int:pk>/",
        employer.EmployerApplicationDetailApi.as_view(),
        name="api-employer-application",
    ),
    path(
        "employer/applications/<int:pk>/move/",
        employer.EmployerApplicationMoveApi.as_view(),
        name="api-employer-application-move",
    ),
]
