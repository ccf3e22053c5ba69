"""What the graduate's and the company's conversation pages share: the form to write a message,
the thread's context for templates/conversations/_thread.html, handling a post (htmx or a plain
form), and serving an attachment to a participant."""

import logging
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from conversations.models import BODY_MAX, Conversation, Message
from conversations.selectors import conversation_messages, shared_contact
from conversations.services import conversation_mark_read, message_post

audit = logging.getLogger("talentbridge.audit")  # ids only: no name or address in the log


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment = forms.FileField(
        label=_("Attach a PDF (optional)"),
        required=False,
        help_text=_("A plain PDF up to 5 MB, checked like a CV."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        empty = not (data.get("body") or "").strip() and not data.get("attachment")
        if empty and not self.has_error("body"):
            self.add_error("body", _("Write a message or attach a PDF."))
        return data


def thread_context(
    request: HttpRequest,
    *,
    conversation: Conversation,
    side: str,
    form: MessageForm | None = None,
) -> dict[str, Any]:
    """The thread's latest messages (or those before `?before=`), the form, the URLs of this
    side's pages, and the graduate's contact details when they shared them. Marks it read."""
    user = request.user
    assert isinstance(user, User)
    before = request.GET.get("before", "")
    thread_messages, earlier = conversation_messages(
        conversation=conversation, before=int(before) if before.isdigit() else None
    )
    conversation_mark_read(conversation=conversation, user=user)
    return {
        "conversation": conversation,
        "thread_messages": thread_messages,
        "earlier": earlier,
        "form": form or MessageForm(),
        "side": side,
        "contact": shared_contact(conversation=conversation),
        "detail_url": reverse(f"{side}:conversation_detail", args=[conversation.pk]),
        "post_url": reverse(f"{side}:conversation_post", args=[conversation.pk]),
        "share_url": reverse("graduate:conversation_share", args=[conversation.pk]),
        "attachment_view": f"{side}:message_attachment",
    }


def thread_post(
    request: HttpRequest, *, conversation: Conversation, side: str, page: str
) -> HttpResponse:
    """Write a message from the posted form. htmx gets the thread back (with the errors and
    what was typed, on a refusal); a plain form goes back to `next` or the thread's page."""
    user = request.user
    assert isinstance(user, User)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            message_post(
                conversation=conversation,
                author=user,
                body=form.cleaned_data["body"] or "",
                attachment=form.cleaned_data.get("attachment"),
            )
        except ValidationError as refused:
            for field, errors in getattr(refused, "message_dict", {None: refused.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = MessageForm()
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect(
                    _next(request) or reverse(f"{side}:conversation_detail", args=[conversation.pk])
                )
    if request.htmx:  # type: ignore[attr-defined]
        form.fields["body"].widget.attrs["autofocus"] = True  # htmx focuses it after the swap
    context = thread_context(request, conversation=conversation, side=side, form=form)
    if request.htmx:  # type: ignore[attr-defined]
        # 200 even on a refusal: htmx swaps in only successful answers, and the errors (with
        # what was typed) must replace the form.
        return render(request, "conversations/_thread.html", context)
    return render(request, page, context, status=400 if form.errors else 200)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


def attachment_response(
    request: HttpRequest, *, conversation: Conversation, pk: int
) -> FileResponse:
    """A message's PDF, for a participant of its thread (the caller found the thread through
    the selectors); each read by someone other than its author goes on the audit record."""
    message = (
        Message.objects.filter(pk=pk, conversation=conversation).exclude(attachment="").first()
    )
    if message is None:
        raise Http404("No such attachment")
    if message.author_id != request.user.pk:
        audit.info(
            "user %s read the attachment of message %s in conversation %s",
            request.user.pk,
            message.pk,
            conversation.pk,
        )
    try:
        handle = message.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=message.attachment_name or "attachment.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
