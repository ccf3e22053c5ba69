"""Demo partner organisations: two approved (their client credentials are issued and not kept:
staff renew them in the admin to try the partner API), one waiting for approval; the demo
graduate shares their profile with the first. The organisations are invented."""

from typing import NamedTuple

from accounts.models import User
from partners.models import Partner, PartnerStatus
from partners.services import partner_approve, partner_share_grant
from profiles.models import GraduateProfile


class PartnerRow(NamedTuple):
    name: str
    kind: str
    country: str
    description: str
    approved: bool


PARTNERS = (
    PartnerRow(
        "Mekong Polytechnic Career Centre",
        "university",
        "VN",
        "Follows its engineering graduates into Korean jobs: advice on applications, TOPIK "
        "classes and interview practice for those who share their progress.",
        True,
    ),
    PartnerRow(
        "Daegu International Careers Office",
        "university",
        "KR",
        "Helps ASEAN students and alumni of Korean universities move from D-2 and D-10 to work "
        "visas, with one adviser per graduate who shares their profile.",
        True,
    ),
    PartnerRow(
        "ASEAN-Korea Skills Foundation",
        "training",
        "ID",
        "Funds short technical courses for the skills Korean employers ask for most.",
        False,
    ),
)


def partners_seed(*, staff: User, demo_graduate: User) -> None:
    """The demo partners (found again by name), and the demo graduate's share with the first."""
    for row in PARTNERS:
        partner, created = Partner.objects.get_or_create(
            name=row.name,
            defaults={
                "kind": row.kind,
                "country": row.country,
                "description": row.description,
                "contact_email": f"partners+{len(row.name)}@demo.talentbridge.example",
            },
        )
        if created and row.approved:
            partner_approve(partner=partner, by=staff)
    first = Partner.objects.get(name=PARTNERS[0].name)
    profile = GraduateProfile.objects.filter(user=demo_graduate).first()
    if profile is not None and first.status == PartnerStatus.APPROVED:
        partner_share_grant(graduate=profile, partner=first)
