"""Factories for training tests (the shared ones are in tests/factories.py)."""

import factory

from tests.factories import CourseFactory, EmployerFactory, JobPostingFactory
from training.models import SponsorshipInterest


class KoreanCourseFactory(CourseFactory):
    kind = "korean_language"
    title = factory.Sequence(lambda n: f"TOPIK preparation {n}")
    language = "Korean"
    topik_target = 4
    hours = 180


class SponsorshipInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SponsorshipInterest

    employer = factory.SubFactory(EmployerFactory)
    posting = factory.SubFactory(JobPostingFactory, employer=factory.SelfAttribute("..employer"))
    course = factory.SubFactory(CourseFactory)
    note = "Two places in the spring intake."
