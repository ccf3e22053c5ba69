"""The site's URLs: every page in portal.urls, the REST API under /api/v1/, sign-in and the
rest of django-allauth under /accounts/, partners' OAuth 2 token endpoint under /o/ (client
credentials only: no authorisation pages), and the admin."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider import views as oauth2_views

from portal.account.views import admin_login

# Swagger UI (its set-up script a file, the split view) styles a few of its own elements inline.
_docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)
admin.site.login = admin_login  # type: ignore[method-assign,assignment]  # one sign-in, rate-limited
admin.site.site_header = "Talent Bridge administration"
admin.site.site_title = "Talent Bridge admin"
admin.site.index_title = "Platform data"

urlpatterns = [
    path("", include("portal.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("config.api_urls")),
    path(
        "o/",
        include(
            (
                [
                    path("token/", oauth2_views.TokenView.as_view(), name="token"),
                    path(
                        "revoke_token/",
                        oauth2_views.RevokeTokenView.as_view(),
                        name="revoke-token",
                    ),
                ],
                "oauth2_provider",
            )
        ),
    ),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", _docs, name="api-docs"),
    path("admin/", admin.site.urls),
]

handler403 = "portal.public.home.error_403"
handler404 = "portal.public.home.error_404"
handler500 = "portal.public.home.error_500"
