from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.posting_list, name="list"),
    path("<int:pk>/", views.posting_detail, name="detail"),
    path("<int:pk>/apply/", views.posting_apply, name="apply"),
]
