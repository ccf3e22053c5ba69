"""Words for people: field names, values and requirements as pages show them."""

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Final

from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django_countries.data import COUNTRIES

from visas.rules.data_words import data_words
from visas.rules.factview import INF, NO_STATUS, UNKNOWN, Range
from visas.rules.references import PartialList
from visas.rules.wording import (
    ANOTHER_WAY,
    DEGREE_WORDS,
    EXEMPTION_WORDS,
    HIGH_TECH_FIELD_WORDS,
    LONG_LIST_WORDS,
    NOT_ANSWERED,
    Words,
    per_language,
)

FIELD_LABELS: Final[Mapping[str, Words]] = {
    "nationality": gettext_lazy("Nationality"),
    "age": gettext_lazy("Age"),
    "degree.level": gettext_lazy("Highest degree"),
    "degree.country": gettext_lazy("Country of the degree"),
    "degree.field_stem": gettext_lazy("Degree in science or engineering"),
    "degree.count": gettext_lazy("Number of degrees"),
    "degree.related_to_job": gettext_lazy("Degree related to the job"),
    "degree.years_since_graduation": gettext_lazy("Years since graduation"),
    "degree.university_rank_the": gettext_lazy("University's THE ranking"),
    "degree.university_rank_qs": gettext_lazy("University's QS ranking"),
    "degree.university_rank_world": gettext_lazy("University's world ranking"),
    "degree.korean_university_name": gettext_lazy("Korean university"),
    "degree.field_high_tech": gettext_lazy("High-tech field of the degree"),
    "degree.major_korean_studies_with_topik": gettext_lazy("Korean Studies major with TOPIK"),
    "education.completed_high_school": gettext_lazy("Secondary school completed"),
    "korean.topik_level": gettext_lazy("TOPIK level"),
    "korean.kiip_stage": gettext_lazy("KIIP stage completed"),
    "korean.kiip_stage5_completed": gettext_lazy("KIIP stage 5 completed"),
    "korean.kiip_stage4_midterm_passed": gettext_lazy("KIIP stage 4 mid-term evaluation passed"),
    "korean.kiip_pretest_assigned_stage": gettext_lazy("KIIP pre-test placement"),
    "experience.total_related_years": gettext_lazy("Related work experience"),
    "experience.domestic_years": gettext_lazy("Work experience in Korea"),
    "experience.overseas_years": gettext_lazy("Work experience abroad"),
    "experience.fortune500_years": gettext_lazy("Experience at a Fortune Global 500 company"),
    "experience.postdoc_years": gettext_lazy("Post-doctoral research"),
    "experience.top_institute_years": gettext_lazy("Research at a world-class institute"),
    "status.current_visa": gettext_lazy("Current status"),
    "status.years_e9_e10_h2_last_10y": gettext_lazy(
        "Years on E-9, E-10 or H-2 in the last 10 years"
    ),
    "status.total_years_e9_e10": gettext_lazy("Total years on E-9 and E-10"),
    "status.years_in_d7_to_e7_or_f2": gettext_lazy("Years on D-7 to E-7 or F-2"),
    "status.years_in_korea_after_degree": gettext_lazy("Years in Korea since the degree"),
    "status.years_on_f2_7": gettext_lazy("Years on F-2-7"),
    "status.years_continuous_in_status": gettext_lazy("Years of continuous legal stay"),
    "status.d10_3_internship_years": gettext_lazy("Years as a D-10-3 high-tech intern"),
    "status.contract_ended_for_justifiable_reason": gettext_lazy(
        "Last contract ended for a justifiable reason"
    ),
    "employment.current_fulltime_korea_years": gettext_lazy("Current full-time job in Korea"),
    "income.previous_year_krw": gettext_lazy("Income last year"),
    "income.latest_annual_krw": gettext_lazy("Latest annual income"),
    "income.previous_year_krw_or_contract_salary": gettext_lazy(
        "Income last year or contract salary"
    ),
    "job_offer.annual_salary_krw": gettext_lazy("Offered annual salary"),
    "job_offer.occupation_code": gettext_lazy("Occupation code of the job"),
    "job_offer.employer_korean_insured_employees": gettext_lazy(
        "Employer's Korean staff on social insurance"
    ),
    "job_offer.employer_e7_foreigners_ratio_to_korean": gettext_lazy(
        "Employer's E-7 staff per Korean staff"
    ),
    "job_offer.employer_korean_high_tech": gettext_lazy("Employer is a Korean high-tech company"),
    "job_offer.contract_years": gettext_lazy("Length of the contract"),
    "job_offer.is_e7_level_professional": gettext_lazy("Job is an E-7-level professional job"),
    "job_offer.employer_is_listed": gettext_lazy("Employer listed on KOSPI or KOSDAQ"),
    "job_offer.ksco_major_group": gettext_lazy("Occupation group (KSCO)"),
    "job_offer.industry": gettext_lazy("Industry of the job"),
    "job_search.target_field_matches_major": gettext_lazy("Jobs sought match the major"),
    "admission.standard_admission_letter": gettext_lazy(
        "Standard admission letter from a university"
    ),
    "admission.language_institute_university_affiliated": gettext_lazy(
        "Language institute run by a university"
    ),
    "admission.enrolled_terms": gettext_lazy("Terms enrolled"),
    "funds.covers_one_year_tuition_and_living": gettext_lazy(
        "Funds for a year of tuition and living costs"
    ),
    "eps_topik.passed": gettext_lazy("EPS-TOPIK passed"),
    "points.total": gettext_lazy("Points"),
    "points.total_with_bonus": gettext_lazy("Points including bonus"),
    "points.group.basic": gettext_lazy("Points from basic items"),
    "points.income": gettext_lazy("Points for income"),
    "points.korean": gettext_lazy("Points for Korean"),
    "oasis.points": gettext_lazy("OASIS points"),
    "oasis.prerequisite_items_count": gettext_lazy("OASIS prerequisite items"),
    "startup.korean_corporation_registered": gettext_lazy("Korean company registered"),
    "applicant_type": gettext_lazy("Applicant type"),
    "recommendation.ministry_or_kotra_hightech": gettext_lazy(
        "Recommended as high-tech talent by a ministry or KOTRA"
    ),
    "recommendation.ministry": gettext_lazy("Recommended by a ministry"),
    "recommendation.central_ministry_head": gettext_lazy(
        "Recommended by the head of a central ministry"
    ),
    "recommendation.kstar_university_president": gettext_lazy(
        "Recommended by a K-STAR university's president"
    ),
    "recommendation.employer_worked_years": gettext_lazy("Years with the recommending employer"),
    "record.imprisonment_offence": gettext_lazy("Offence punished by imprisonment"),
    "record.deported_or_departure_order_korea": gettext_lazy("Deported or ordered to leave Korea"),
    "record.travel_ban_home_country": gettext_lazy("Travel ban in the home country"),
    "record.criminal_fines_3y_krw": gettext_lazy("Criminal fines in the last 3 years"),
    "record.immigration_violations_5y": gettext_lazy(
        "Immigration-law violations in the last 5 years"
    ),
    "licence.hrdk_professional_engineer": gettext_lazy("HRD Korea professional-engineer licence"),
    "ip.korean_patent_utility_design_held_or_applied": gettext_lazy(
        "Korean patent, utility model or design"
    ),
    "oasis.course_completed_within_3y_or_enrolled": gettext_lazy(
        "OASIS course (done in the last 3 years, or enrolled)"
    ),
    "startup.selected_k_startup_grand_challenge": gettext_lazy(
        "Selected for the K-Startup Grand Challenge"
    ),
    "job_offer.industry_is_high_tech": gettext_lazy("Job in a high-tech industry"),
    "applicant_and_parents_non_korean_citizens": gettext_lazy(
        "You and your parents are not Korean citizens"
    ),
    "degree.level_required_by_arrival": gettext_lazy(
        "Degree completed before the scholarship starts"
    ),
    "previous_degree_in_korea": gettext_lazy("Already studied for a degree in Korea"),
    "gpa.percentile": gettext_lazy("Grade average (percentile)"),
    "gpa.class_rank_top_percent": gettext_lazy("Class rank (top per cent)"),
    "gpa.cgpa_4_0": gettext_lazy("Grade average (out of 4.0)"),
    "gpa.cgpa_4_3": gettext_lazy("Grade average (out of 4.3)"),
    "gpa.cgpa_4_5": gettext_lazy("Grade average (out of 4.5)"),
    "gpa.cgpa_5_0": gettext_lazy("Grade average (out of 5.0)"),
    "points.f5_11_pass": gettext_lazy(
        "Passes the special-ability points test (its items are not published)"
    ),
    "income.f5_15_standard_met": gettext_lazy("Income or assets meet the F-5-15 standard"),
}
_KRW = "_krw"


