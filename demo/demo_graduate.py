"""The demo graduate: a hand-made, well-filled profile behind the graduate demo login."""

from datetime import date
from decimal import Decimal

from demo.graduate_history import EducationPlan, ExperiencePlan
from demo.graduates import GraduatePlan
from demo.logins import DEMO_GRADUATE
from demo.occupations import Occupation
from demo.vocabulary import Vocabulary
from profiles.models import CurrentVisa, EnglishTest, Visibility

DEMO_GRADUATE_NAME = "Nguyễn Thị Lan Anh"
_OCCUPATION = "process-engineer-semiconductor"
# Beyond her occupation's essential skills (which she has at the required level or one above).
_EXTRA_SKILLS = {
    "semiconductor-equipment-maintenance": 3,
    "photolithography": 2,
    "vacuum-technology": 2,
    "python": 2,
    "minitab": 3,
    "korean-workplace": 2,
    "english-professional": 3,
    "vietnamese": 5,
}


_EDUCATION = EducationPlan(
    level="bachelor",
    field_code="0714",
    programme="B.Eng. Electronics and Telecommunications Engineering",
    institution="Hanoi University of Science and Technology",
    country="VN",
    graduation_year=2023,
)
_EXPERIENCE = (
    ExperiencePlan(
        "Process Technician",
        "Mirae Circuit Vietnam",
        "VN",
        date(2023, 8, 1),
        date(2025, 2, 28),
        "electronics",
    ),
    ExperiencePlan(
        "Equipment Engineer",
        "Bac Ninh Microelectronics Co., Ltd.",
        "VN",
        date(2025, 3, 10),
        None,
        "semiconductors",
    ),
)
_SUMMARY = (
    "Electronics engineer from Hanoi University of Science and Technology (2023) with "
    "two years on SMT and wafer-test lines in Bac Ninh. I run SPC and DOE studies, keep "
    "vacuum and etch tools running, and write Python scripts for yield reports. Studying "
    "for TOPIK 4 and looking for a process or equipment engineer role in a Korean fab."
)


def demo_graduate_plan(
    *, occupations: tuple[Occupation, ...], vocabulary: Vocabulary
) -> GraduatePlan:
    """A Vietnamese electronics engineer with two years in chip and board plants near Hanoi."""
    occupation = next(
        (o for o in occupations if o.slug == _OCCUPATION),
        next(o for o in occupations if o.industry == "semiconductors"),
    )
    return GraduatePlan(
        email=DEMO_GRADUATE.email,
        full_name=DEMO_GRADUATE_NAME,
        nationality="VN",
        occupation=occupation,
        date_of_birth=date(2001, 4, 17),
        phone="+84912345678",
        current_country="VN",
        current_city="Bac Ninh",
        headline="Electronics engineer | semiconductor process and equipment | TOPIK 3",
        summary=_SUMMARY,
        topik_level=3,
        kiip_stage=0,
        english_test=EnglishTest.TOEIC,
        english_score=Decimal("820"),
        current_visa=CurrentVisa.NONE,
        preferred_industries=("semiconductors", "electronics", "display"),
        preferred_regions=("gyeonggi", "chungbuk"),
        preferred_job_types=("full_time",),
        min_salary_krw=42_000_000,
        willing_to_relocate=True,
        visibility=Visibility.DISCOVERABLE,
        education=(_EDUCATION,),
        experience=_EXPERIENCE,
        skills=_skills(occupation, vocabulary),
    )


def _skills(occupation: Occupation, vocabulary: Vocabulary) -> tuple[tuple[str, int], ...]:
    """Her occupation's essential skills at the level asked or one above, and a few more; only
    those the loaded taxonomy knows, highest level first."""
    skills = {
        need.skill: min(5, need.level + (index % 2))
        for index, need in enumerate(occupation.essential)
    }
    skills.update(_EXTRA_SKILLS)
    known = {slug: level for slug, level in skills.items() if slug in vocabulary.skill_ids}
    return tuple(sorted(known.items(), key=lambda item: (-item[1], item[0])))
