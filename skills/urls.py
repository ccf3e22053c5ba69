from django.urls import path

from skills import views

app_name = "skills"
urlpatterns = [
    path("autocomplete/", views.skill_autocomplete, name="autocomplete"),
]
