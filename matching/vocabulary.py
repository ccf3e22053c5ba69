"""The words of a match explanation, with the labels every page and the API show: skill
statuses, the hard constraints and the preference factors (matching.explain uses them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillStatus(models.TextChoices):
    MATCHED = "matched", _("Meets the level")
    RELATED = "related", _("Covered by a related skill")
    BELOW_LEVEL = "below_level", _("Below the level")
    MISSING = "missing", _("Missing")


class Need(models.TextChoices):
    """A posting's needs beyond its skills, each a term of the fit where the posting asks it."""

    KOREAN = "korean", _("Korean")
    ENGLISH = "english", _("English")
    EDUCATION = "education", _("Education level")
    EXPERIENCE = "experience", _("Relevant experience")


class Constraint(models.TextChoices):
    """The hard constraints: one failed excludes the pair."""

    TOPIK = "topik", _("Korean (TOPIK)")
    DEAL_BREAKER = "deal_breaker", _("Deal-breaker skills")
    EDUCATION = "education", _("Education")
    FIELDS = "fields", _("Field of study")
    SPONSORSHIP = "sponsorship", _("Visa sponsorship")
    VISA_ROUTE = "visa_route", _("Visa route")


class Preference(models.TextChoices):
    """The preference factors, in the formula's order."""

    INDUSTRY = "industry", _("Industry")
    REGION = "region", _("Region")
    JOB_TYPE = "job_type", _("Job type")
    COMPANY_SIZE = "company_size", _("Company size")
    SALARY = "salary", _("Salary")
