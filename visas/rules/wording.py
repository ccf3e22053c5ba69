"""Reviewed words for what the rule data names by id: groups of conditions, exemptions,
applicant types, alternatives, value codes and how sure the sources are.

The rule data keeps its ids (`exemption.first_d10_after_korean_degree`, `general_bachelor_plus_1y`)
and its research notes for staff; users read the words here. An id with no reviewed words gets a
neutral phrase, never the id itself, and a test lists the ids of the loaded rules that still lack
reviewed words (tests/visas/test_plain_words.py), so new rule data cannot reach users as code.
"""

from collections.abc import Mapping
from typing import Final

# Groups of conditions, by the last part of their key. Groups that only say how their members
# combine ("any-2", "all-1") are "One of these" and "All of these".
GROUP_WORDS: Final[Mapping[str, str]] = {
    "eligibility": "Who can apply",
    "employer-requirements": "What the employer must meet",
    "general_master": "A master's degree related to the job",
    "general_bachelor_plus_1y": "A related bachelor's degree and a year of related work",
    "unrelated_bachelor_plus_3y": "A bachelor's degree and three years of related work",
    "special_top_university_bachelor": "A bachelor's degree from a top-ranked university",
    "special_korean_associate": "An associate degree from a Korean university",
    "special_korean_bachelor_plus": "A bachelor's degree from a Korean university",
    "special_ministry_rec_1_5x_gni": (
        "A ministry's recommendation and a salary of 1.5 times the national average income"
    ),
}

# D-10-1's ways to a job-seeking visa without the points test.
EXEMPTION_WORDS: Final[Mapping[str, str]] = {
    "first_d10_after_korean_degree": (
        "No points needed: first job-seeking stay right after a degree from a Korean university"
    ),
    "korean_grad_strong_korean": (
        "No points needed: a graduate of a Korean university with good Korean"
    ),
    "former_e1_e7_holder": "No points needed: you worked in Korea on a professional visa",
    "global_promising_talent": (
        "No points needed: a recent graduate of a top-ranked university, under 30"
    ),
}

# F-2-7's kinds of applicant.
APPLICANT_TYPE_WORDS: Final[Mapping[str, str]] = {
    "listed_company": "working for a listed Korean company",
    "promising_industry": "working in a promising industry",
    "professional": "working in Korea as a professional",
    "korean_masters_graduate": "a master's graduate of a Korean university",
    "potential_talent_F-2-7S": "potential talent (F-2-7S)",
}

# Alternatives a condition allows, by (visa, field).
ALTERNATIVE_WORDS: Final[Mapping[tuple[str, str], str]] = {
    ("D-10-1", "degree.level"): "or an associate degree from a Korean university",
    ("E-7-S", "job_offer.industry_is_high_tech"): "or a high income",
    ("E-7-4", "job_offer.annual_salary_krw"): "25,000,000 KRW in farming, livestock or fishing",
    ("F-5-1", "korean.kiip_stage"): "or a pass (60 or more) in the KIIP final evaluation",
}

DEGREE_WORDS: Final[Mapping[str, str]] = {
    "diploma": "a diploma",
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
    "bachelor (for master's)": "a bachelor's degree (to start a master's)",
    "master (for PhD)": "a master's degree (to start a doctorate)",
}

HIGH_TECH_FIELD_WORDS: Final[Mapping[str, str]] = {
    "it": "information technology",
    "technology_management": "technology management",
    "nano": "nanotechnology",
    "digital_electronics": "digital electronics",
    "bio": "biotechnology",
    "transport_machinery": "transport machinery",
    "new_materials": "new materials",
    "environment_energy": "environment and energy",
}

# How a list too long to spell out is named, by field.
LONG_LIST_WORDS: Final[Mapping[str, str]] = {
    "nationality": "countries",
    "degree.country": "countries",
    "job_offer.occupation_code": "listed occupations",
    "status.current_visa": "statuses",
    "degree.korean_university_name": "listed universities",
}

ANY_OF: Final = "One of these"
ALL_OF: Final = "All of these"
UNSETTLED: Final = "the sources disagree or leave this open"
CHECK_OFFICIALLY: Final = "Confirm it with HiKorea (call 1345) before you apply."
ANOTHER_WAY: Final = "Another way to qualify"
NOT_ANSWERED: Final = "not answered"
NOT_KNOWN: Final = "not known yet"


def group_words(key: str) -> str:
    """The words for a group of conditions, by its key."""
    last = key.rsplit("/", 1)[-1]
    if last in GROUP_WORDS:
        return GROUP_WORDS[last]
    if last.startswith("any-"):
        return ANY_OF
    if last.startswith("all-"):
        return ALL_OF
    if last.startswith("exemption-"):
        return EXEMPTION_WORDS.get(last.removeprefix("exemption-"), ANOTHER_WAY)
    if last.startswith("applicant-type-"):
        kind = last.removeprefix("applicant-type-")
        return "Applicant " + APPLICANT_TYPE_WORDS.get(kind, "of another kind")
    return ANOTHER_WAY


def applicant_type_words(key: str) -> str:
    return APPLICANT_TYPE_WORDS.get(key, "another kind of applicant")


def alternative_words(visa: str, field: str) -> str:
    return ALTERNATIVE_WORDS.get((visa, field), "or another way the sources describe")


_OPERATORS = ((">=", "at least"), ("<=", "at most"), ("≥", "at least"), ("≤", "at most"),
              ("==", "is"), ("!=", "is not"), (">", "more than"), ("<", "less than"))  # fmt: skip


def without_operators(text: str) -> str:
    """Rule-data wording with comparison signs in words ("(>= 2 years)" -> "(at least 2 years)")."""
    for sign, words in _OPERATORS:
        text = text.replace(f"{sign} ", f"{words} ").replace(sign, f"{words} ")
    return text
