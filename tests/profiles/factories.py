"""Factories and files for the graduate portal's tests."""

import datetime
import io

import factory
from pypdf import PdfWriter

from profiles.models import UnmatchedSkill, WorkExperience
from tests.factories import GraduateProfileFactory


class WorkExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkExperience

    profile = factory.SubFactory(GraduateProfileFactory)
    title = "Process technician intern"
    employer_name = "Saigon Semiconductor Co."
    country = "VN"
    start_date = datetime.date(2023, 6, 1)
    end_date = datetime.date(2023, 12, 31)


class UnmatchedSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnmatchedSkill

    profile = factory.SubFactory(GraduateProfileFactory)
    label = factory.Sequence(lambda n: f"Wafer whispering {n}")
    level = 3


def pdf_bytes(*, pages: int = 1, password: str | None = None) -> bytes:
    """A real PDF made with pypdf (blank A4 pages), optionally encrypted."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
