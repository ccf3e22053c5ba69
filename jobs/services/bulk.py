"""Moving several applications of one posting at once: each goes through application_move (same
rules, its own history row and one notification to its candidate), each in its own savepoint, so
one that cannot move leaves the others moved and the summary says which and why."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from jobs.models import Application, ApplicationStatus
from jobs.services import application_move


@dataclass
class BulkMoveResult:
    moved: list[Application] = field(default_factory=list)
    refused: list[tuple[Application, str]] = field(default_factory=list)

    def summary(self) -> str:
        """E.g. "3 moved, 1 could not be moved: Minh Anh: an application that is hired ..."."""
        text = ngettext("%(n)s moved", "%(n)s moved", len(self.moved)) % {"n": len(self.moved)}
        if self.refused:
            reasons = "; ".join(
                f"{application.graduate.user.get_full_name()}: {reason}"
                for application, reason in self.refused
            )
            text += ", " + ngettext(
                "%(n)s could not be moved: %(reasons)s",
                "%(n)s could not be moved: %(reasons)s",
                len(self.refused),
            ) % {"n": len(self.refused), "reasons": reasons}
        return text if text.endswith(".") else text + "."


def applications_move_bulk(
    *,
    applications: Sequence[Application],
    to_status: str,
    by: User,
    note: str = "",
    message: str = "",
    rejection_reason: str = "",
) -> BulkMoveResult:
    """Move each application (all of one company's postings) with the same note, message and
    rejection reason. Input that no move could accept (nothing chosen, a rejection without a
    reason) is refused before anything moves; refusals of single moves are collected."""
    if not applications:
        raise ValidationError({"applications": _("Choose at least one application.")})
    if to_status == ApplicationStatus.REJECTED and not rejection_reason.strip():
        raise ValidationError({"rejection_reason": _("Give a reason for the rejection.")})
    result = BulkMoveResult()
    for application in applications:
        try:
            with transaction.atomic():
                application_move(
                    application=application,
                    to_status=to_status,
                    by=by,
                    note=note,
                    message=message,
                    rejection_reason=rejection_reason,
                )
        except PermissionDenied:
            raise
        except ValidationError as refused:
            result.refused.append((application, " ".join(refused.messages)))
        else:
            result.moved.append(application)
    return result
