"""The graded truth of the evaluation: a simulated recruiter's and graduate's judgement of a pair.

For every (graduate, posting) pair of an instance, two latent judgements in [0, 1] are computed
from the facts alone (matching.facts), then a seeded Gaussian noise is added and each is binned
into a grade 0-3 (GRADE_CUTS):

- The employer's view (a posting's list of candidates): how well the graduate fits the role.
  Preferences play no part: a recruiter does not rank a candidate lower for wanting Busan.
- The graduate's view (a graduate's list of postings): the employer's view tempered by how well
  the posting offers what the graduate wants: fit * want^WANT_EXPONENT. Wishes only lower it:
  a posting that meets every wish keeps the fit's grade.

The employer's view, before noise:

1. Skills. Each posting skill gets an attainment: 1 at or above the level asked (plus a small,
   capped surplus per level above), GAP_DECAY^gap below it (one level short is worth less than
   half, two levels a fifth: recruiters read a gap as a missing skill sooner than a proportional
   score does), 0 without the skill. A related skill (the taxonomy's relations) earns
   credit * RELATED_DISCOUNT times its own attainment against the level asked, if that is more.
   Required and nice-to-have skills are averaged separately by the employer's weights and mixed
   with NICE_SHARE, so nice-to-haves count the same however many the posting lists.
2. Deal breakers. A graduate whose own level of a deal-breaker skill is below the level asked
   is judged 0 (a related skill does not stand in).
3. Needs the posting states, as multiplicative factors: Korean (the higher of TOPIK and KIIP
   stage) KOREAN_SHORTFALL per TOPIK level below the minimum; English CEFR ENGLISH_SHORTFALL
   per level below the level asked; years of relevant experience below the years asked pull the
   factor down to EXPERIENCE_FLOOR (concave in the share reached); a degree field outside the
   accepted ones FIELD_MISMATCH. Relevant years weigh each past role by how close its ISCO-08
   code is to the posting's (OCCUPATION_CLOSENESS by shared leading digits).
4. Bonuses the posting does not ask for but a recruiter notices: relevant experience
   (EXPERIENCE_BONUS at EXPERIENCE_BONUS_YEARS), Korean and education above the minimum.
5. Hard zeros: a degree below the minimum, or a graduate who needs a visa the posting cannot
   sponsor (no shared route). Graduates who are not discoverable get grade 0 in the employer's
   view, as they can never be listed.

The graduate's want is the product of one factor per wish: 1 when the posting meets it or the
graduate left it open, UNMET[wish] when not (a region they did not ask weighs less when they are
willing to relocate), and for salary the offered maximum over their minimum to the fourth power
below it. Each unmet wish scales the judgement; two unmet wishes compound.

Why this is not the engine's formula: the engine scores a linear, additive fit (level / level
asked, a bounded linear bonus, the best of own and related levels, needs as additional weighted
terms normalised with the skills, Korean and education as exclusions) and ranks graduates' lists
by the harmonic mean of fit and an arithmetic preference mean. Here the gap penalty is
exponential, related skills discount an attainment rather than a level, required and
nice-to-have skills are mixed at a fixed share, needs multiply rather than add (a shortfall
scales the whole judgement), Korean and field are soft, occupation closeness uses other weights,
and the graduate's view discounts the fit by a product of unmet wishes. No constant of
matching.scoring is read.
The weights were set once for realism, before any method was measured against them.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from matching.facts import GraduateFacts, MatchingInput, PostingFacts

# --- skills ------------------------------------------------------------------------------------
GAP_DECAY = 0.45  # attainment per level short of the level asked (multiplied per level)
SURPLUS_PER_LEVEL = 0.04  # attainment added per level above the level asked
SURPLUS_CAP = 0.08
RELATED_DISCOUNT = 0.8  # a related skill's attainment counts at credit x this
NICE_SHARE = 0.2  # nice-to-have skills' share of the skill judgement when a posting lists some

# --- needs, as factors -------------------------------------------------------------------------
KOREAN_SHORTFALL = 0.4  # per TOPIK level below the minimum
ENGLISH_SHORTFALL = 0.6  # per CEFR level below the level asked
FIELD_MISMATCH = 0.35  # degree outside the accepted fields
EXPERIENCE_FLOOR = 0.35  # factor with none of the years asked
EXPERIENCE_CURVE = 0.7  # exponent on the share of the years asked (concave: the first years count)
# Share of a past role's years that count, by leading ISCO-08 digits shared with the posting's
# (none, major, sub-major, minor, unit group); a role or posting without a code counts a third.
OCCUPATION_CLOSENESS = (0.0, 0.15, 0.4, 0.7, 1.0)
UNCLASSIFIED_CLOSENESS = 0.3

# --- bonuses, added to the skill judgement -----------------------------------------------------
EXPERIENCE_BONUS = 0.08  # relevant experience nobody asked for, reached at the years below
EXPERIENCE_BONUS_YEARS = 3.0
KOREAN_BONUS_PER_LEVEL = 0.02  # per TOPIK level above the minimum, up to the cap
EDUCATION_BONUS_PER_RANK = 0.02  # per degree rank above the minimum asked, up to the cap
BONUS_CAP = 0.06

# --- the graduate's want -----------------------------------------------------------------------
WANT_EXPONENT = 0.5  # how hard unmet wishes weigh against the fit in the graduate's view
UNMET = {"industries": 0.3, "regions": 0.25, "job_types": 0.3, "company_sizes": 0.7}
RELOCATE_REGION = 0.6  # a region they did not ask for, when they are willing to relocate
SALARY_CURVE = 4.0  # below their minimum: (offered / wanted) ** this
SALARY_FLOOR = 0.05

# --- noise and grades --------------------------------------------------------------------------
NOISE_SD = 0.06
GRADE_CUTS = (0.3, 0.5, 0.72)  # judgement from which a pair is grade 1, 2, 3


@dataclass(frozen=True)
class GradedTruth:
    """Judgements and grades of every pair, rows = data.graduates, columns = data.postings."""

    employer_view: np.ndarray  # float64, before noise
    graduate_view: np.ndarray
    employer_grades: np.ndarray  # int8; 0 for graduates who are not discoverable
    graduate_grades: np.ndarray
    discoverable: np.ndarray  # bool per graduate: may appear in a posting's list

    def for_graduate(self, row: int) -> np.ndarray:
        """Grades of every posting for the graduate at `row`."""
        grades: np.ndarray = self.graduate_grades[row]
        return grades

    def for_posting(self, column: int) -> np.ndarray:
        """Grades of every graduate for the posting at `column`."""
        grades: np.ndarray = self.employer_grades[:, column]
        return grades


def attainment(level: np.ndarray, asked: int) -> np.ndarray:
    """How far a level (0 = skill missing) meets the level asked (module docstring, 1)."""
    gap = np.maximum(asked - level, 0)
    surplus = np.minimum(SURPLUS_PER_LEVEL * np.maximum(level - asked, 0), SURPLUS_CAP)
    met: np.ndarray = np.where(level > 0, GAP_DECAY**gap + surplus, 0.0)
    return met


def occupation_closeness(past: str, posting: str) -> float:
    """The share of a past role's years that count for a posting with this ISCO-08 code."""
    if not past or not posting:
        return UNCLASSIFIED_CLOSENESS
    shared = 0
    while shared < 4 and past[: shared + 1] == posting[: shared + 1]:
        shared += 1
    return OCCUPATION_CLOSENESS[shared]


