"""Reads for conversations: who may see a thread (the one rule, for pages and the API), a
thread's messages, each side's inbox with unread counts, and a graduate's threads for their
data export.

The graduate sees the threads about their own applications and invitations. A member of the
posting's company sees them while the company is verified (CompanyNotVerified otherwise) and
while it still sees the graduate (jobs.selectors: a withdrawn applicant is hidden at once, a
rejected one after some days). Everyone else gets Conversation.DoesNotExist, shown as 404."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from conversations.models import Conversation, ConversationRead, Message
from employers.models import Employer
from employers.permissions import require_verified
from jobs.selectors import candidate_visible_to_employer
from jobs.selectors.candidates import applicant_shown
from profiles.models import GraduateProfile

MESSAGES_SHOWN = 50
_NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

_RELATED = (
    "application__posting__employer",
    "application__graduate__user",
    "invitation__posting__employer",
    "invitation__graduate__user",
)


def _of_graduate(profile: GraduateProfile) -> Q:
    return Q(application__graduate=profile) | Q(invitation__graduate=profile)


def _of_employer(employer: Employer) -> Q:
    return Q(application__posting__employer=employer) | Q(invitation__posting__employer=employer)


def conversation_for_graduate(*, profile: GraduateProfile, pk: int) -> Conversation:
    """One of the graduate's own threads; Conversation.DoesNotExist for anyone else's."""
    return Conversation.objects.select_related(*_RELATED).filter(_of_graduate(profile)).get(pk=pk)


def conversation_for_member(*, user: User, pk: int) -> Conversation:
    """A thread of the member's company that it may still read (see the module)."""
    conversation = Conversation.objects.select_related(*_RELATED).get(
        Q(application__posting__employer__members__user=user)
        | Q(invitation__posting__employer__members__user=user),
        pk=pk,
    )
    employer = conversation.posting.employer
    require_verified(employer)
    if not conversation_visible_to_employer(conversation=conversation, employer=employer):
        raise Conversation.DoesNotExist
    return conversation


def conversation_visible_to_employer(*, conversation: Conversation, employer: Employer) -> bool:
    if conversation.application is not None:
        return applicant_shown(conversation.application)
    return candidate_visible_to_employer(profile=conversation.graduate, employer=employer)


def conversation_messages(
    *, conversation: Conversation, before: int | None = None, limit: int = MESSAGES_SHOWN
) -> tuple[list[Message], bool]:
    """The thread's latest `limit` messages (older than message `before` if given), oldest
    first, and whether earlier ones exist."""
    messages = conversation.messages.select_related("author").order_by("-created_at", "-id")
    if before is not None:
        messages = messages.filter(id__lt=before)
    page = list(messages[: limit + 1])
    return list(reversed(page[:limit])), len(page) > limit


def _with_unread(conversations: QuerySet[Conversation], user: User) -> QuerySet[Conversation]:
    """Each thread's number of messages by others newer than `user`'s last reading."""
    last_read = ConversationRead.objects.filter(conversation=OuterRef("pk"), user=user).values(
        "last_read_at"
    )[:1]
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), created_at__gt=OuterRef("read_at"))
        .exclude(author=user)
        .values("conversation")
        .annotate(n=Count("id"))
        .values("n")
    )
    return conversations.annotate(read_at=Coalesce(Subquery(last_read), Value(_NEVER))).annotate(
        unread=Coalesce(Subquery(unread), 0)
    )


def graduate_inbox(*, profile: GraduateProfile) -> QuerySet[Conversation]:
    """The graduate's threads with at least one message, latest news first, with `unread`."""
    threads = Conversation.objects.filter(_of_graduate(profile), last_message_at__isnull=False)
    return _with_unread(threads.select_related(*_RELATED), profile.user).order_by(
        "-last_message_at", "-id"
    )


def employer_inbox(*, user: User, employer: Employer) -> list[Conversation]:
    """The company's threads with at least one message that it may read, latest first, with
    `unread` for this member."""
    require_verified(employer)
    return _visible(_employer_threads(user=user, employer=employer), employer)


def _employer_threads(*, user: User, employer: Employer) -> QuerySet[Conversation]:
    threads = Conversation.objects.filter(_of_employer(employer), last_message_at__isnull=False)
    return _with_unread(threads.select_related(*_RELATED), user).order_by("-last_message_at", "-id")


