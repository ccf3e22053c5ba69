"""Reads for partners: who a graduate may share with, and what a partner's token may read of
the graduates who share with it (their profiles and applications, while they share)."""

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from jobs.models import Application
from partners.models import Partner, PartnerShare, PartnerStatus
from profiles.models import EducationRecord, GraduateProfile, GraduateSkill


def partners_approved() -> QuerySet[Partner]:
    """The partners a graduate may choose to share with."""
    return Partner.objects.filter(status=PartnerStatus.APPROVED)


def partner_shares_of(*, graduate: GraduateProfile) -> dict[int, PartnerShare]:
    """The graduate's shares (live or withdrawn) by partner id."""
    return {share.partner_id: share for share in PartnerShare.objects.filter(graduate=graduate)}


def partner_approved_by_pk(*, pk: int) -> Partner:
    return partners_approved().get(pk=pk)


def partner_graduates_changed(
    *, partner: Partner, since: datetime.datetime | None = None
) -> QuerySet[PartnerShare]:
    """Every graduate who shares or shared with the partner, changed after `since`, with what
    the feed shows of those who still share (the pagination orders them)."""
    shares = PartnerShare.objects.filter(partner=partner)
    if since is not None:
        shares = shares.filter(updated_at__gt=since)
    return shares.select_related("graduate__user").prefetch_related(
        Prefetch(
            "graduate__education",
            queryset=EducationRecord.objects.select_related("field_of_study"),
        ),
        Prefetch("graduate__skills", queryset=GraduateSkill.objects.select_related("skill")),
    )


def partner_applications_changed(
    *, partner: Partner, since: datetime.datetime | None = None
) -> QuerySet[Application]:
    """The applications of the graduates who share with the partner now, changed after
    `since`: what the career office follows (which company and role, and the stage)."""
    sharing = PartnerShare.objects.filter(
        partner=partner, withdrawn_at__isnull=True, graduate__isnull=False
    ).values("graduate_id")
    applications = Application.objects.filter(graduate_id__in=sharing)
    if since is not None:
        applications = applications.filter(updated_at__gt=since)
    return applications.select_related("posting__employer")


def partners_sharing_graduate(*, graduate_id: int) -> list[int]:
    """The approved partners the graduate shares with now (webhooks tell them of the
    graduate's applications)."""
    return list(
        PartnerShare.objects.filter(
            graduate_id=graduate_id,
            withdrawn_at__isnull=True,
            partner__status=PartnerStatus.APPROVED,
        ).values_list("partner_id", flat=True)
    )


def partner_shares_export(*, graduate: GraduateProfile) -> list[dict[str, Any]]:
    """The partners the graduate shares with or shared with, for their data export."""
    return [
        {
            "partner": share.partner.name,
            "sharing": share.is_live,
            "granted_at": share.granted_at,
            "withdrawn_at": share.withdrawn_at,
        }
        for share in PartnerShare.objects.filter(graduate=graduate).select_related("partner")
    ]
