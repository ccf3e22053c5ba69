"""Time zones of the people on the platform, and how a moment is written for them.

Employers work in Korea time (KST, Asia/Seoul); a graduate's zone comes from where they live
(or their nationality) unless they chose one. Always zoneinfo, never a fixed offset: a zone's
offset is a rule with a history (and, in some zones, daylight saving time).
"""

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KOREA = "Asia/Seoul"

# ISO 3166 country code -> the zone its people live in (ASEAN countries and Korea).
COUNTRY_ZONES: dict[str, str] = {
    "VN": "Asia/Ho_Chi_Minh",
    "ID": "Asia/Jakarta",
    "PH": "Asia/Manila",
    "TH": "Asia/Bangkok",
    "MY": "Asia/Kuala_Lumpur",
    "SG": "Asia/Singapore",
    "MM": "Asia/Yangon",
    "KH": "Asia/Phnom_Penh",
    "LA": "Asia/Vientiane",
    "BN": "Asia/Brunei",
    "TL": "Asia/Dili",
    "KR": KOREA,
}

# The city a zone is known by, where its zoneinfo name is not how people say it.
CITY_NAMES = {
    "Asia/Ho_Chi_Minh": gettext_lazy("Ho Chi Minh City"),
    "Asia/Seoul": gettext_lazy("Seoul"),
    "Asia/Jakarta": gettext_lazy("Jakarta"),
    "Asia/Manila": gettext_lazy("Manila"),
    "Asia/Bangkok": gettext_lazy("Bangkok"),
    "Asia/Kuala_Lumpur": gettext_lazy("Kuala Lumpur"),
    "Asia/Singapore": gettext_lazy("Singapore"),
    "Asia/Yangon": gettext_lazy("Yangon"),
    "Asia/Phnom_Penh": gettext_lazy("Phnom Penh"),
    "Asia/Vientiane": gettext_lazy("Vientiane"),
    "Asia/Brunei": gettext_lazy("Brunei"),
    "Asia/Dili": gettext_lazy("Dili"),
}


@cache
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_known_zone(name: str) -> bool:
    return name in known_zones()


def zone_choices() -> list[tuple[str, str]]:
    """Every zone, the platform's countries' first, for a select box."""
    first = sorted(set(COUNTRY_ZONES.values()))
    rest = sorted(known_zones() - set(first))
    return [(name, name.replace("_", " ")) for name in [*first, *rest]]


def zone_for_country(country: str) -> str | None:
    return COUNTRY_ZONES.get(country.upper()) if country else None


def person_zone(chosen: str, country: str, nationality: str) -> str:
    """The zone a person chose, else their country of residence's, else their nationality's,
    else Korea time."""
    return chosen or zone_for_country(country) or zone_for_country(nationality) or KOREA


def validate_time_zone(value: str) -> None:
    if value and not is_known_zone(value):
        raise ValidationError(
            _("“%(zone)s” is not a time zone we know."), code="invalid", params={"zone": value}
        )


def city_name(zone: str) -> str:
    """ "Ho Chi Minh City" for Asia/Ho_Chi_Minh; the zone's last part for others."""
    if zone in CITY_NAMES:
        return str(CITY_NAMES[zone])
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def local_time(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def moment_words(moment: datetime, zone: str) -> str:
    """ "Tue 9 Mar, 10:00" in `zone` (day and month names in the active language)."""
    return formats.date_format(local_time(moment, zone), "D j M, H:i")


def moment_in_zone(moment: datetime, zone: str) -> str:
    """ "Tue 9 Mar, 10:00 in Ho Chi Minh City (12:00 in Seoul)": the moment where the reader
    is, and in Korea time beside it (with the date there when it differs)."""
    here = moment_words(moment, zone)
    if zone == KOREA:
        return _("%(when)s in %(city)s (KST)") % {"when": here, "city": city_name(KOREA)}
    local, seoul = local_time(moment, zone), local_time(moment, KOREA)
    there = (
        formats.date_format(seoul, "H:i")
        if seoul.date() == local.date()
        else moment_words(moment, KOREA)
    )
    return _("%(when)s in %(city)s (%(seoul)s in Seoul)") % {
        "when": here,
        "city": city_name(zone),
        "seoul": there,
    }