def _visible(threads: QuerySet[Conversation], employer: Employer) -> list[Conversation]:
    shown = conversation_visible_to_employer
    return [c for c in threads if shown(conversation=c, employer=employer)]


# Kept until a message or a read forgets it (conversations.services), or at most: a company
# member's a minute (what forgetting misses: a thread the company stops seeing), a graduate's ten
# minutes (only a thread deleted with its application or company is missed).
UNREAD_KEPT_SECONDS = 60
GRADUATE_UNREAD_KEPT_SECONDS = 600


def unread_key(user_id: int) -> str:
    return f"conversations:unread:{user_id}"


def unread_total(*, user: User, graduate: GraduateProfile | None = None) -> int:
    """How many threads have unread messages for the user (the nav's figure, on every page).
    `graduate`: the user's graduate profile, where the caller has read it already.

    Kept in the shared cache (a company member's a minute, a graduate's ten); posting a message
    forgets it for everyone in the thread, and reading one forgets the reader's
    (conversations.services)."""
    kept: int | None = cache.get(unread_key(user.pk))
    if kept is None:
        kept = _unread_total(user, graduate)
        seconds = GRADUATE_UNREAD_KEPT_SECONDS if user.is_graduate else UNREAD_KEPT_SECONDS
        cache.set(unread_key(user.pk), kept, seconds)
    return kept


def _unread_total(user: User, graduate: GraduateProfile | None) -> int:
    if user.is_graduate:
        profile = graduate or GraduateProfile.objects.filter(user=user).first()
        if profile is None:
            return 0
        news = Conversation.objects.filter(_of_graduate(profile), last_message_at__isnull=False)
        # Every page asks, and most graduates have no thread yet: a light query first (building
        # the count of unread threads alone took 4.5 ms of the ORM's time).
        if not news.exists():
            return 0
        return _with_unread(news, user).filter(unread__gt=0).count()  # type: ignore[misc]
    employer = Employer.objects.filter(members__user=user).first()
    if employer is None or not employer.is_verified:
        return 0
    # Every page asks: find the ids of the threads with news (a light query), then load only
    # those, usually none, to keep the ones the company may see.
    news = Conversation.objects.filter(_of_employer(employer), last_message_at__isnull=False)
    unread_ids = list(
        _with_unread(news, user).filter(unread__gt=0).values_list("pk", flat=True)  # type: ignore[misc]
    )
    if not unread_ids:
        return 0
    threads = Conversation.objects.select_related(*_RELATED).filter(pk__in=unread_ids)
    return len(_visible(threads, employer))


def graduate_conversations_export(*, profile: GraduateProfile) -> list[dict[str, Any]]:
    """The graduate's threads with every message, as JSON-ready data (their data export)."""
    threads = (
        Conversation.objects.filter(_of_graduate(profile))
        .select_related(*_RELATED)
        .prefetch_related("messages")
        .order_by("created_at", "id")
    )
    return [
        {
            "posting": c.posting.title,
            "employer": c.posting.employer.name,
            "contact_shared_at": c.contact_shared_at.isoformat() if c.contact_shared_at else None,
            "messages": [
                {
                    "from": "you" if m.author_is_graduate else "employer",
                    "kind": m.kind,
                    "body": m.body,
                    "attachment": m.attachment_name,
                    "sent_at": m.created_at.isoformat(),
                }
                for m in c.messages.all()
            ],
        }
        for c in threads
    ]


@dataclass(frozen=True)
class ContactDetails:
    email: str
    phone: str


def shared_contact(*, conversation: Conversation) -> ContactDetails | None:
    """The graduate's e-mail address and phone number, once they shared them in this thread."""
    if not conversation.contact_shared:
        return None
    return _contact(conversation.graduate)


def contact_shared_with(*, graduate: GraduateProfile, employer: Employer) -> ContactDetails | None:
    """The graduate's contact details if they shared them in any conversation with the company
    (about an application or an invitation); None until then."""
    shared = Conversation.objects.filter(contact_shared_at__isnull=False).filter(
        Q(application__graduate=graduate, application__posting__employer=employer)
        | Q(invitation__graduate=graduate, invitation__posting__employer=employer)
    )
    return _contact(graduate) if shared.exists() else None


def _contact(graduate: GraduateProfile) -> ContactDetails:
    phone = graduate.phone.as_international if graduate.phone else ""
    return ContactDetails(email=graduate.user.email, phone=phone)