class _Population:
    """The graduates' facts as columns, and the attainments postings ask about, computed once."""

    def __init__(self, data: MatchingInput) -> None:
        graduates = data.graduates
        skill_ids = sorted(
            {s for g in graduates for s in g.skills} | {s.skill_id for p in data.postings
                                                         for s in p.skills}
        )  # fmt: skip
        self.column = {s: n for n, s in enumerate(skill_ids)}
        self.levels = np.zeros((len(graduates), len(skill_ids)), dtype=np.float64)
        for row, g in enumerate(graduates):
            for s, level in g.skills.items():
                self.levels[row, self.column[s]] = level
        self.related: dict[int, list[tuple[int, float]]] = {}
        for r in data.relations:
            if r.skill_id in self.column and r.related_skill_id in self.column:
                self.related.setdefault(r.related_skill_id, []).append((r.skill_id, r.credit))
        self.korean = np.array([g.korean for g in graduates], dtype=np.float64)
        self.english = np.array([g.english_cefr for g in graduates], dtype=np.float64)
        self.education = np.array([g.education_rank for g in graduates], dtype=np.float64)
        self.discoverable = np.array([g.discoverable for g in graduates], dtype=np.bool_)
        self.relocate = np.array([g.willing_to_relocate for g in graduates], dtype=np.bool_)
        self.min_salary = np.array([g.min_salary_krw for g in graduates], dtype=np.float64)
        self.graduates = graduates
        self._attained: dict[tuple[int, int], np.ndarray] = {}
        self._years: dict[str, np.ndarray] = {}
        self._cached: dict[tuple[str, object], np.ndarray] = {}

    def _per_graduate(
        self, key: tuple[str, object], test: Callable[[GraduateFacts], bool]
    ) -> np.ndarray:
        if key not in self._cached:
            self._cached[key] = np.array([test(g) for g in self.graduates], dtype=np.bool_)
        return self._cached[key]

    def content(self, wish: str, offered: str) -> np.ndarray:
        """Graduates whose wish (industries, regions, ...) is open or includes what is offered."""

        def test(g: GraduateFacts) -> bool:
            wanted: frozenset[str] = getattr(g, wish)
            return not wanted or offered in wanted

        return self._per_graduate((wish, offered), test)

    def outside_fields(self, accepted: frozenset[str]) -> np.ndarray:
        """Graduates none of whose fields is accepted."""
        return self._per_graduate(("fields", accepted), lambda g: not (g.fields & accepted))

    def without_visa(self, routes: int) -> np.ndarray:
        """Graduates who need a visa none of the offered routes gives."""
        return self._per_graduate(
            ("routes", routes), lambda g: g.needs_sponsorship and not (g.visa_routes & routes)
        )

    def attained(self, skill_id: int, asked: int) -> np.ndarray:
        """Every graduate's attainment of a skill at a level: own, or through a related skill."""
        key = (skill_id, asked)
        if key not in self._attained:
            own = attainment(self.levels[:, self.column[skill_id]], asked)
            for other, credit in self.related.get(skill_id, ()):
                via = (
                    credit
                    * RELATED_DISCOUNT
                    * attainment(self.levels[:, self.column[other]], asked)
                )
                own = np.maximum(own, via)
            self._attained[key] = own
        return self._attained[key]

    def own_level(self, skill_id: int) -> np.ndarray:
        level: np.ndarray = self.levels[:, self.column[skill_id]]
        return level

    def relevant_years(self, isco_code: str) -> np.ndarray:
        """Every graduate's years of past roles, each weighted by closeness to the code."""
        if isco_code not in self._years:
            self._years[isco_code] = np.array(
                [
                    math.fsum(e.years * occupation_closeness(e.isco_code, isco_code)
                              for e in g.experience)
                    for g in self.graduates
                ]
            )  # fmt: skip
        return self._years[isco_code]


