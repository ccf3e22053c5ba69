"""The REST API, version 1: every app's API routes under /api/v1/ (guide: docs/api.md).

Each app's api_urls names full paths below /api/v1/, grouped by who calls them: public ones by
resource (postings/, employers/, skills/, visas/), then graduate/..., employer/..., staff/...
and accounts/...; training keeps its own prefix. portal's are the endpoints whose answer needs an
app above their resource's own (ARCHITECTURE.md).
"""

from django.urls import include, path

urlpatterns = [
    path("", include("accounts.api_urls")),
    path("", include("skills.api_urls")),
    path("", include("employers.api_urls")),
    path("", include("jobs.api_urls")),
    path("", include("profiles.api_urls")),
    path("", include("matching.api_urls")),
    path("", include("conversations.api_urls")),
    path("", include("interviews.api_urls")),
    path("", include("partners.api_urls")),
    path("", include("webhooks.api_urls")),
    path("", include("visas.api_urls")),
    path("", include("analytics.api_urls")),
    path("", include("portal.api_urls")),
    path("training/", include("training.api_urls")),
]
