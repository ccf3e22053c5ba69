"""Announcing that something other apps derive data from has changed.

Matching keeps every graduate's and every posting's best matches. When a service below it
(profiles, jobs, employers) changes how a graduate or a posting matches, matching must hear of it
in the same transaction, yet imports run one way, down the layers: profiles and jobs cannot
import matching. So the service says what changed with `change_announce(kind=..., entity_id=...)`,
and matching, the one listener, registers itself in `matching.apps.MatchingConfig.ready`. The
listener runs inside the announcing transaction (matching writes its outbox row there), so the
announcement commits or rolls back with the edit.

The same channel tells interviews (above jobs) that an application closed, so its interview
is cancelled in the same transaction. Each listener acts only on the kinds it knows.

Unlike a model signal, nothing fires on its own: a save that does not change matching announces
nothing, and every announcement is one explicit call in the service that knows it matters.
"""

from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    GRADUATE = "graduate", _("Graduate")
    POSTING = "posting", _("Posting")


# An application was made or changed status (jobs.services): interviews cancels the interview
# of an application that closed; webhooks tell the company's endpoints. Not a ChangeKind:
# matching does not score applications.
APPLICATION_STATUS = "application"
# A posting was published, closed or reopened (jobs.services): webhooks tell the company's
# endpoints (matching hears of the posting through ChangeKind.POSTING).
POSTING_STATUS = "posting-status"
# A graduate began or stopped sharing their profile with a partner organisation
# (partners.services; `entity_id` is the PartnerShare): webhooks tell the partner's endpoints.
PARTNER_SHARE = "partner-share"


class ChangeListener(Protocol):
    def __call__(self, *, kind: str, entity_id: int) -> None: ...


_listeners: list[ChangeListener] = []


def change_listener_add(listener: ChangeListener) -> None:
    """Hear every announcement from now on (once per listener, however often it is added)."""
    if listener not in _listeners:
        _listeners.append(listener)


def change_listener_remove(listener: ChangeListener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def change_announce(*, kind: str, entity_id: int) -> None:
    """Tell the listeners that the graduate or posting `entity_id` matches differently now, or
    that the application `entity_id` changed status. Call it inside the transaction that makes
    the change."""
    for listener in _listeners:
        listener(kind=kind, entity_id=entity_id)
