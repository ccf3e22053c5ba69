"""The company's conversations with graduates: the inbox, one thread, writing, a message's PDF,
and opening the thread of an invitation to apply. A thread of another company, or one whose
graduate the company no longer sees, gives 404."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from conversations.models import Conversation
from conversations.selectors import conversation_for_member, employer_inbox
from conversations.services import conversation_for_invitation
from employers.permissions import require_verified
from jobs.models import PostingInvitation
from portal.employer.access import company_member, membership
from portal.thread import attachment_response, thread_context, thread_post

PAGE = "employer/conversation_detail.html"


def _thread_or_404(request: AuthenticatedHttpRequest, pk: int) -> Conversation:
    try:
        return conversation_for_member(user=request.user, pk=pk)
    except Conversation.DoesNotExist as exc:
        raise Http404("No such conversation") from exc


@company_member
@require_GET
def conversation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    threads = employer_inbox(user=request.user, employer=membership(request).employer)
    return render(request, "employer/conversation_list.html", {"threads": threads})


@company_member
@require_GET
def conversation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = _thread_or_404(request, pk)
    return render(
        request, PAGE, thread_context(request, conversation=conversation, side="employer")
    )


@company_member
@require_POST
def conversation_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = _thread_or_404(request, pk)
    return thread_post(request, conversation=conversation, side="employer", page=PAGE)


@company_member
@require_POST
def invitation_conversation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Open (or find) the thread of one of the company's invitations to apply."""
    employer = membership(request).employer
    require_verified(employer)
    invitation = get_object_or_404(PostingInvitation, pk=pk, posting__employer=employer)
    conversation = conversation_for_invitation(invitation=invitation)
    _thread_or_404(request, conversation.pk)
    return redirect("employer:conversation_detail", pk=conversation.pk)


@never_cache
@company_member
@require_GET
def message_attachment(request: AuthenticatedHttpRequest, pk: int, message_pk: int) -> FileResponse:
    conversation = _thread_or_404(request, pk)
    return attachment_response(request, conversation=conversation, pk=message_pk)
