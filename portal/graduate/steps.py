"""The guided profile: eight steps, one page each, in this order."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    intro: Promise


STEPS: tuple[Step, ...] = (
    Step("basics", _("Basics"), _("Who you are and where you live now.")),
    Step("education", _("Education"), _("Your degrees: employers and visa routes look at them.")),
    Step(
        "skills",
        _("Skills"),
        _("What you can do, with a level from 1 (basic) to 5 (expert). Matches rest on these."),
    ),
    Step("languages", _("Languages"), _("Korean (TOPIK, KIIP) and English.")),
    Step("experience", _("Experience"), _("Jobs and internships, most recent first.")),
    Step(
        "preferences",
        _("Preferences"),
        _("The jobs you want: industries, regions, salary and job types."),
    ),
    Step("cv", _("CV"), _("A PDF employers can download when you apply.")),
    Step("visibility", _("Visibility"), _("Who may see your profile.")),
)
STEP_SLUGS: tuple[str, ...] = tuple(step.slug for step in STEPS)


def step_by_slug(slug: str) -> Step | None:
    return next((step for step in STEPS if step.slug == slug), None)


def step_after(slug: str) -> Step | None:
    index = STEP_SLUGS.index(slug)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def step_before(slug: str) -> Step | None:
    index = STEP_SLUGS.index(slug)
    return STEPS[index - 1] if index > 0 else None
