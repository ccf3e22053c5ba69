"""Vocabularies shared by several apps (profiles, employers, jobs, training, notifications).

Each is a closed list because matching compares them as categories; the labels are what users see.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Industry(models.TextChoices):
    SEMICONDUCTORS = "semiconductors", _("Semiconductors")
    ELECTRONICS = "electronics", _("Electronics")
    DISPLAY = "display", _("Display")
    BATTERIES = "batteries", _("Batteries")
    AUTOMOTIVE = "automotive", _("Automotive")
    SHIPBUILDING = "shipbuilding", _("Shipbuilding and offshore")
    MACHINERY = "machinery", _("Machinery and manufacturing")
    CHEMICALS = "chemicals", _("Chemicals and materials")
    ENERGY = "energy", _("Energy")
    SOFTWARE = "software", _("Software and IT")


class KoreaRegion(models.TextChoices):
    """The 17 first-level administrative divisions of the Republic of Korea."""

    SEOUL = "seoul", _("Seoul")
    BUSAN = "busan", _("Busan")
    DAEGU = "daegu", _("Daegu")
    INCHEON = "incheon", _("Incheon")
    GWANGJU = "gwangju", _("Gwangju")
    DAEJEON = "daejeon", _("Daejeon")
    ULSAN = "ulsan", _("Ulsan")
    SEJONG = "sejong", _("Sejong")
    GYEONGGI = "gyeonggi", _("Gyeonggi")
    GANGWON = "gangwon", _("Gangwon")
    CHUNGBUK = "chungbuk", _("North Chungcheong")
    CHUNGNAM = "chungnam", _("South Chungcheong")
    JEONBUK = "jeonbuk", _("North Jeolla")
    JEONNAM = "jeonnam", _("South Jeolla")
    GYEONGBUK = "gyeongbuk", _("North Gyeongsang")
    GYEONGNAM = "gyeongnam", _("South Gyeongsang")
    JEJU = "jeju", _("Jeju")


# Where each industry's employers cluster in Korea (first = biggest hub); demo and synthetic data
# draw employers' regions and graduates' regional preferences from it.
INDUSTRY_REGIONS: dict[str, tuple[str, ...]] = {
    "semiconductors": ("gyeonggi", "chungbuk", "chungnam"),
    "electronics": ("gyeonggi", "gyeongbuk", "gwangju", "seoul"),
    "display": ("gyeonggi", "chungnam", "gyeongbuk"),
    "batteries": ("chungbuk", "ulsan", "gyeongbuk", "jeonbuk", "chungnam"),
    "automotive": ("ulsan", "gyeonggi", "gwangju", "chungnam", "daegu"),
    "shipbuilding": ("ulsan", "gyeongnam", "busan", "jeonnam"),
    "machinery": ("gyeongnam", "gyeonggi", "incheon", "daegu"),
    "chemicals": ("jeonnam", "ulsan", "chungnam", "gyeongbuk"),
    "energy": ("jeonnam", "ulsan", "jeju", "daejeon"),
    "software": ("seoul", "gyeonggi", "busan", "daejeon"),
}


def place_words(city: str, region: str) -> str:
    """Where something is, as people write it: "Suwon, Gyeonggi", or the province alone when
    there is no city or the city is the province (Seoul, Ulsan, Sejong ...)."""
    province = str(KoreaRegion(region).label) if region in KoreaRegion.values else region
    city = city.strip()
    if not city or city.casefold() == province.casefold():
        return province
    return f"{city}, {province}"


class JobType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    CONTRACT = "contract", _("Fixed-term contract")
    INTERNSHIP = "internship", _("Internship")
    PART_TIME = "part_time", _("Part-time")


class EducationLevel(models.TextChoices):
    """Ordered from lowest to highest; `rank` gives the order for comparisons."""

    DIPLOMA = "diploma", _("Diploma")
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")

    @classmethod
    def rank(cls, level: str) -> int:
        return [c.value for c in cls].index(level)


class TopikLevel(models.IntegerChoices):
    """TOPIK levels as the score report gives them (TOPIK I: 1-2, TOPIK II: 3-6), 0 for none."""

    NONE = 0, _("None required")
    LEVEL_1 = 1, _("TOPIK 1 — basic")
    LEVEL_2 = 2, _("TOPIK 2 — basic")
    LEVEL_3 = 3, _("TOPIK 3 — intermediate")
    LEVEL_4 = 4, _("TOPIK 4 — intermediate")
    LEVEL_5 = 5, _("TOPIK 5 — advanced")
    LEVEL_6 = 6, _("TOPIK 6 — advanced")


class CompanySize(models.TextChoices):
    SME = "sme", _("Small or medium enterprise")
    MID = "mid", _("Mid-sized company")
    LARGE = "large", _("Large company")


# The eleven ASEAN members (Timor-Leste joined in October 2025).
ASEAN_COUNTRIES: dict[str, str] = {
    "BN": "Brunei",
    "KH": "Cambodia",
    "ID": "Indonesia",
    "LA": "Laos",
    "MY": "Malaysia",
    "MM": "Myanmar",
    "PH": "Philippines",
    "SG": "Singapore",
    "TH": "Thailand",
    "VN": "Vietnam",
    "TL": "Timor-Leste",
}


class ApplicationStatus(models.TextChoices):
    """Where an application stands in the hiring pipeline (jobs.models.PIPELINE_TRANSITIONS says
    which may follow which); notifications name it to the graduate."""

    APPLIED = "applied", _("Applied")
    SCREENING = "screening", _("Screening")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AlertFrequency(models.TextChoices):
    """How often a graduate hears of new postings: per saved search (all four) and for the match
    digest (every choice but instant)."""

    INSTANT = "instant", _("As soon as a job is published")
    DAILY = "daily", _("Once a day")
    WEEKLY = "weekly", _("Once a week")
    OFF = "off", _("Off")


DIGEST_FREQUENCIES = [
    (value, label) for value, label in AlertFrequency.choices if value != AlertFrequency.INSTANT
]
