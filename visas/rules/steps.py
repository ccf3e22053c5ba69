"""Next steps: changes a person could make, tried against the rules to see what they change.

Each lever proposes a few concrete changes (reach TOPIK 4, complete KIIP stage 5, two more years
of work, a master's at a Korean university, a salary at the threshold). A change is kept when it
would reopen a route that a known fact rules out today, or add points. Only levers that touch a
fact the route reads are tried. When no single change reopens the route, the best change of each
lever is combined, easiest first, until the route reopens (then all of them are listed as needed).

`effort` is rough months of work, only for ranking: a TOPIK level 4, a KIIP stage 3, a year of
work 12, a master's 24, a bachelor's or a doctorate 48, agreeing a higher salary 2-4. `cost`
says what the step costs in money, in plain words, from the fees below.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from visas.rules.facts import OfferFacts, PersonFacts
from visas.rules.factview import level_rank
from visas.rules.labels import krw

PersonChange = Callable[[PersonFacts], PersonFacts]
_DEGREE_YEARS = {"associate": 2, "bachelor": 4, "master": 2, "doctorate": 4}
_DEGREE_ACTIONS = {
    "bachelor": gettext_lazy("Complete a bachelor's degree at a Korean university"),
    "master": gettext_lazy("Complete a master's degree at a Korean university"),
    "doctorate": gettext_lazy("Complete a doctorate at a Korean university"),
}
_EXPERIENCE_YEARS = (1, 2, 3, 5, 8)

# Fees, retrieved 2026-12-05. TOPIK in Korea: TOPIK I (levels 1-2) KRW 40,000, TOPIK II
# (levels 3-6) KRW 55,000 a sitting (applykorea.or.kr, TOPIK notice; abroad each country sets
# its own). KIIP since 2025-01-01: KRW 100,000 for each of levels 1-4 and KRW 70,000 for the
# level 5 basic course; level 0 is free (Ministry of Justice, as reported by koreantopik.com,
# 2024-10). A degree in Korea: tuition, which the Global Korea Scholarship pays for those it
# selects (Study in Korea; ../shared/reference/visa-pathways.md, GKS).
TOPIK_FEE_KRW = {1: 40_000, 2: 40_000, 3: 55_000, 4: 55_000, 5: 55_000, 6: 55_000}
KIIP_FEE_KRW = {0: 0, 1: 100_000, 2: 100_000, 3: 100_000, 4: 100_000, 5: 70_000}


@dataclass(frozen=True, slots=True)
class Change:
    """One proposed change: to the person, or to the offer's salary."""

    family: str
    action: str
    effort: int
    skill_hint: str
    person: PersonChange | None = None
    salary: int | None = None
    cost: str = ""

    def apply(
        self, person: PersonFacts, offer: OfferFacts | None
    ) -> tuple[PersonFacts, OfferFacts | None]:
        if self.person is not None:
            person = self.person(person)
        if self.salary is not None and offer is not None:
            offer = replace(offer, annual_salary_krw=self.salary)
        return person, offer


@dataclass(frozen=True, slots=True)
class Lever:
    family: str
    fields: frozenset[str]  # facts of the rule data it changes
    propose: Callable[[PersonFacts], list[Change]]


def _with_topik(person: PersonFacts, *, level: int) -> PersonFacts:
    return replace(person, topik=max(person.topik, level))


def _with_kiip(person: PersonFacts, *, stage: int) -> PersonFacts:
    return replace(person, kiip_stage=max(person.kiip_stage, stage))


def _topik(person: PersonFacts) -> list[Change]:
    return [
        Change(
            "topik",
            _("Reach TOPIK level %(level)s") % {"level": level},
            4 * (level - person.topik),
            f"topik:{level}",
            person=partial(_with_topik, level=level),
            cost=_("exam fee in Korea %(fee)s a sitting (abroad it varies)")
            % {"fee": krw(TOPIK_FEE_KRW[level])},
        )
        for level in range(person.topik + 1, 7)
    ]


def _kiip(person: PersonFacts) -> list[Change]:
    return [
        Change(
            "kiip",
            (
                _("Complete KIIP stage %(stage)s (the full programme)")
                if stage == 5
                else _("Complete KIIP stage %(stage)s")
            )
            % {"stage": stage},
            3 * (stage - person.kiip_stage),
            f"kiip:{stage}",
            person=partial(_with_kiip, stage=stage),
            cost=_kiip_cost(person.kiip_stage, stage),
        )
        for stage in range(person.kiip_stage + 1, 6)
    ]


