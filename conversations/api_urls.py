from django.urls import path

from conversations import apis

urlpatterns = [
    path(
        "graduate/conversations/",
        apis.GraduateConversationListApi.as_view(),
        name="api-graduate-conversations",
    ),
    path(
        "graduate/conversations/<int:pk>/",
        apis.GraduateConversationDetailApi.as_view(),
        name="api-graduate-conversation",
    ),
    path(
        "graduate/conversations/<int:pk>/messages/",
        apis.GraduateMessageCreateApi.as_view(),
        name="api-graduate-conversation-messages",
    ),
    path(
        "graduate/conversations/<int:pk>/share-contact/",
        apis.GraduateContactShareApi.as_view(),
        name="api-graduate-conversation-share-contact",
    ),
    path(
        "graduate/applications/<int:pk>/conversation/",
        apis.GraduateApplicationConversationApi.as_view(),
        name="api-graduate-application-conversation",
    ),
    path(
        "employer/conversations/",
        apis.EmployerConversationListApi.as_view(),
        name="api-employer-conversations",
    ),
    path(
        "employer/conversations/<int:pk>/",
        apis.EmployerConversationDetailApi.as_view(),
        name="api-employer-conversation",
    ),
    path(
        "employer/conversations/<int:pk>/messages/",
        apis.EmployerMessageCreateApi.as_view(),
        name="api-employer-conversation-messages",
    ),
    path(
        "employer/applications/<int:pk>/conversation/",
        apis.EmployerApplicationConversationApi.as_view(),
        name="api-employer-application-conversation",
    ),
]
