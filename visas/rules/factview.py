"""The facts as the rule data names them ("korean.topik_level", "job_offer.annual_salary_krw").

A view maps a field name to what is known about it: a plain value, `UNKNOWN` (absent from the
view), or a `Range` when only bounds are known. Bounds come from facts that limit others: years at
a Fortune 500 company cannot exceed all years of experience; years on E-9/E-10/H-2 cannot exceed
years worked in Korea. Anything a person states in `extra` overrides the derived value.

Assumptions the engine makes (pages should say them): `experience_years` counts as experience
related to the job and the degree; a completed KIIP stage 4 means its mid-term evaluation was
passed; any recorded education level means secondary school was completed.
"""

from dataclasses import dataclass
from typing import Any, Final

from visas.rules.facts import OfferFacts, PersonFacts

INF: Final = float("inf")


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()


@dataclass(frozen=True, slots=True)
class Range:
    """A number known only to lie within lo..hi (inclusive; hi may be INF)."""

    lo: float
    hi: float


FactView = dict[str, Any]
LEVEL_RANK: Final = {"diploma": 0, "associate": 1, "bachelor": 2, "master": 3, "doctorate": 4}
FREE_WORK_STATUSES: Final = ("F-2", "F-4", "F-5", "F-6")
NO_STATUS: Final = "none"
# Facts about a stay in Korea going on now: all nought for someone not in Korea.
CURRENT_STAY_FACTS: Final = (
    "status.years_continuous_in_status",
    "status.years_on_f2_7",
    "status.years_in_d7_to_e7_or_f2",
    "status.years_in_korea_after_degree",
    "employment.current_fulltime_korea_years",
)


def person_view(
    person: PersonFacts, offer: OfferFacts | None, *, status_from: PersonFacts | None = None
) -> FactView:
    """The view of a person (and offer). `status_from`: whose history bounds the facts known only
    by bounds (years on E-9, at a Fortune 500 company, in post-doctoral research). The engine
    passes the real person when it imagines the same person a few years on: more years of work
    do not put anyone on E-9 or in a post-doc."""
    history = status_from or person
    view: FactView = {
        "nationality": person.nationality,
        "korean.topik_level": person.topik,
        "korean.kiip_stage": person.kiip_stage,
        "korean.kiip_stage5_completed": person.kiip_stage >= 5,
        "korean.kiip_stage4_midterm_passed": person.kiip_stage >= 4,
        "experience.total_related_years": person.experience_years,
        "experience.domestic_years": person.korean_experience_years,
        "experience.overseas_years": person.experience_years - person.korean_experience_years,
        "experience.fortune500_years": Range(0, history.experience_years),
        "experience.postdoc_years": Range(0, history.experience_years),
        "experience.top_institute_years": Range(0, history.experience_years),
        "status.years_e9_e10_h2_last_10y": Range(0, history.korean_experience_years),
        "status.total_years_e9_e10": Range(0, history.korean_experience_years),
        "employment.current_fulltime_korea_years": Range(0, person.korean_experience_years),
    }
    if person.age is not None:
        view["age"] = person.age
    if person.current_visa != "other":
        view["status.current_visa"] = person.current_visa or NO_STATUS
    if not history.current_visa:  # not in Korea now: no current stay, status or job there
        view.update(dict.fromkeys(CURRENT_STAY_FACTS, 0))
    if person.education_level:
        view["education.completed_high_school"] = True
        view["degree.level"] = person.education_level
        view["degree.field_stem"] = person.field_stem
        if person.degree_country:
            view["degree.country"] = person.degree_country
            if person.degree_country != "KR":  # then it is from no Korean university at all
                view["degree.korean_university_name"] = ""
    if person.years_since_graduation is not None:
        view["degree.years_since_graduation"] = person.years_since_graduation
    if person.annual_income_krw is not None:
        view["income.previous_year_krw"] = person.annual_income_krw
        view["income.latest_annual_krw"] = person.annual_income_krw
        view["income.previous_year_krw_or_contract_salary"] = person.annual_income_krw
    if offer is not None:
        _add_offer(view, offer)
    view.update(person.extra)
    return view


def offer_view(offer: OfferFacts) -> FactView:
    """The offer's facts alone: every fact about the person is unknown."""
    view: FactView = {}
    _add_offer(view, offer)
    return view


def _add_offer(view: FactView, offer: OfferFacts) -> None:
    view["job_offer.annual_salary_krw"] = offer.annual_salary_krw
    view["income.previous_year_krw_or_contract_salary"] = offer.annual_salary_krw
    view["job_offer.sponsorship"] = offer.sponsorship
    view["job_offer.employer_size"] = offer.employer_size
    if offer.occupation_code:
        view["job_offer.occupation_code"] = offer.occupation_code
    if offer.employer_size in ("mid", "large"):
        # Mid-sized and large companies employ far more than five insured Koreans.
        view["job_offer.employer_korean_insured_employees"] = Range(5, INF)
    view.update(offer.extra)


def visa_matches(actual: str, listed: str) -> bool | None:
    """Whether a status held (`actual`) is the listed one. A sub-code matches its family
    ("D-10-1" is a "D-10"); a family cannot tell which sub-code ("E-7" may be "E-7-1")."""
    if actual == listed or actual.startswith(listed + "-"):
        return True
    if listed.startswith(actual + "-"):
        return None
    return False


def holds_free_work_status(person: PersonFacts) -> bool:
    """F-2, F-4, F-5 and F-6 holders may take any job without an employer's sponsorship."""
    return person.nationality == "KR" or any(
        visa_matches(person.current_visa, status) for status in FREE_WORK_STATUSES
    )


def level_rank(level: str) -> int:
    """-1 for no degree given, then diploma 0 … doctorate 4."""
    return LEVEL_RANK.get(level, -1)
