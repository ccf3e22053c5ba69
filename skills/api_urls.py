from django.urls import path

from skills import apis

urlpatterns = [
    path("skills/", apis.SkillSearchApi.as_view(), name="api-skills-search"),
    path(
        "skills/autocomplete/", apis.SkillAutocompleteApi.as_view(), name="api-skills-autocomplete"
    ),
]
