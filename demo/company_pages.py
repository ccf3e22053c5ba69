"""What the demo companies' public pages show: their sites (real Korean cities) and what each
offers foreign hires, drawn from the company's size so that large companies offer more."""

from random import Random

from core.choices import KoreaRegion
from demo.catalogue import EMPLOYERS, EmployerEntry
from employers.models import CompanyLocation, Employer, HousingSupport, VisaSupport

METROPOLITAN = {"seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "sejong"}

SITE_LABEL = {
    "semiconductors": "Fab",
    "display": "Fab",
    "shipbuilding": "Shipyard",
    "software": "Development centre",
    "energy": "Operations centre",
}

# Where large companies keep their head office: (city, region).
HEAD_OFFICES = (
    ("Seoul (Jung-gu)", "seoul"),
    ("Seoul (Gangnam-gu)", "seoul"),
    ("Seongnam", "gyeonggi"),
)


def site_city(entry: EmployerEntry) -> str:
    """The city as people say it: "Icheon" for Icheon-si, "Ulsan (Ulju-gun)" for a district of a
    metropolitan city."""
    if entry.region in METROPOLITAN:
        return f"{KoreaRegion(entry.region).label} ({entry.city})"
    for suffix in ("-si", "-gun"):
        if entry.city.endswith(suffix):
            return entry.city.removesuffix(suffix)
    return entry.city


def support_draw(*, entry: EmployerEntry, employer: Employer, rng: Random) -> None:
    """Set the company's support for foreign hires on the unsaved instance."""
    large = entry.size_class == "large"
    employer.housing_support = rng.choice(
        [HousingSupport.COMPANY_HOUSING, HousingSupport.ALLOWANCE]
        if large
        else [HousingSupport.HELP_FINDING, HousingSupport.ALLOWANCE, HousingSupport.NONE, ""]
    )
    employer.visa_support = rng.choice(
        [VisaSupport.HANDLES] if large else [VisaSupport.HANDLES, VisaSupport.SUPPORTS, ""]
    )
    employer.korean_classes = rng.choice([True, True, False] if large else [True, False, None])
    employer.relocation_support = rng.choice([True, None] if large else [True, False, None])
    if employer.housing_support == HousingSupport.COMPANY_HOUSING:
        employer.support_notes = "Single rooms in the company dormitory for the first two years."
    if entry is EMPLOYERS[0]:  # the demo employer's own company: every answer filled in
        employer.housing_support, employer.visa_support = HousingSupport.ALLOWANCE, "handles"
        employer.korean_classes, employer.relocation_support = True, True
        employer.support_notes = (
            "Monthly housing allowance for the first year; weekly Korean classes at the site; "
            "we file the E-7 sponsorship paperwork and pay the flight to Korea."
        )


def sites_seed(*, employers: dict[str, Employer], seed: int) -> None:
    """Give each catalogue company without sites its site in the catalogue's city, and large
    companies a head office too. Companies that have sites keep them (a second run adds none)."""
    with_sites = set(
        CompanyLocation.objects.filter(employer__in=employers.values()).values_list(
            "employer_id", flat=True
        )
    )
    rows: list[CompanyLocation] = []
    for index, entry in enumerate(EMPLOYERS):
        employer = employers[entry.name]
        if employer.pk in with_sites:
            continue
        label = SITE_LABEL.get(entry.industry, "Plant")
        if entry.size_class == "large":
            city, region = Random(f"{seed}:head-office:{index}").choice(HEAD_OFFICES)
            rows.append(
                CompanyLocation(employer=employer, city=city, region=region, label="Head office")
            )
        elif entry.size_class == "sme":
            label = "Head office and " + label.lower()
        rows.append(
            CompanyLocation(
                employer=employer,
                city=site_city(entry),
                region=entry.region,
                label=label,
                position=1 if entry.size_class == "large" else 0,
            )
        )
    CompanyLocation.objects.bulk_create(rows)