def field_label(field: str, fallback: str) -> str:
    """A field's label in the active language (the rule data's own label when none is reviewed)."""
    if field in FIELD_LABELS:
        return str(FIELD_LABELS[field])
    if field.startswith("exemption."):
        return str(EXEMPTION_WORDS.get(field.removeprefix("exemption."), ANOTHER_WAY))
    return data_words(fallback)


# For the compiled rules (shared by every language): worded when read.
field_label_lazy = per_language(field_label)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def show(field: str, value: Any) -> str:
    """A value of a field in words: "not answered", "yes", "28,670,000 KRW", "2 years".
    A single value's words are kept per language (a verdict shows some 50 values, most of
    them the same from one person to the next)."""
    if value is UNKNOWN or type(value) in _KEPT_TYPES:
        return _shown(get_language(), field, value)
    return _show(field, value)


_KEPT_TYPES: Final = frozenset({str, int, float, bool, Range})


@lru_cache(maxsize=4096, typed=True)  # typed: True, 1 and 1.0 are worded apart
def _shown(language: str | None, field: str, value: Any) -> str:
    return _show(field, value)


def _show(field: str, value: Any) -> str:
    if value is UNKNOWN:
        return str(NOT_ANSWERED)
    if isinstance(value, Range):
        return _show_range(field, value)
    if isinstance(value, bool):
        return yes_no(value)
    if field == "status.current_visa" and value == NO_STATUS:
        return _("no status in Korea")
    if isinstance(value, str):
        return _show_code(field, value)
    if isinstance(value, int | float):
        return _show_number(field, value)
    if isinstance(value, list | tuple):
        return _show_list(field, value)
    if isinstance(value, PartialList):
        # Translators: %(list)s names a list of codes in the rule data, e.g. "occupation list".
        return _("a code of the %(list)s") % {"list": value.name}
    return str(value)


