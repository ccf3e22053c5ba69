"""Occupation codes a posting names: ISCO-08 unit groups and Korean E-7 (KSCO-based) codes.

The titles are for looking a code up while typing it; the checks say whether a code can be one
at all. The platform's own occupations (skills/data/occupations.json) give each code the roles it
stands for here.
"""

import json
import re
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

OCCUPATIONS_PATH = Path(__file__).resolve().parent / "data" / "occupations.json"

# ISCO-08 unit group titles of the occupations the synthetic instances use (and of the jobs
# outside engineering their graduates may have held).
ISCO08_TITLES: dict[str, str] = {
    "2113": "Chemists",
    "2120": "Mathematicians, actuaries and statisticians",
    "2141": "Industrial and production engineers",
    "2142": "Civil engineers",
    "2144": "Mechanical engineers",
    "2145": "Chemical engineers",
    "2149": "Engineering professionals not elsewhere classified",
    "2151": "Electrical engineers",
    "2152": "Electronics engineers",
    "2511": "Systems analysts",
    "2512": "Software developers",
    "2514": "Applications programmers",
    "2522": "Systems administrators",
    "2529": "Database and network professionals not elsewhere classified",
    "3114": "Electronics engineering technicians",
    "3115": "Mechanical engineering technicians",
    "3133": "Chemical processing plant controllers",
    "4110": "General office clerks",
    "4222": "Contact centre information clerks",
    "4321": "Stock clerks",
    "5120": "Cooks",
    "5223": "Shop sales assistants",
    "7212": "Welders and flame cutters",
    "7223": "Metal working machine tool setters and operators",
    "7231": "Motor vehicle mechanics and repairers",
    "7411": "Building and related electricians",
    "8160": "Food and related products machine operators",
    "8212": "Electrical and electronic equipment assemblers",
    "9329": "Manufacturing labourers not elsewhere classified",
}
# Further unit groups of science, engineering and ICT work, offered when looking a code up.
_MORE_ISCO08_TITLES = {
    "1223": "Research and development managers",
    "1321": "Manufacturing managers",
    "1330": "Information and communications technology services managers",
    "2111": "Physicists and astronomers",
    "2114": "Geologists and geophysicists",
    "2131": "Biologists, botanists, zoologists and related professionals",
    "2143": "Environmental engineers",
    "2146": "Mining engineers, metallurgists and related professionals",
    "2153": "Telecommunications engineers",
    "2513": "Web and multimedia developers",
    "2519": "Software and applications developers and analysts not elsewhere classified",
    "2521": "Database designers and administrators",
    "2523": "Computer network professionals",
    "3111": "Chemical and physical science technicians",
    "3112": "Civil engineering technicians",
    "3113": "Electrical engineering technicians",
    "3116": "Chemical engineering technicians",
    "3117": "Mining and metallurgical technicians",
    "3118": "Draughtspersons",
    "3119": "Physical and engineering science technicians not elsewhere classified",
    "3122": "Manufacturing supervisors",
    "3131": "Power production plant operators",
    "3139": "Process control technicians not elsewhere classified",
    "3512": "Information and communications technology user support technicians",
    "3522": "Telecommunications engineering technicians",
    "7233": "Agricultural and industrial machinery mechanics and repairers",
    "7412": "Electrical mechanics and fitters",
    "7421": "Electronics mechanics and servicers",
    "8211": "Mechanical machinery assemblers",
}

# The 43 sub-major groups of ISCO-08 (the first two digits of every unit group).
_SUB_MAJOR_GROUPS = (
    "01 02 03 11 12 13 14 21 22 23 24 25 26 31 32 33 34 35 41 42 43 44 "
    "51 52 53 54 61 62 63 71 72 73 74 75 81 82 83 91 92 93 94 95 96"
)
ISCO08_SUB_MAJOR_GROUPS = frozenset(_SUB_MAJOR_GROUPS.split())
# A KSCO-based E-7 code: digits, some starting with S (as the visa rules read them).
_E7_CODE = re.compile(r"^S?\d{3,5}$")


@lru_cache(maxsize=1)
def _catalogue_occupations() -> tuple[dict[str, str], ...]:
    raw = json.loads(OCCUPATIONS_PATH.read_text(encoding="utf-8"))
    return tuple(raw["occupations"])


def _roles_by(key: str) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    for occupation in _catalogue_occupations():
        if occupation[key]:
            roles.setdefault(occupation[key], []).append(occupation["title"])
    return roles


def isco_code_options() -> list[tuple[str, str]]:
    """(code, "title (roles here)") for every unit group with a known title, by code."""
    titles = {**_MORE_ISCO08_TITLES, **ISCO08_TITLES}
    roles = _roles_by("isco08")
    options = []
    for code in sorted(set(titles) | set(roles)):
        examples = roles.get(code, [])[:3]
        label = titles.get(code, examples[0] if examples else code)
        if examples:
            label = f"{label} ({', '.join(examples)})"
        options.append((code, label))
    return options


def e7_code_options_from_catalogue() -> list[tuple[str, str]]:
    """(E-7 code, the platform's roles filed under it) from the occupation catalogue."""
    return [(code, ", ".join(titles)) for code, titles in sorted(_roles_by("e7_code").items())]


def validate_isco08_code(value: str) -> None:
    """Four digits in one of ISCO-08's sub-major groups (so 2152, never 2952 or 0000)."""
    if not value:
        return
    if not (len(value) == 4 and value.isdigit() and value[:2] in ISCO08_SUB_MAJOR_GROUPS):
        raise ValidationError(
            _(
                "“%(code)s” is not an ISCO-08 unit group. Give four digits, e.g. 2152 for "
                "electronics engineers, or pick one from the list."
            ),
            code="isco08",
            params={"code": value},
        )


def validate_e7_code(value: str) -> None:
    if value and not _E7_CODE.match(value):
        raise ValidationError(
            _(
                "“%(code)s” is not an E-7 occupation code. Give the KSCO-based code as digits, "
                "e.g. 2211 (a few start with S, e.g. S110), or leave it empty."
            ),
            code="e7",
            params={"code": value},
        )
