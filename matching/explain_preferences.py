"""The graduate's preference factors in a match explanation, valued as matching.reference values
them (matching.explain uses them)."""

from dataclasses import dataclass

from matching import scoring
from matching.facts import GraduateFacts, PostingFacts
from matching.vocabulary import Preference


@dataclass(slots=True)
class PreferenceFactor:
    """value in [0, 1] times weight is this factor's share of `preference`."""

    name: Preference
    wanted: list[str] | int  # codes the graduate wants ([] = open), or a minimum salary (0 = open)
    offered: str | int
    value: float
    weight: float
    note: str = ""


def _set_factor(
    name: Preference, wanted: frozenset[str], offered: str, weight: float
) -> PreferenceFactor:
    if not wanted:
        return PreferenceFactor(name, [], offered, scoring.NEUTRAL, weight, "no preference given")
    value = 1.0 if offered in wanted else 0.0
    return PreferenceFactor(name, sorted(wanted), offered, value, weight)


def preference_factors(g: GraduateFacts, p: PostingFacts) -> list[PreferenceFactor]:
    """The five factors in the formula's order, values as reference.preference computes them."""
    region = _set_factor(Preference.REGION, g.regions, p.region, scoring.W_REGION)
    if region.value == 0.0 and g.willing_to_relocate:
        region.value = scoring.RELOCATE_CREDIT
        region.note = "outside the wanted regions; relocation credit (willing to relocate)"
    wanted_salary = g.min_salary_krw
    if wanted_salary <= 0:
        salary_value, salary_note = scoring.NEUTRAL, "no minimum salary given"
    else:
        ratio = float(p.salary_max_krw) / float(wanted_salary)
        salary_note = f"posting's maximum is {ratio:.0%} of the wanted minimum"
        if ratio >= 1.0:
            salary_value = 1.0
        elif ratio <= scoring.SALARY_FLOOR_RATIO:
            salary_value = 0.0
        else:
            salary_value = (ratio - scoring.SALARY_FLOOR_RATIO) / (1.0 - scoring.SALARY_FLOOR_RATIO)
    return [
        _set_factor(Preference.INDUSTRY, g.industries, p.industry, scoring.W_INDUSTRY),
        region,
        _set_factor(Preference.JOB_TYPE, g.job_types, p.job_type, scoring.W_JOB_TYPE),
        _set_factor(Preference.COMPANY_SIZE, g.company_sizes, p.company_size, scoring.W_SIZE),
        PreferenceFactor(
            Preference.SALARY,
            wanted_salary,
            p.salary_max_krw,
            salary_value,
            scoring.W_SALARY,
            salary_note,
        ),
    ]


def preference_total(factors: list[PreferenceFactor]) -> float:
    """The same sum, in the same order, as reference.preference."""
    v = [f.value for f in factors]
    return (
        scoring.W_INDUSTRY * v[0]
        + scoring.W_REGION * v[1]
        + scoring.W_JOB_TYPE * v[2]
        + scoring.W_SIZE * v[3]
        + scoring.W_SALARY * v[4]
    )
