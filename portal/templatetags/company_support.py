"""Words for what a company offers foreign hires, each with a state the page draws as an icon."""

from dataclasses import dataclass

from django import template
from django.utils.translation import gettext as _

from employers.models import Employer, HousingSupport, VisaSupport

register = template.Library()

YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass(frozen=True)
class SupportFact:
    topic: str
    state: str  # yes, no or unknown: the icon
    words: str


def _yes_no(value: bool | None, *, yes: str, no: str) -> tuple[str, str]:
    if value is None:
        return UNKNOWN, _("Not stated")
    return (YES, yes) if value else (NO, no)


def _choice(value: str, label: str, *, none: str) -> tuple[str, str]:
    if not value:
        return UNKNOWN, _("Not stated")
    return (NO if value == none else YES), label


@register.simple_tag
def support_facts(employer: Employer) -> list[SupportFact]:
    """Housing, visa handling, Korean classes and relocation, in that order."""
    states = [
        (
            _("Housing"),
            _choice(
                employer.housing_support,
                employer.get_housing_support_display(),
                none=HousingSupport.NONE,
            ),
        ),
        (
            _("Visa handling"),
            _choice(
                employer.visa_support, employer.get_visa_support_display(), none=VisaSupport.NONE
            ),
        ),
        (
            _("Korean classes"),
            _yes_no(
                employer.korean_classes,
                yes=_("Korean classes offered"),
                no=_("No Korean classes"),
            ),
        ),
        (
            _("Relocation"),
            _yes_no(
                employer.relocation_support,
                yes=_("Travel and moving costs covered"),
                no=_("No relocation support"),
            ),
        ),
    ]
    return [SupportFact(topic, state, words) for topic, (state, words) in states]