def _weighted_mean(parts: Sequence[tuple[np.ndarray, float]], size: int) -> np.ndarray:
    total = sum(weight for _, weight in parts)
    mean = np.zeros(size)
    for attained, weight in parts:
        mean += attained * (weight / total)
    return mean


def skill_judgement(pop: _Population, p: PostingFacts) -> np.ndarray:
    """Every graduate's skill judgement for the posting, 0 where a deal breaker is not met."""
    size = len(pop.graduates)
    required = [(pop.attained(s.skill_id, s.min_level), s.weight) for s in p.skills if s.required]
    nice = [(pop.attained(s.skill_id, s.min_level), s.weight) for s in p.skills if not s.required]
    if required and nice:
        judged = (1 - NICE_SHARE) * _weighted_mean(required, size) + NICE_SHARE * _weighted_mean(
            nice, size
        )
    else:
        judged = _weighted_mean(required or nice, size)
    for s in p.skills:
        if s.deal_breaker:
            judged = np.where(pop.own_level(s.skill_id) >= s.min_level, judged, 0.0)
    return judged


def _shortfall(have: np.ndarray, asked: float, per_level: float) -> np.ndarray:
    factor: np.ndarray = per_level ** np.maximum(asked - have, 0.0)
    return factor


def needs_factor(pop: _Population, p: PostingFacts) -> np.ndarray:
    """The product of the factors for Korean, English, experience and field (docstring, 3)."""
    factor: np.ndarray = _shortfall(pop.korean, p.min_topik, KOREAN_SHORTFALL)
    factor = factor * _shortfall(pop.english, p.min_english_cefr, ENGLISH_SHORTFALL)
    if p.min_experience_years > 0:
        share = np.minimum(pop.relevant_years(p.isco_code) / p.min_experience_years, 1.0)
        factor = factor * (EXPERIENCE_FLOOR + (1 - EXPERIENCE_FLOOR) * share**EXPERIENCE_CURVE)
    if p.accepted_fields:
        factor = np.where(pop.outside_fields(p.accepted_fields), factor * FIELD_MISMATCH, factor)
    return factor


