from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("", views.course_list, name="catalogue"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("plan/<int:posting_pk>/", views.plan_for_posting, name="plan"),
    path("for-me/", views.for_me, name="for_me"),
    path("sponsor/<int:posting_pk>/", views.sponsor, name="sponsor"),
]
