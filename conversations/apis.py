"""Conversations through the API: each side lists its threads, reads one, writes in it; the
graduate shares their contact details. Another company's member, another graduate and anyone
else get 404 for a thread (the same selectors as the pages)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from conversations.models import BODY_MAX, Conversation, Message
from conversations.selectors import (
    conversation_for_graduate,
    conversation_for_member,
    conversation_messages,
    employer_inbox,
    graduate_inbox,
    shared_contact,
)
from conversations.services import (
    conversation_contact_share,
    conversation_for_application,
    conversation_mark_read,
    message_post,
)
from core.api.fields import UploadField
from employers.permissions import IsVerifiedEmployerMember, membership_of
from jobs.models import Application
from jobs.selectors import application_for_member, graduate_application_detail
from profiles.permissions import IsGraduate, graduate_profile_of


class MessageInputSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True, default="", max_length=BODY_MAX)
    attachment = UploadField(required=False, help_text="A plain PDF, checked like a CV.")


class MessageOutputSerializer(serializers.ModelSerializer):
    from_graduate = serializers.BooleanField(source="author_is_graduate")
    has_attachment = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "kind", "from_graduate", "body", "attachment_name", "has_attachment",
                  "created_at"]  # fmt: skip

    def get_has_attachment(self, message: Message) -> bool:
        return bool(message.attachment)


class ConversationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    application = serializers.IntegerField(source="application_id", allow_null=True)
    invitation = serializers.IntegerField(source="invitation_id", allow_null=True)
    posting_title = serializers.CharField(source="posting.title")
    company = serializers.CharField(source="posting.employer.name")
    is_open = serializers.BooleanField()
    contact_shared = serializers.BooleanField()
    last_message_at = serializers.DateTimeField(allow_null=True)
    unread = serializers.IntegerField(required=False, default=0)


class ConversationDetailOutputSerializer(ConversationOutputSerializer):
    messages = MessageOutputSerializer(many=True)
    contact_email = serializers.CharField(allow_null=True)
    contact_phone = serializers.CharField(allow_null=True)


def _detail(conversation: Conversation, request: Request) -> dict[str, Any]:
    messages, _earlier = conversation_messages(conversation=conversation)
    conversation_mark_read(conversation=conversation, user=signed_in_user(request))
    contact = shared_contact(conversation=conversation)
    conversation.messages_shown = messages  # type: ignore[attr-defined]
    data = ConversationOutputSerializer(conversation).data
    return {
        **data,
        "messages": MessageOutputSerializer(messages, many=True).data,
        "contact_email": contact.email if contact else None,
        "contact_phone": contact.phone if contact else None,
    }


def _post(conversation: Conversation, request: Request) -> Response:
    incoming = MessageInputSerializer(data=request.data)
    incoming.is_valid(raise_exception=True)
    try:
        message = message_post(
            conversation=conversation,
            author=signed_in_user(request),
            body=incoming.validated_data["body"],
            attachment=incoming.validated_data.get("attachment"),
        )
    except ValidationError as refused:
        raise ApiValidationError(getattr(refused, "message_dict", refused.messages)) from refused
    return Response(MessageOutputSerializer(message).data, status=status.HTTP_201_CREATED)


# --- the graduate --------------------------------------------------------------------------------


def _graduate_thread(request: Request, pk: int) -> Conversation:
    try:
        return conversation_for_graduate(profile=graduate_profile_of(request), pk=pk)
    except Conversation.DoesNotExist as exc:
        raise Http404 from exc


class GraduateConversationListApi(ListAPIView):
    """The graduate's threads with messages, latest first, with unread counts."""

    permission_classes = [IsGraduate]
    serializer_class = ConversationOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[Conversation]:
        return graduate_inbox(profile=graduate_profile_of(self.request))


class GraduateApplicationConversationApi(APIView):
    """The thread of one of the graduate's applications (made on first use)."""

    permission_classes = [IsGraduate]

    @extend_schema(request=None, responses=ConversationDetailOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        application = graduate_application_detail(profile=graduate_profile_of(request), pk=pk)
        conversation = conversation_for_application(application=application)
        return Response(_detail(_graduate_thread(request, conversation.pk), request))


class GraduateConversationDetailApi(APIView):
    permission_classes = [IsGraduate]

    @extend_schema(responses=ConversationDetailOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(_graduate_thread(request, pk), request))


class GraduateMessageCreateApi(APIView):
    permission_classes = [IsGraduate]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(request=MessageInputSerializer, responses={201: MessageOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        return _post(_graduate_thread(request, pk), request)


class GraduateContactShareApi(APIView):
    """The graduate lets the company see their e-mail address and phone number."""

    permission_classes = [IsGraduate]

    @extend_schema(request=None, responses=ConversationDetailOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        conversation = _graduate_thread(request, pk)
        conversation_contact_share(conversation=conversation, by=signed_in_user(request))
        return Response(_detail(conversation, request))


# --- the company ---------------------------------------------------------------------------------


def _member_thread(request: Request, pk: int) -> Conversation:
    try:
        return conversation_for_member(user=signed_in_user(request), pk=pk)
    except Conversation.DoesNotExist as exc:
        raise Http404 from exc


class EmployerConversationListApi(ListAPIView):
    """The company's threads with messages that it may read, latest first, with unread counts
    for the caller."""

    permission_classes = [IsVerifiedEmployerMember]
    serializer_class = ConversationOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> list[Conversation]:  # type: ignore[override]
        member = membership_of(self.request)
        return employer_inbox(user=signed_in_user(self.request), employer=member.employer)


class EmployerApplicationConversationApi(APIView):
    """The thread of an application to one of the company's postings (made on first use)."""

    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(request=None, responses=ConversationDetailOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        try:
            application = application_for_member(user=signed_in_user(request), pk=pk)
        except Application.DoesNotExist as exc:
            raise Http404 from exc
        conversation = conversation_for_application(application=application)
        return Response(_detail(_member_thread(request, conversation.pk), request))


class EmployerConversationDetailApi(APIView):
    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(responses=ConversationDetailOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(_member_thread(request, pk), request))


class EmployerMessageCreateApi(APIView):
    permission_classes = [IsVerifiedEmployerMember]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(request=MessageInputSerializer, responses={201: MessageOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        return _post(_member_thread(request, pk), request)
