"""A small world for the training tests: skills, a posting asking for three of them, a graduate
who has one, and courses that close the others in different ways."""

from dataclasses import dataclass

import pytest

from accounts.models import User
from jobs.models import JobPosting
from profiles.models import GraduateProfile
from skills.models import Skill
from tests import factories
from training.models import Course


@dataclass
class World:
    skills: dict[str, Skill]
    posting: JobPosting
    graduate: GraduateProfile
    courses: dict[str, Course]


def _course(title: str, hours: int, cost: int, skills: dict[Skill, int], **extra: object) -> Course:
    course = factories.CourseFactory(title=title, hours=hours, cost_usd=cost, **extra)
    for skill, level in skills.items():
        factories.CourseSkillFactory(course=course, skill=skill, level_reached=level)
    return course


@pytest.fixture
def world(graduate: User) -> World:
    names = ["Etch process", "Plasma engineering", "PLC programming", "Python", "Welding"]
    skills = {name: factories.SkillFactory(name=name) for name in names}
    posting = factories.JobPostingFactory(title="Etch process engineer")
    for name, level in (("Etch process", 3), ("Plasma engineering", 3), ("PLC programming", 2)):
        factories.PostingSkillFactory(posting=posting, skill=skills[name], min_level=level)
    profile = graduate.graduate_profile
    factories.EducationRecordFactory(profile=profile)
    factories.GraduateSkillFactory(profile=profile, skill=skills["Etch process"], level=3)
    courses = {
        "plasma": _course("Plasma basics", 100, 500, {skills["Plasma engineering"]: 3}),
        "plc": _course("PLC starter", 50, 0, {skills["PLC programming"]: 2}),
        "both": _course(
            "Fab automation",
            200,
            100,
            {skills["Plasma engineering"]: 3, skills["PLC programming"]: 3},
        ),
        "too_low": _course("Plasma awareness", 10, 0, {skills["Plasma engineering"]: 2}),
        "welding": _course("Welding", 20, 0, {skills["Welding"]: 4}),
    }
    return World(skills=skills, posting=posting, graduate=profile, courses=courses)