def bonus(pop: _Population, p: PostingFacts) -> np.ndarray:
    """What a recruiter adds for strengths nobody asked for (docstring, 4)."""
    years = pop.relevant_years(p.isco_code)
    extra_years = np.maximum(years - p.min_experience_years, 0.0)
    added = EXPERIENCE_BONUS * np.minimum(extra_years / EXPERIENCE_BONUS_YEARS, 1.0)
    korean_above = np.maximum(pop.korean - p.min_topik, 0.0) if p.min_topik else 0.0
    education_above = (
        np.maximum(pop.education - p.min_education_rank, 0.0) if p.min_education_rank >= 0 else 0.0
    )
    added = added + np.minimum(
        KOREAN_BONUS_PER_LEVEL * korean_above + EDUCATION_BONUS_PER_RANK * education_above,
        BONUS_CAP,
    )
    return added


def hard_fail(pop: _Population, p: PostingFacts) -> np.ndarray:
    """Graduates the posting cannot take: degree below its minimum, or a visa it cannot give."""
    failed: np.ndarray = (pop.education < p.min_education_rank) | pop.without_visa(p.offer_routes)
    return failed


def employer_view(pop: _Population, p: PostingFacts) -> np.ndarray:
    """Every graduate's fit for the posting in [0, 1], before noise."""
    skills = skill_judgement(pop, p)
    judged = np.where(skills > 0, (skills + bonus(pop, p)) * needs_factor(pop, p), 0.0)
    judged = np.where(hard_fail(pop, p), 0.0, judged)
    clipped: np.ndarray = np.clip(judged, 0.0, 1.0)
    return clipped


def want(pop: _Population, p: PostingFacts) -> np.ndarray:
    """How well the posting offers what each graduate wants, in (0, 1]: the product of one
    factor per wish, a wish the graduate left open counting as met."""
    region = np.where(
        pop.content("regions", p.region),
        1.0,
        np.where(pop.relocate, RELOCATE_REGION, UNMET["regions"]),
    )
    ratio = p.salary_max_krw / np.maximum(pop.min_salary, 1.0)
    salary = np.where(
        (pop.min_salary > 0) & (ratio < 1.0), np.maximum(ratio**SALARY_CURVE, SALARY_FLOOR), 1.0
    )
    wanted: np.ndarray = region * salary
    for wish, offered in (("industries", p.industry), ("job_types", p.job_type),
                          ("company_sizes", p.company_size)):  # fmt: skip
        wanted = wanted * np.where(pop.content(wish, offered), 1.0, UNMET[wish])
    return wanted


def grades(judgement: np.ndarray) -> np.ndarray:
    """Grades 0-3 of judgements (GRADE_CUTS); a judgement of exactly 0 stays grade 0."""
    graded: np.ndarray = np.searchsorted(np.array(GRADE_CUTS), judgement, side="right")
    return graded.astype(np.int8)


def graded_truth(data: MatchingInput, *, seed: int, noise: float = NOISE_SD) -> GradedTruth:
    """The graded truth of every pair of the instance (module docstring); same seed, same grades."""
    pop = _Population(data)
    n_g, n_p = len(data.graduates), len(data.postings)
    fit = np.zeros((n_g, n_p))
    liked = np.zeros((n_g, n_p))
    for column, p in enumerate(data.postings):
        fit[:, column] = employer_view(pop, p)
        liked[:, column] = want(pop, p)
    graduate_view = fit * liked**WANT_EXPONENT
    rng = np.random.default_rng(seed)
    noisy_fit = np.where(fit > 0, fit + rng.normal(0.0, noise, fit.shape), 0.0)
    noisy_view = np.where(graduate_view > 0, graduate_view + rng.normal(0.0, noise, fit.shape), 0.0)
    employer_grades = np.where(pop.discoverable[:, None], grades(noisy_fit), 0).astype(np.int8)
    return GradedTruth(
        employer_view=fit,
        graduate_view=graduate_view,
        employer_grades=employer_grades,
        graduate_grades=grades(noisy_view),
        discoverable=pop.discoverable,
    )
