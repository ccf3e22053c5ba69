from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts.token_views import api_tokens
from accounts.views import SignupView
from core import views as core_views

admin.site.site_header = "Talent Bridge administration"
admin.site.site_title = "Talent Bridge admin"
admin.site.index_title = "Platform data"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("dashboard/", core_views.dashboard, name="dashboard"),
    path("staff/", core_views.staff_dashboard, name="staff_dashboard"),
    path("accounts/signup/", SignupView.as_view(), name="account_signup"),
    path("accounts/tokens/", api_tokens, name="api_tokens"),
    path("accounts/", include("allauth.urls")),
    path("graduate/", include("profiles.urls")),
    path("employer/", include("employers.urls")),
    path("jobs/", include("jobs.urls")),
    path("visas/", include("visas.urls")),
    path("training/", include("training.urls")),
    path("skills/", include("skills.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
