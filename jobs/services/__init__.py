from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.changes import APPLICATION_STATUS, POSTING_STATUS, ChangeKind, change_announce
from core.enqueue import send_after_commit
from core.versions import version_token_renew_around_commit
from employers.permissions import require_verified
from jobs.models import (
    PIPELINE_TRANSITIONS,
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    JobPosting,
    PostingInvitation,
    PostingSkill,
    PostingStatus,
    Requirement,
)
from jobs.selectors import (
    PUBLIC_POSTINGS_VERSION_KEY,
    application_missing_parts,
    candidate_visible_to_employer,
)
from jobs.services.alerts import saved_search_alert_send as saved_search_alert_send
from jobs.services.alerts import (
    saved_search_alerts_for_posting as saved_search_alerts_for_posting,
)
from jobs.services.alerts import saved_search_alerts_send as saved_search_alerts_send
from jobs.services.alerts import (
    saved_search_unsubscribe_token as saved_search_unsubscribe_token,
)
from jobs.services.news import (
    _application_moved_notify,
    _application_submitted_notify,
    _application_withdrawn_notify,
    _posting_invitation_notify,
)
from jobs.services.saved import MAX_SAVED_SEARCHES as MAX_SAVED_SEARCHES
from jobs.services.saved import saved_job_add as saved_job_add
from jobs.services.saved import saved_job_remove as saved_job_remove
from jobs.services.saved import saved_search_create as saved_search_create
from jobs.services.saved import saved_search_delete as saved_search_delete
from jobs.services.saved import saved_search_update as saved_search_update
from jobs.services.screening import answers_clean, answers_record
from profiles.models import GraduateProfile
from profiles.selectors import Improvement
from skills.selectors import unknown_skill_ids

if TYPE_CHECKING:
    from employers.models import Employer
    from profiles.models import FieldOfStudy

COVER_LETTER_MAX = 5000


def public_postings_changed(**_signal: object) -> None:
    """The public catalogue may have changed: the searches' counts and pages and the job cards
    kept under its version (jobs.selectors.catalogue_stamp) are read again. A new version token
    now and once more after commit, so nothing read before the commit stays kept. Connected to
    saves and deletes of postings, their skills and companies (apps.py); writers that bypass
    them (bulk inserts) call it themselves."""
    version_token_renew_around_commit(PUBLIC_POSTINGS_VERSION_KEY)


def posting_touch(*, posting: JobPosting) -> None:
    """Anything that changes how the posting matches: re-score it after commit. Its last
    change moves too, so what is kept of its pages (keyed on it) is rendered again."""
    posting.updated_at = timezone.now()
    JobPosting.objects.filter(pk=posting.pk).update(updated_at=posting.updated_at)
    change_announce(kind=ChangeKind.POSTING, entity_id=posting.pk)


@transaction.atomic
def posting_skills_set(*, posting: JobPosting, skills: list[tuple[int, str, int, float]]) -> None:
    """Replace the posting's skills with (skill id, requirement, min level, weight) rows."""
    seen: set[int] = set()
    for skill_id, requirement, min_level, weight in skills:
        if skill_id in seen:
            raise ValidationError({"skills": f"Skill {skill_id} is listed twice."})
        seen.add(skill_id)
        if not 1 <= min_level <= 5 or not 0 < weight <= 5:
            raise ValidationError(
                {"skills": f"Skill {skill_id}: level 1-5 and weight 0.1-5 are required."}
            )
        if requirement not in Requirement.values:
            choices = ", ".join(Requirement.values)
            raise ValidationError(
                {"skills": f"Skill {skill_id}: the requirement must be one of {choices}."}
            )
    unknown = unknown_skill_ids(ids=seen)
    if unknown:
        raise ValidationError({"skills": f"No skill has the id {unknown[0]}."})
    posting.skills.exclude(skill_id__in=seen).delete()
    for skill_id, requirement, min_level, weight in skills:
        PostingSkill.objects.update_or_create(
            posting=posting,
            skill_id=skill_id,
            defaults={"requirement": requirement, "min_level": min_level, "weight": weight},
        )
    posting_touch(posting=posting)


@transaction.atomic
def posting_set_status(*, posting: JobPosting, status: str) -> JobPosting:
    """Publish, close or reopen; the matching lists follow."""
    if status not in PostingStatus.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    posting.status = status
    if status == PostingStatus.OPEN and posting.published_at is None:
        posting.published_at = timezone.now()
    posting.full_clean()
    posting.save()
    posting_touch(posting=posting)
    change_announce(kind=POSTING_STATUS, entity_id=posting.pk)  # webhooks hear
    if status == PostingStatus.OPEN:
        _posting_published_announce(posting=posting)
    return posting


def _posting_published_announce(*, posting: JobPosting) -> None:
    """After commit, the saved searches set to "instant" hear of the posting (jobs.tasks)."""
    # The task module imports this one (its tasks call these services).
    from jobs.tasks import saved_search_alerts_instant_task

    send_after_commit(saved_search_alerts_instant_task, posting.pk)