def _kiip_cost(done: int, stage: int) -> str:
    fee = sum(KIIP_FEE_KRW[level] for level in range(done + 1, stage + 1))
    return _("course fees %(fee)s") % {"fee": krw(fee)} if fee else _("free")


def _work(person: PersonFacts, *, years: int, in_korea: bool) -> PersonFacts:
    """The same person `years` later, with that much more work experience."""
    return replace(
        person,
        experience_years=person.experience_years + years,
        korean_experience_years=person.korean_experience_years + (years if in_korea else 0),
        age=None if person.age is None else person.age + years,
        years_since_graduation=None
        if person.years_since_graduation is None
        else person.years_since_graduation + years,
    )


def _experience(person: PersonFacts) -> list[Change]:
    in_korea = bool(person.current_visa)
    return [
        Change(
            "experience",
            _gain(years, in_korea),
            12 * years,
            f"experience:{years}",
            person=partial(_work, years=years, in_korea=in_korea),
            cost=_("no fee: paid work"),
        )
        for years in _EXPERIENCE_YEARS
    ]


def _gain(years: int, in_korea: bool) -> str:
    if in_korea:
        return ngettext(
            "Gain %(years)s more year of related work experience in Korea",
            "Gain %(years)s more years of related work experience in Korea",
            years,
        ) % {"years": years}
    return ngettext(
        "Gain %(years)s more year of related work experience",
        "Gain %(years)s more years of related work experience",
        years,
    ) % {"years": years}


def _degree(person: PersonFacts) -> list[Change]:
    changes, effort = [], 0
    for level in ("bachelor", "master", "doctorate"):
        if level_rank(level) <= level_rank(person.education_level):
            continue
        effort += 12 * _DEGREE_YEARS[level]
        years = sum(
            _DEGREE_YEARS[step]
            for step in ("bachelor", "master", "doctorate")
            if level_rank(person.education_level) < level_rank(step) <= level_rank(level)
        )

        def study(p: PersonFacts, level: str = level, years: int = years) -> PersonFacts:
            return replace(
                p,
                education_level=level,
                korean_degree=True,
                degree_country="KR",
                current_visa="D-2",
                age=None if p.age is None else p.age + years,
                years_since_graduation=0,
            )

        changes.append(
            Change(
                "degree",
                str(_DEGREE_ACTIONS[level]),
                effort,
                f"degree:{level}",
                person=study,
                cost=_(
                    "tuition for %(years)s years; the Global Korea Scholarship (GKS) pays it "
                    "for those it selects"
                )
                % {"years": years},
            )
        )
    return changes


LEVERS: tuple[Lever, ...] = (
    Lever("topik", frozenset({"korean.topik_level"}), _topik),
    Lever(
        "kiip",
        frozenset(
            {
                "korean.kiip_stage",
                "korean.kiip_stage5_completed",
                "korean.kiip_stage4_midterm_passed",
            }
        ),
        _kiip,
    ),
    Lever(
        "experience",
        frozenset(
            {
                "experience.total_related_years",
                "experience.domestic_years",
                "experience.overseas_years",
                "employment.current_fulltime_korea_years",
            }
        ),
        _experience,
    ),
    Lever(
        "degree",
        frozenset(
            {
                "degree.level",
                "degree.country",
                "degree.years_since_graduation",
                "education.completed_high_school",
            }
        ),
        _degree,
    ),
)


def salary_changes(offer: OfferFacts | None, targets: list[int]) -> list[Change]:
    """Agreeing a salary at a threshold the offer misses by at most a quarter."""
    if offer is None or offer.annual_salary_krw <= 0:
        return []
    changes = []
    for target in sorted(set(targets)):
        ratio = target / offer.annual_salary_krw
        if 1 < ratio <= 1.25:
            changes.append(
                Change(
                    "salary",
                    # Translators: amounts of won, e.g. "31,120,000 KRW".
                    _("Agree an annual salary of at least %(target)s (offered: %(offered)s)")
                    % {"target": krw(target), "offered": krw(offer.annual_salary_krw)},
                    2 if ratio <= 1.1 else 4,
                    f"salary:{target}",
                    salary=target,
                )
            )
    return changes


def relevant_levers(fields: frozenset[str]) -> tuple[Lever, ...]:
    return tuple(lever for lever in LEVERS if lever.fields & fields)
