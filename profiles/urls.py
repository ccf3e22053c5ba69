from django.urls import path

from accounts import views as account_views
from profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("matches/", views.dashboard_matches_partial, name="dashboard_matches"),
    path("profile/", views.profile_start, name="profile"),
    path("profile/education/<int:pk>/", views.education_edit, name="education_edit"),
    path("profile/education/<int:pk>/delete/", views.education_delete, name="education_delete"),
    path("profile/experience/<int:pk>/", views.experience_edit, name="experience_edit"),
    path("profile/experience/<int:pk>/delete/", views.experience_delete, name="experience_delete"),
    path("profile/cv/remove/", views.cv_remove, name="cv_remove"),
    path("profile/<slug:step>/", views.profile_step, name="step"),
    path("cv/<int:pk>/", views.cv_download, name="cv_download"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path("account/", account_views.graduate_account, name="account"),
    path("account/export/", account_views.account_export, name="account_export"),
    path("account/delete/", account_views.account_delete, name="account_delete"),
]