class ApplicationRefused(ValidationError):
    """The application cannot be made or moved; the message says why, for the user."""


class ProfileNotReadyRefused(ApplicationRefused):
    """The graduate's profile lacks what an employer needs to judge an application; `missing`
    lists each part with the profile step that adds it."""

    def __init__(self, missing: list[Improvement]) -> None:
        self.missing = missing
        parts = "; ".join(str(item.hint) for item in missing)
        super().__init__(
            _("Your profile is not ready for an application yet. Please add: %(parts)s.")
            % {"parts": parts}
        )


@transaction.atomic
def application_submit(
    *,
    graduate: GraduateProfile,
    posting: JobPosting,
    cover_letter: str,
    without_cv: bool = False,
    answers: Mapping[int, object] | None = None,
) -> Application:
    """Apply once to an open, public posting with a ready profile (application_missing_parts);
    the first history row records the application. `answers` maps the posting's screening
    question ids to answers (jobs.services.screening): a knockout answer marks, never refuses."""
    if not posting.is_public:
        raise ApplicationRefused(_("This posting is not open for applications."))
    if len(cover_letter) > COVER_LETTER_MAX:
        raise ValidationError(
            {
                "cover_letter": _("Keep the cover letter under %(n)s characters.")
                % {"n": COVER_LETTER_MAX}
            }
        )
    if Application.objects.filter(graduate=graduate, posting=posting).exists():
        raise ApplicationRefused(_("You have already applied to this posting."))
    missing = application_missing_parts(graduate=graduate, without_cv=without_cv)
    if missing:
        raise ProfileNotReadyRefused(missing)
    cleaned = answers_clean(posting=posting, answers=answers or {})
    application = Application.objects.create(
        graduate=graduate, posting=posting, cover_letter=cover_letter.strip()
    )
    answers_record(application=application, cleaned=cleaned)
    ApplicationStatusChange.objects.create(
        application=application, changed_by=graduate.user, to_status=ApplicationStatus.APPLIED
    )
    _application_submitted_notify(application=application)
    change_announce(kind=APPLICATION_STATUS, entity_id=application.pk)  # webhooks hear
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User, note: str = "") -> Application:
    """The graduate takes the application back; only their own, and only while it is live."""
    if application.graduate.user_id != by.pk:
        raise PermissionDenied("Only the applicant can withdraw an application.")
    return _application_transition(
        application=application, to_status=ApplicationStatus.WITHDRAWN, by=by, note=note
    )


@transaction.atomic
def application_move(
    *,
    application: Application,
    to_status: str,
    by: User,
    note: str = "",
    message: str = "",
    rejection_reason: str = "",
) -> Application:
    """The employer moves an application along the pipeline (PIPELINE_TRANSITIONS).

    `by` must be a member of the posting's employer; a rejection needs a reason. `note` stays with
    the employer, `message` is shown to the graduate."""
    membership = getattr(by, "employer_membership", None)
    if membership is None or membership.employer_id != application.posting.employer_id:
        raise PermissionDenied("Only the posting's employer can move this application.")
    require_verified(application.posting.employer)
    if to_status == ApplicationStatus.WITHDRAWN:
        raise ApplicationRefused(_("Only the graduate can withdraw an application."))
    if to_status == ApplicationStatus.REJECTED and not rejection_reason.strip():
        raise ValidationError({"rejection_reason": _("Give a reason for the rejection.")})
    if to_status == ApplicationStatus.REJECTED:
        application.rejection_reason = rejection_reason.strip()
    return _application_transition(
        application=application, to_status=to_status, by=by, note=note, message=message
    )


def _application_transition(
    *, application: Application, to_status: str, by: User, note: str = "", message: str = ""
) -> Application:
    # Lock the row so two recruiters moving the same application cannot both succeed.
    current = Application.objects.select_for_update().get(pk=application.pk)
    if to_status not in ApplicationStatus.values:
        raise ValidationError({"status": _("Unknown status %(s)r.") % {"s": to_status}})
    if to_status not in PIPELINE_TRANSITIONS[current.status]:
        raise ApplicationRefused(
            _("An application that is %(from)s cannot be moved to %(to)s.")
            % {
                "from": ApplicationStatus(current.status).label.lower(),
                "to": ApplicationStatus(to_status).label.lower(),
            }
        )
    change = ApplicationStatusChange.objects.create(
        application=current,
        changed_by=by,
        from_status=current.status,
        to_status=to_status,
        note=note.strip(),
        message=message.strip(),
    )
    application.status = to_status
    application.status_changed_at = timezone.now()
    application.save(
        update_fields=["status", "status_changed_at", "rejection_reason", "updated_at"]
    )
    if to_status == ApplicationStatus.WITHDRAWN:
        _application_withdrawn_notify(application=application, change=change)
    else:
        _application_moved_notify(application=application, change=change)
    change_announce(kind=APPLICATION_STATUS, entity_id=application.pk)  # interviews, webhooks
    return application


