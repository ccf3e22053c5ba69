"""Words for people: field names, values and requirements as pages show them."""

from collections.abc import Mapping
from typing import Any, Final

from django_countries.data import COUNTRIES

from visas.rules.factview import INF, NO_STATUS, UNKNOWN, Range
from visas.rules.references import PartialList
from visas.rules.wording import (
    ANOTHER_WAY,
    DEGREE_WORDS,
    EXEMPTION_WORDS,
    HIGH_TECH_FIELD_WORDS,
    LONG_LIST_WORDS,
    NOT_ANSWERED,
)

FIELD_LABELS: Final[Mapping[str, str]] = {
    "nationality": "Nationality",
    "age": "Age",
    "degree.level": "Highest degree",
    "degree.country": "Country of the degree",
    "degree.field_stem": "Degree in science or engineering",
    "degree.count": "Number of degrees",
    "degree.related_to_job": "Degree related to the job",
    "degree.years_since_graduation": "Years since graduation",
    "degree.university_rank_the": "University's THE ranking",
    "degree.university_rank_qs": "University's QS ranking",
    "degree.university_rank_world": "University's world ranking",
    "degree.korean_university_name": "Korean university",
    "degree.field_high_tech": "High-tech field of the degree",
    "degree.major_korean_studies_with_topik": "Korean Studies major with TOPIK",
    "education.completed_high_school": "Secondary school completed",
    "korean.topik_level": "TOPIK level",
    "korean.kiip_stage": "KIIP stage completed",
    "korean.kiip_stage5_completed": "KIIP stage 5 completed",
    "korean.kiip_stage4_midterm_passed": "KIIP stage 4 mid-term evaluation passed",
    "korean.kiip_pretest_assigned_stage": "KIIP pre-test placement",
    "experience.total_related_years": "Related work experience",
    "experience.domestic_years": "Work experience in Korea",
    "experience.overseas_years": "Work experience abroad",
    "experience.fortune500_years": "Experience at a Fortune Global 500 company",
    "experience.postdoc_years": "Post-doctoral research",
    "experience.top_institute_years": "Research at a world-class institute",
    "status.current_visa": "Current status",
    "status.years_e9_e10_h2_last_10y": "Years on E-9, E-10 or H-2 in the last 10 years",
    "status.total_years_e9_e10": "Total years on E-9 and E-10",
    "status.years_in_d7_to_e7_or_f2": "Years on D-7 to E-7 or F-2",
    "status.years_in_korea_after_degree": "Years in Korea since the degree",
    "status.years_on_f2_7": "Years on F-2-7",
    "status.years_continuous_in_status": "Years of continuous legal stay",
    "status.d10_3_internship_years": "Years as a D-10-3 high-tech intern",
    "status.contract_ended_for_justifiable_reason": "Last contract ended for a justifiable reason",
    "employment.current_fulltime_korea_years": "Current full-time job in Korea",
    "income.previous_year_krw": "Income last year",
    "income.latest_annual_krw": "Latest annual income",
    "income.previous_year_krw_or_contract_salary": "Income last year or contract salary",
    "job_offer.annual_salary_krw": "Offered annual salary",
    "job_offer.occupation_code": "Occupation code of the job",
    "job_offer.employer_korean_insured_employees": "Employer's Korean staff on social insurance",
    "job_offer.employer_e7_foreigners_ratio_to_korean": "Employer's E-7 staff per Korean staff",
    "job_offer.employer_korean_high_tech": "Employer is a Korean high-tech company",
    "job_offer.contract_years": "Length of the contract",
    "job_offer.is_e7_level_professional": "Job is an E-7-level professional job",
    "job_offer.employer_is_listed": "Employer listed on KOSPI or KOSDAQ",
    "job_offer.ksco_major_group": "Occupation group (KSCO)",
    "job_offer.industry": "Industry of the job",
    "job_search.target_field_matches_major": "Jobs sought match the major",
    "admission.standard_admission_letter": "Standard admission letter from a university",
    "admission.language_institute_university_affiliated": "Language institute run by a university",
    "admission.enrolled_terms": "Terms enrolled",
    "funds.covers_one_year_tuition_and_living": "Funds for a year of tuition and living costs",
    "eps_topik.passed": "EPS-TOPIK passed",
    "points.total": "Points",
    "points.total_with_bonus": "Points including bonus",
    "points.group.basic": "Points from basic items",
    "points.income": "Points for income",
    "points.korean": "Points for Korean",
    "oasis.points": "OASIS points",
    "oasis.prerequisite_items_count": "OASIS prerequisite items",
    "startup.korean_corporation_registered": "Korean company registered",
    "applicant_type": "Applicant type",
    "recommendation.ministry_or_kotra_hightech": "Recommended as high-tech talent by a ministry "
    "or KOTRA",
    "recommendation.ministry": "Recommended by a ministry",
    "recommendation.central_ministry_head": "Recommended by the head of a central ministry",
    "recommendation.kstar_university_president": "Recommended by a K-STAR university's president",
    "recommendation.employer_worked_years": "Years with the recommending employer",
    "record.imprisonment_offence": "Offence punished by imprisonment",
    "record.deported_or_departure_order_korea": "Deported or ordered to leave Korea",
    "record.travel_ban_home_country": "Travel ban in the home country",
    "record.criminal_fines_3y_krw": "Criminal fines in the last 3 years",
    "record.immigration_violations_5y": "Immigration-law violations in the last 5 years",
    "licence.hrdk_professional_engineer": "HRD Korea professional-engineer licence",
    "ip.korean_patent_utility_design_held_or_applied": "Korean patent, utility model or design",
    "oasis.course_completed_within_3y_or_enrolled": "OASIS course (done in the last 3 years, or "
    "enrolled)",
    "startup.selected_k_startup_grand_challenge": "Selected for the K-Startup Grand Challenge",
    "job_offer.industry_is_high_tech": "Job in a high-tech industry",
    "applicant_and_parents_non_korean_citizens": "You and your parents are not Korean citizens",
    "degree.level_required_by_arrival": "Degree completed before the scholarship starts",
    "previous_degree_in_korea": "Already studied for a degree in Korea",
    "gpa.percentile": "Grade average (percentile)",
    "gpa.class_rank_top_percent": "Class rank (top per cent)",
    "gpa.cgpa_4_0": "Grade average (out of 4.0)",
    "gpa.cgpa_4_3": "Grade average (out of 4.3)",
    "gpa.cgpa_4_5": "Grade average (out of 4.5)",
    "gpa.cgpa_5_0": "Grade average (out of 5.0)",
    "points.f5_11_pass": "Passes the special-ability points test (its items are not published)",
    "income.f5_15_standard_met": "Income or assets meet the F-5-15 standard",
}
_KRW = "_krw"