def _show_code(field: str, value: str) -> str:
    """Codes of the rule data in words: countries, degrees, fields."""
    if not value:
        return _("none")
    if field in {"nationality", "degree.country"}:
        return str(COUNTRIES.get(value.upper(), value))
    if field.startswith("degree.level"):
        return str(DEGREE_WORDS.get(value, value))
    if field in {"degree.field_high_tech", "job_offer.industry"}:
        return str(HIGH_TECH_FIELD_WORDS.get(value, value.replace("_", " ")))
    return value


def krw(amount: float) -> str:
    """An amount of won in words: "28,670,000 KRW"."""
    return _("%(amount)s KRW") % {"amount": f"{int(amount):,}"}


def _show_number(field: str, value: float) -> str:
    if field.endswith(_KRW) or "salary" in field:
        return krw(value)
    number = f"{value:g}" if isinstance(value, float) else str(value)
    count = int(value) if float(value).is_integer() else 2
    if "years" in field:
        return ngettext("%(number)s year", "%(number)s years", count) % {"number": number}
    if field.startswith(("points.", "oasis.points")):
        return _("%(number)s points") % {"number": number}
    return number


def _show_range(field: str, value: Range) -> str:
    if value.lo == value.hi:
        return _show_number(field, value.lo)
    if value.hi == INF:
        return _("at least %(value)s") % {"value": _show_number(field, value.lo)}
    if field.startswith(("points.", "oasis.")):
        # Translators: points counted so far, e.g. "40 points counted (up to 60 possible)".
        return _("%(counted)s counted (up to %(most)s possible)") % {
            "counted": _show_number(field, value.lo),
            "most": f"{value.hi:g}",
        }
    if value.lo == 0:
        return _("at most %(value)s") % {"value": _show_number(field, value.hi)}
    return between(_show_number(field, value.lo), _show_number(field, value.hi))


def between(low: str, high: str) -> str:
    # Translators: a range of values, e.g. "2 years to 5 years".
    return _("%(low)s to %(high)s") % {"low": low, "high": high}


def _show_list(field: str, values: list[Any] | tuple[Any, ...]) -> str:
    if len(values) > 8:
        # Translators: e.g. "one of 25 countries"; %(things)s is a plural noun.
        return _("one of %(count)s %(things)s") % {
            "count": len(values),
            "things": LONG_LIST_WORDS.get(field, gettext_lazy("listed options")),
        }
    return either([show(field, value) for value in values])


def either(words: list[str]) -> str:
    """ "a, b or c" in the active language."""
    if len(words) == 1:
        return words[0]
    # Translators: the last of a list of choices, e.g. "bachelor, master" or "doctorate".
    return _("%(first)s or %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def show_required(field: str, op: str, value: Any) -> str:
    """The requirement in words: "at least 28,670,000 KRW", "one of bachelor, master"."""
    if op == "true":
        return _("yes")
    if op == "false":
        return _("no")
    if value is UNKNOWN:
        return _("a list the sources name but do not give")
    if op == "between" and isinstance(value, list | tuple):
        return between(show(field, value[0]), show(field, value[1]))
    if isinstance(value, Range):
        # Translators: a requirement the sources do not settle, e.g. "30 to 35 (not settled)".
        shown = _("%(low)s to %(high)s (not settled)") % {
            "low": show(field, value.lo),
            "high": show(field, value.hi),
        }
    else:
        shown = show(field, value)
    template = _REQUIRED.get(op)
    return shown if template is None else str(template) % {"value": shown}


_REQUIRED: Final[Mapping[str, Words]] = {
    "gte": gettext_lazy("at least %(value)s"),
    "gt": gettext_lazy("more than %(value)s"),
    "lte": gettext_lazy("at most %(value)s"),
    "lt": gettext_lazy("less than %(value)s"),
    "ne": gettext_lazy("not %(value)s"),
    "not_in": gettext_lazy("none of %(value)s"),
}