# --- postings as the employer writes them ------------------------------------------------------


class PostingRefused(ValidationError):
    """The posting cannot change that way; the message says why, for the user."""


SkillRow = tuple[int, str, int, float]


@transaction.atomic
def posting_create(
    *,
    employer: "Employer",
    posting: JobPosting,
    accepted_fields: Iterable["FieldOfStudy"] = (),
    skills: list[SkillRow] | None = None,
) -> JobPosting:
    """Save a new posting (an unsaved instance) as a draft of `employer`, with its fields of
    study and skills (skill id, requirement, min level, weight)."""
    posting.employer = employer
    posting.status, posting.published_at = PostingStatus.DRAFT, None
    posting.full_clean()
    posting.save()
    posting.accepted_fields.set(list(accepted_fields))
    posting_skills_set(posting=posting, skills=skills or [])
    return posting


@transaction.atomic
def posting_update(
    *,
    posting: JobPosting,
    accepted_fields: Iterable["FieldOfStudy"] = (),
    skills: list[SkillRow] | None = None,
) -> JobPosting:
    """Save the edited posting with its fields of study and skills; matching lists follow."""
    posting.full_clean()
    posting.save()
    posting.accepted_fields.set(list(accepted_fields))
    posting_skills_set(posting=posting, skills=skills or [])
    return posting


@transaction.atomic
def posting_duplicate(*, posting: JobPosting) -> JobPosting:
    """A draft copy of the posting (details, fields of study and skills), to edit and publish."""
    copy = JobPosting.objects.get(pk=posting.pk)
    copy.pk = None
    copy.id = None
    copy.title = (_("%(title)s (copy)") % {"title": posting.title})[:160]
    copy.status, copy.published_at = PostingStatus.DRAFT, None
    copy.save()
    copy.accepted_fields.set(list(posting.accepted_fields.all()))
    for row in posting.skills.all():
        PostingSkill.objects.create(
            posting=copy,
            skill_id=row.skill_id,
            requirement=row.requirement,
            min_level=row.min_level,
            weight=row.weight,
        )
    return copy


def posting_publish(*, posting: JobPosting) -> JobPosting:
    """Publish a draft, or reopen a closed posting. Only a company verified by staff may."""
    if not posting.employer.is_verified:
        raise PostingRefused(
            _("Your company is not verified yet. You can prepare postings; publish once verified.")
        )
    if posting.status == PostingStatus.OPEN:
        raise PostingRefused(_("This posting is already published."))
    if posting.deadline is not None and posting.deadline < timezone.localdate():
        raise PostingRefused(_("The deadline has passed. Set a new deadline before publishing."))
    if not posting.skills.exists():
        raise PostingRefused(_("Add at least one skill before publishing."))
    return posting_set_status(posting=posting, status=PostingStatus.OPEN)


def posting_close(*, posting: JobPosting) -> JobPosting:
    if posting.status != PostingStatus.OPEN:
        raise PostingRefused(_("Only a published posting can be closed."))
    return posting_set_status(posting=posting, status=PostingStatus.CLOSED)


def posting_reopen(*, posting: JobPosting) -> JobPosting:
    if posting.status != PostingStatus.CLOSED:
        raise PostingRefused(_("Only a closed posting can be reopened."))
    return posting_publish(posting=posting)


@transaction.atomic
def posting_invite_candidate(
    *, posting: JobPosting, graduate: GraduateProfile, by: User, message: str = ""
) -> PostingInvitation:
    """Invite a graduate to apply to an open posting; once per graduate and posting.

    `by` must be a member of the posting's company, which must be verified, and the graduate
    must be one the company may see (see jobs.selectors.candidate_visible_to_employer)."""
    membership = getattr(by, "employer_membership", None)
    if membership is None or membership.employer_id != posting.employer_id:
        raise PermissionDenied("Only the posting's employer can invite candidates.")
    require_verified(posting.employer)
    if not posting.is_public:
        raise PostingRefused(_("Only an open, published posting can invite candidates."))
    if not candidate_visible_to_employer(profile=graduate, employer=posting.employer):
        raise PermissionDenied("This graduate cannot be invited by this employer.")
    if PostingInvitation.objects.filter(posting=posting, graduate=graduate).exists():
        raise PostingRefused(_("This graduate has already been invited to this posting."))
    if Application.objects.filter(posting=posting, graduate=graduate).exists():
        raise PostingRefused(_("This graduate has already applied to this posting."))
    if len(message) > COVER_LETTER_MAX:
        raise ValidationError(
            {"message": _("Keep the message under %(n)s characters.") % {"n": COVER_LETTER_MAX}}
        )
    invitation = PostingInvitation.objects.create(
        posting=posting, graduate=graduate, invited_by=by, message=message.strip()
    )
    _posting_invitation_notify(invitation=invitation)
    return invitation


# --- who hears of it ---------------------------------------------------------------------------
