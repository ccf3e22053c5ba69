"""What each notification says, written in the active language when it is shown or sent."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.choices import ApplicationStatus
from core.timezones import KOREA, moment_in_zone


@dataclass(frozen=True)
class NotificationText:
    title: str
    body: str


def status_label(status: str) -> str:
    try:
        return str(ApplicationStatus(status).label)
    except ValueError:
        return status


def notification_text(kind: str, params: dict[str, Any]) -> NotificationText:
    """Title and body of a notification (or e-mail) of `kind` from its stored `params`."""
    posting = params.get("posting_title", "")
    company = params.get("company", "")
    if kind == "application_moved":
        status = status_label(params.get("status", ""))
        return NotificationText(
            _("Your application for %(posting)s is now: %(status)s")
            % {"posting": posting, "status": status},
            _("%(company)s moved your application to “%(status)s”.")
            % {"company": company, "status": status},
        )
    if kind == "invited_to_apply":
        return NotificationText(
            _("%(company)s invites you to apply for %(posting)s")
            % {"company": company, "posting": posting},
            _("The employer saw your profile and thinks you fit this role."),
        )
    if kind == "new_application":
        return NotificationText(
            _("New application for %(posting)s") % {"posting": posting},
            _("%(graduate)s applied.") % {"graduate": _graduate(params)},
        )
    if kind == "application_withdrawn":
        return NotificationText(
            _("Application withdrawn for %(posting)s") % {"posting": posting},
            _("%(graduate)s withdrew the application.") % {"graduate": _graduate(params)},
        )
    if kind == "new_message":
        return _message_text(posting, company, params)
    if kind.startswith("interview_"):
        return _interview_text(kind, params)
    if kind == "company_verification":
        return _verification_text(company, params.get("status", ""), params.get("note", ""))
    if kind == "match_digest":
        return _digest_text(int(params.get("count", 0)), params.get("period", "daily"))
    if kind == "saved_search_alert":
        count = int(params.get("count", 0))
        return NotificationText(
            ngettext(
                "%(count)s new job for your search “%(name)s”",
                "%(count)s new jobs for your search “%(name)s”",
                count,
            )
            % {"count": count, "name": params.get("search_name", "")},
            _("Employers published these roles; they fit the search you saved."),
        )
    if kind == "colleague_invitation":
        return NotificationText(
            _("%(inviter)s invites you to join %(company)s on Talent Bridge")
            % {"inviter": params.get("inviter", ""), "company": company},
            _("Accept the invitation to post roles and review candidates with your colleagues."),
        )
    return NotificationText(kind, "")


def _digest_text(count: int, period: str) -> NotificationText:
    """The match digest, daily or weekly (the graduate chooses in their job alerts)."""
    title = ngettext(
        "%(count)s new posting matches your profile",
        "%(count)s new postings match your profile",
        count,
    ) % {"count": count}
    if period == "weekly":
        body = _(
            "Employers published these roles this past week; they fit your skills and preferences."
        )
    else:
        body = _("Employers published these roles yesterday; they fit your skills and preferences.")
    return NotificationText(title, body)


def _graduate(params: dict[str, Any]) -> str:
    """The applicant's name, or words for one who has deleted their account since."""
    return str(params.get("graduate_name") or _("A former applicant"))


def _message_text(posting: str, company: str, params: dict[str, Any]) -> NotificationText:
    """A new message in a conversation: who wrote about which posting, never what they wrote."""
    sender = _graduate(params) if params.get("from_graduate") else company
    return NotificationText(
        _("New message from %(sender)s about %(posting)s") % {"sender": sender, "posting": posting},
        _("Open the conversation on Talent Bridge to read it and reply."),
    )


def _verification_text(company: str, status: str, note: str) -> NotificationText:
    """A staff decision on the company, for its members."""
    if status == "verified":
        return NotificationText(
            _("%(company)s is verified") % {"company": company},
            _("Your postings can go public, and candidates' profiles are visible to you."),
        )
    if status == "rejected":
        return NotificationText(
            _("Verification of %(company)s was not approved") % {"company": company},
            _("Our staff's note: %(note)s Correct the company details and contact us.")
            % {"note": note or "-"},
        )
    return NotificationText(
        _("%(company)s is pending verification again") % {"company": company},
        _("Our staff will check the company details. Note: %(note)s") % {"note": note or "-"},
    )


def _interview_text(kind: str, params: dict[str, Any]) -> NotificationText:
    """An interview's news, its time written in the reader's zone (`zone`, with Korea time)."""
    posting, company = params.get("posting_title", ""), params.get("company", "")
    when = ""
    if params.get("starts_at"):
        moment = datetime.fromisoformat(params["starts_at"])
        when = moment_in_zone(moment, params.get("zone") or KOREA)
    names = {"posting": posting, "company": company, "when": when,
             "graduate": _graduate(params)}  # fmt: skip
    if kind == "interview_proposed":
        return NotificationText(
            _("%(company)s invites you to an interview for %(posting)s") % names,
            _("Choose one of the proposed times.") % names,
        )
    if kind == "interview_rescheduled":
        return NotificationText(
            _("New interview times for %(posting)s") % names,
            _("%(company)s proposed new times for the interview with %(graduate)s.") % names,
        )
    if kind == "interview_booked":
        return NotificationText(
            _("Interview booked: %(posting)s, %(when)s") % names,
            _("%(graduate)s and %(company)s meet %(when)s.") % names,
        )
    if kind == "interview_cancelled":
        reason = params.get("reason") or "-"
        return NotificationText(
            _("Interview cancelled: %(posting)s") % names,
            _("The interview with %(graduate)s was cancelled. Reason: %(reason)s")
            % {**names, "reason": reason},
        )
    return NotificationText(
        _("Reminder: interview for %(posting)s, %(when)s") % names,
        _("%(graduate)s and %(company)s meet %(when)s.") % names,
    )
