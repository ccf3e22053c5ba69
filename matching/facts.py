"""The plain facts the matching engine scores: no Django, no numpy.

Loaders (from the database, from the synthetic generator) produce these; the engine turns them
into arrays, and the reference implementation reads them directly.
"""

from dataclasses import dataclass, field

from matching.scoring import NICE_TO_HAVE_WEIGHT, REQUIRED_WEIGHT, korean_level

# Visa routes as bits (the visa guidance engine names them); a pair needing sponsorship is
# feasible only when the graduate's routes and the offer's routes share one.
ALL_ROUTES = 0xFFFFFFFF


@dataclass(frozen=True)
class ExperienceFacts:
    """One past role: its ISCO-08 occupation code ("" = not classified) and its length."""

    isco_code: str
    years: float


@dataclass(frozen=True)
class GraduateFacts:
    id: int
    skills: dict[int, int]  # skill id -> level 1-5
    topik: int = 0
    kiip_stage: int = 0  # Korea Immigration & Integration Program stage completed (0-5)
    english_cefr: int = 0  # 0 = none shown, 1-6 = A1-C2 (profiles.models.english_cefr_level)
    experience: tuple[ExperienceFacts, ...] = ()
    education_rank: int = -1  # EducationLevel.rank of the highest degree; -1 = none recorded
    fields: frozenset[str] = frozenset()  # ISCED-F codes, detailed and their narrow parents
    needs_sponsorship: bool = True
    visa_routes: int = ALL_ROUTES  # routes this person could take with a suitable offer
    discoverable: bool = True  # may appear in employers' candidate lists
    industries: frozenset[str] = frozenset()  # empty = no preference
    regions: frozenset[str] = frozenset()
    job_types: frozenset[str] = frozenset()
    company_sizes: frozenset[str] = frozenset()
    min_salary_krw: int = 0  # 0 = no minimum given
    willing_to_relocate: bool = True

    @property
    def korean(self) -> int:
        """Korean ability on the TOPIK scale: a KIIP stage counts as the same TOPIK level
        (matching.scoring.korean_level)."""
        return korean_level(self.topik, self.kiip_stage)


@dataclass(frozen=True)
class PostingSkillFacts:
    skill_id: int
    min_level: int
    weight: float  # the employer's weight (1 unless they say otherwise)
    required: bool = True  # False: nice to have
    deal_breaker: bool = False  # True: a graduate below min_level is excluded

    @property
    def importance(self) -> float:
        """The skill's share of the fit before normalising (matching.scoring)."""
        factor = REQUIRED_WEIGHT if self.required else NICE_TO_HAVE_WEIGHT
        return self.weight * factor


@dataclass(frozen=True)
class PostingFacts:
    id: int
    skills: tuple[PostingSkillFacts, ...]
    min_topik: int = 0
    min_english_cefr: int = 0  # 0 = not asked (EnglishRequirement -> CEFR in matching.scoring)
    min_experience_years: float = 0.0  # 0 = not asked
    isco_code: str = ""  # ISCO-08 occupation of the role ("" = not classified)
    min_education_rank: int = -1  # -1 = any
    accepted_fields: frozenset[str] = frozenset()  # empty = any field
    sponsors_visa: bool = True
    visa_routes: int | None = None  # routes this offer opens; None = any, when it sponsors
    industry: str = ""
    region: str = ""
    job_type: str = ""
    company_size: str = ""
    salary_max_krw: int = 0

    @property
    def offer_routes(self) -> int:
        if not self.sponsors_visa:
            return 0
        return ALL_ROUTES if self.visa_routes is None else self.visa_routes


@dataclass(frozen=True)
class SkillRelationFacts:
    """Having `skill_id` at level L counts as `credit * L` of `related_skill_id`."""

    skill_id: int
    related_skill_id: int
    credit: float


@dataclass
class MatchingInput:
    graduates: list[GraduateFacts]
    postings: list[PostingFacts]
    relations: list[SkillRelationFacts] = field(default_factory=list)
