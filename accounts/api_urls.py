from django.urls import path

from accounts import apis

urlpatterns = [
    path("accounts/me/", apis.MeApi.as_view(), name="api-accounts-me"),
    path("accounts/tokens/", apis.ApiTokenListCreateApi.as_view(), name="api-accounts-tokens"),
    path("accounts/tokens/<int:pk>/", apis.ApiTokenRevokeApi.as_view(), name="api-accounts-token"),
]
