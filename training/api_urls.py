from django.urls import path

from training import apis

urlpatterns = [
    path("courses/", apis.CourseListApi.as_view(), name="api-training-courses"),
    path("courses/<int:pk>/", apis.CourseDetailApi.as_view(), name="api-training-course"),
    path("providers/", apis.ProviderListApi.as_view(), name="api-training-providers"),
    path("plan/<int:posting_pk>/", apis.PlanApi.as_view(), name="api-training-plan"),
    path("suggestions/", apis.SuggestionsApi.as_view(), name="api-training-suggestions"),
    path("sponsorships/", apis.SponsorshipApi.as_view(), name="api-training-sponsorships"),
]
