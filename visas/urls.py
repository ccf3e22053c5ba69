from django.urls import path

from visas import views

app_name = "visas"
urlpatterns = [
    path("check/", views.check, name="check"),
    path("mine/", views.mine, name="mine"),
    path("mine/results/", views.mine_results, name="mine_results"),
]
