"""A posting's pipeline as a CSV file for HR's own records: one row per application.

Written by portal.downloads (Excel-safe UTF-8, no formulas); every download is on the audit
record (ids only)."""

import logging

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from jobs.models import Application, ApplicationStatus, JobPosting
from jobs.selectors import posting_pipeline
from matching.selectors import explanations_for
from portal.downloads import csv_download
from portal.employer.access import company_member, posting_or_404

audit = logging.getLogger("talentbridge.audit")  # ids only: no name or address in the log


def pipeline_rows(*, posting: JobPosting) -> list[list[str]]:
    """Header and one row per application: name, stage, applied, match score (the employer's
    points), screening result, last change."""
    applications = [a for column in posting_pipeline(posting=posting).values() for a in column]
    explained = explanations_for(
        graduate_ids=[a.graduate_id for a in applications], posting_ids=[posting.pk]
    ).by_graduate()
    header = [_("Name"), _("Stage"), _("Applied on"), _("Match score"), _("Screening")]
    rows = [[*header, _("Last change")]]
    for application in sorted(applications, key=lambda a: (a.created_at, a.pk)):
        explanation = explained.get(application.graduate_id)
        score = "" if explanation is None or explanation.excluded else explanation.fit_points
        rows.append(
            [
                application.graduate.user.get_full_name()
                if getattr(application, "shown", False)
                else _("A former applicant"),
                str(ApplicationStatus(application.status).label),
                timezone.localtime(application.created_at).date().isoformat(),
                str(score),
                _screening_result(application),
                timezone.localtime(application.status_changed_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return rows


def _screening_result(application: Application) -> str:
    answers = application.screening_answers.all()
    if not answers:
        return ""
    misses = [answer.question_text for answer in answers if not answer.meets]
    if not misses:
        return _("Meets every screening rule.")
    return _("Does not meet screening: %(questions)s") % {"questions": "; ".join(misses)}


@company_member
@require_GET
@never_cache
def pipeline_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    posting = posting_or_404(request, pk)
    rows = pipeline_rows(posting=posting)
    audit.info(
        "member %s exported the pipeline of posting %s (%s applications)",
        request.user.pk,
        posting.pk,
        len(rows) - 1,
    )
    filename = f"pipeline-{posting.pk}-{timezone.localdate().isoformat()}.csv"
    return csv_download(filename=filename, rows=rows)
