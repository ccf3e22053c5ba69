"""Labels the employer pages show for codes of the matching explanation and the pipeline."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

CONSTRAINTS = {
    "topik": _("TOPIK level"),
    "education": _("Education"),
    "fields": _("Field of study"),
    "sponsorship": _("Visa sponsorship"),
    "visa_route": _("Visa route"),
}
FACTORS = {
    "industry": _("Industry"),
    "region": _("Region"),
    "job_type": _("Job type"),
    "company_size": _("Company size"),
    "salary": _("Salary"),
}
SKILL_STATUSES = {
    "matched": _("Meets the level"),
    "related": _("Covered by a related skill"),
    "below_level": _("Below the level"),
    "missing": _("Missing"),
}


@register.filter
def constraint_label(code: str) -> str:
    return str(CONSTRAINTS.get(code, code))


@register.filter
def factor_label(code: str) -> str:
    return str(FACTORS.get(code, code))


@register.filter
def skill_status_label(code: str) -> str:
    return str(SKILL_STATUSES.get(code, code))


@register.filter
def percent(value: float | None) -> str:
    """0.734 -> "73" (the caller adds the % sign)."""
    return "" if value is None else str(round(float(value) * 100))
