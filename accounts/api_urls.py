from django.urls import path

from accounts import apis

urlpatterns = [
    path("accounts/signup/", apis.SignupApi.as_view(), name="api-accounts-signup"),
    path("accounts/me/", apis.MeApi.as_view(), name="api-accounts-me"),
    path("accounts/export/", apis.ExportApi.as_view(), name="api-accounts-export"),
    path("accounts/delete/", apis.AccountDeleteApi.as_view(), name="api-accounts-delete"),
    path("accounts/tokens/", apis.ApiTokenListCreateApi.as_view(), name="api-accounts-tokens"),
    path("accounts/tokens/<int:pk>/", apis.ApiTokenRevokeApi.as_view(), name="api-accounts-token"),
]
