from django.urls import path

from profiles import apis

urlpatterns = [
    path("graduate/profile/", apis.ProfileApi.as_view(), name="api-graduate-profile"),
    path("graduate/languages/", apis.LanguagesApi.as_view(), name="api-graduate-languages"),
    path("graduate/preferences/", apis.PreferencesApi.as_view(), name="api-graduate-preferences"),
    path("graduate/education/", apis.EducationListApi.as_view(), name="api-graduate-education"),
    path(
        "graduate/education/<int:pk>/",
        apis.EducationDetailApi.as_view(),
        name="api-graduate-education-detail",
    ),
    path("graduate/skills/", apis.SkillsApi.as_view(), name="api-graduate-skills"),
    path("graduate/cv/", apis.CvApi.as_view(), name="api-graduate-cv"),
]
