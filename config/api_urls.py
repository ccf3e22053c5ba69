"""The REST API, version 1: every app's API routes under /api/v1/ (see the README's API guide)."""

from django.urls import include, path

urlpatterns = [
    path("visas/", include("visas.api_urls")),
    path("training/", include("training.api_urls")),
]
