from django.urls import path

from interviews import apis

urlpatterns = [
    # the employer's side
    path(
        "employer/applications/<int:pk>/interview/",
        apis.EmployerInterviewProposeApi.as_view(),
        name="api-employer-interview-propose",
    ),
    path(
        "employer/interviews/<int:pk>/",
        apis.EmployerInterviewDetailApi.as_view(),
        name="api-employer-interview",
    ),
    path(
        "employer/interviews/<int:pk>/reschedule/",
        apis.EmployerInterviewRescheduleApi.as_view(),
        name="api-employer-interview-reschedule",
    ),
    path(
        "employer/interviews/<int:pk>/cancel/",
        apis.EmployerInterviewCancelApi.as_view(),
        name="api-employer-interview-cancel",
    ),
    # the graduate's side
    path(
        "graduate/interviews/",
        apis.GraduateInterviewListApi.as_view(),
        name="api-graduate-interviews",
    ),
    path(
        "graduate/interviews/<int:pk>/",
        apis.GraduateInterviewDetailApi.as_view(),
        name="api-graduate-interview",
    ),
    path(
        "graduate/interviews/<int:pk>/book/",
        apis.GraduateInterviewBookApi.as_view(),
        name="api-graduate-interview-book",
    ),
    path(
        "graduate/interviews/<int:pk>/cancel/",
        apis.GraduateInterviewCancelApi.as_view(),
        name="api-graduate-interview-cancel",
    ),
]
