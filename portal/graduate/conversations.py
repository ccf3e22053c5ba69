"""The graduate's conversations with companies: the inbox, one thread, writing, sharing contact
details, and a message's PDF. Someone else's thread gives 404."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from conversations.models import Conversation
from conversations.selectors import conversation_for_graduate, graduate_inbox
from conversations.services import conversation_contact_share
from portal.graduate.access import graduate_required
from portal.thread import attachment_response, thread_context, thread_post
from profiles.models import GraduateProfile

PAGE = "graduate/conversation_detail.html"


def _thread_or_404(profile: GraduateProfile, pk: int) -> Conversation:
    try:
        return conversation_for_graduate(profile=profile, pk=pk)
    except Conversation.DoesNotExist as exc:
        raise Http404("No such conversation") from exc


@require_GET
@graduate_required
def conversation_list(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    threads = list(graduate_inbox(profile=profile))
    return render(request, "graduate/conversation_list.html", {"threads": threads})


@require_GET
@graduate_required
def conversation_detail(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    conversation = _thread_or_404(profile, pk)
    return render(
        request, PAGE, thread_context(request, conversation=conversation, side="graduate")
    )


@require_POST
@graduate_required
def conversation_post(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    conversation = _thread_or_404(profile, pk)
    return thread_post(request, conversation=conversation, side="graduate", page=PAGE)


@require_POST
@graduate_required
def conversation_share(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    conversation = _thread_or_404(profile, pk)
    conversation_contact_share(conversation=conversation, by=profile.user)
    messages.success(
        request,
        _("%(company)s can now see your e-mail address and phone number.")
        % {"company": conversation.posting.employer.name},
    )
    return redirect("graduate:conversation_detail", pk=conversation.pk)


@never_cache
@require_GET
@graduate_required
def message_attachment(
    request: HttpRequest, pk: int, message_pk: int, profile: GraduateProfile
) -> HttpResponse:
    conversation = _thread_or_404(profile, pk)
    return attachment_response(request, conversation=conversation, pk=message_pk)  # type: ignore[return-value]