def field_label(field: str, fallback: str) -> str:
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    if field.startswith("exemption."):
        return EXEMPTION_WORDS.get(field.removeprefix("exemption."), ANOTHER_WAY)
    return fallback


def show(field: str, value: Any) -> str:
    """A value of a field in words: "not answered", "yes", "28,670,000 KRW", "2 years"."""
    if value is UNKNOWN:
        return NOT_ANSWERED
    if isinstance(value, Range):
        return _show_range(field, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field == "status.current_visa" and value == NO_STATUS:
        return "no status in Korea"
    if isinstance(value, str):
        return _show_code(field, value)
    if isinstance(value, int | float):
        return _show_number(field, value)
    if isinstance(value, list | tuple):
        return _show_list(field, value)
    if isinstance(value, PartialList):
        return f"a code of the {value.name}"
    return str(value)


def _show_code(field: str, value: str) -> str:
    """Codes of the rule data in words: countries, degrees, fields."""
    if not value:
        return "none"
    if field in {"nationality", "degree.country"}:
        return str(COUNTRIES.get(value.upper(), value))
    if field.startswith("degree.level"):
        return DEGREE_WORDS.get(value, value)
    if field in {"degree.field_high_tech", "job_offer.industry"}:
        return HIGH_TECH_FIELD_WORDS.get(value, value.replace("_", " "))
    return value


def _show_number(field: str, value: float) -> str:
    if field.endswith(_KRW) or "salary" in field:
        return f"{int(value):,} KRW"
    number = f"{value:g}" if isinstance(value, float) else str(value)
    if "years" in field:
        return f"{number} year" if value == 1 else f"{number} years"
    if field.startswith(("points.", "oasis.points")):
        return f"{number} points"
    return number


def _show_range(field: str, value: Range) -> str:
    if value.lo == value.hi:
        return _show_number(field, value.lo)
    if value.hi == INF:
        return "at least " + _show_number(field, value.lo)
    if field.startswith(("points.", "oasis.")):
        return f"{_show_number(field, value.lo)} counted (up to {value.hi:g} possible)"
    if value.lo == 0:
        return "at most " + _show_number(field, value.hi)
    return f"{_show_number(field, value.lo)} to {_show_number(field, value.hi)}"


def _show_list(field: str, values: list[Any] | tuple[Any, ...]) -> str:
    if len(values) > 8:
        return f"one of {len(values)} {LONG_LIST_WORDS.get(field, 'listed options')}"
    words = [show(field, value) for value in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def show_required(field: str, op: str, value: Any) -> str:
    """The requirement in words: "at least 28,670,000 KRW", "one of bachelor, master"."""
    if op == "true":
        return "yes"
    if op == "false":
        return "no"
    if value is UNKNOWN:
        return "a list the sources name but do not give"
    if op == "between" and isinstance(value, list | tuple):
        return f"{show(field, value[0])} to {show(field, value[1])}"
    if isinstance(value, Range):
        shown = f"{show(field, value.lo)} to {show(field, value.hi)} (not settled)"
    else:
        shown = show(field, value)
    prefix = {
        "gte": "at least ",
        "gt": "more than ",
        "lte": "at most ",
        "lt": "less than ",
        "ne": "not ",
        "not_in": "none of ",
        "eq": "",
        "in": "",
    }.get(op, "")
    return prefix + shown
