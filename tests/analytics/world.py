"""A small world for the skills analytics, with every figure worked out by hand:

- Semiconductors: etch and lithography; Software: Python.
- Postings: a semiconductor company in Gyeonggi (3 openings) requires etch 3 and lithography 2
  (Python only nice to have); a battery company in Chungbuk (2 openings) requires etch 4 (deal
  breaker); a software company in Seoul (30 openings) requires Python 3. A draft and an
  unverified company's posting require Python too, and count for nothing.
- Graduates: 12 Vietnamese with etch 4 and lithography 3; 10 Vietnamese with Python 3;
  10 Indonesians with etch 3; and groups too small to be shown: 3 Filipinos with etch 5, one
  Indonesian with Python 5.
"""

from dataclasses import dataclass

from jobs.models import PostingStatus
from tests.factories import (
    EmployerFactory,
    GraduateProfileFactory,
    GraduateSkillFactory,
    JobPostingFactory,
    PostingSkillFactory,
    SkillCategoryFactory,
    SkillFactory,
)


@dataclass
class World:
    etch: object
    litho: object
    python: object
    semis: object
    software: object


def _graduates(count: int, nationality: str, *skills: tuple[object, int]) -> None:
    for _ in range(count):
        profile = GraduateProfileFactory(nationality=nationality)
        for skill, level in skills:
            GraduateSkillFactory(profile=profile, skill=skill, level=level)


def analytics_world() -> World:
    semis = SkillCategoryFactory(slug="semis", name="Semiconductors")
    software = SkillCategoryFactory(slug="software", name="Software")
    etch = SkillFactory(name="Etch process", category=semis)
    litho = SkillFactory(name="Lithography", category=semis)
    python = SkillFactory(name="Python", category=software)
    chips = JobPostingFactory(
        employer=EmployerFactory(industry="semiconductors"), region="gyeonggi", openings=3
    )
    PostingSkillFactory(posting=chips, skill=etch, min_level=3, requirement="required")
    PostingSkillFactory(posting=chips, skill=litho, min_level=2, requirement="required")
    PostingSkillFactory(posting=chips, skill=python, min_level=4, requirement="nice")
    cells = JobPostingFactory(
        employer=EmployerFactory(industry="batteries"), region="chungbuk", openings=2
    )
    PostingSkillFactory(posting=cells, skill=etch, min_level=4, requirement="breaker")
    code = JobPostingFactory(
        employer=EmployerFactory(industry="software"), region="seoul", openings=30
    )
    PostingSkillFactory(posting=code, skill=python, min_level=3, requirement="required")
    draft = JobPostingFactory(status=PostingStatus.DRAFT, published_at=None, openings=9)
    PostingSkillFactory(posting=draft, skill=python, min_level=1, requirement="required")
    hidden = JobPostingFactory(employer=EmployerFactory(unverified=True), openings=9)
    PostingSkillFactory(posting=hidden, skill=python, min_level=1, requirement="required")
    _graduates(12, "VN", (etch, 4), (litho, 3))
    _graduates(10, "VN", (python, 3))
    _graduates(10, "ID", (etch, 3))
    _graduates(3, "PH", (etch, 5))
    _graduates(1, "ID", (python, 5))
    return World(etch, litho, python, semis, software)
