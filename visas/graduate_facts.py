"""Facts for the guidance engine, read from the platform's own rows (a graduate's profile)."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.models import GraduateProfile
from visas.rules import PersonFacts, RuleInputError
from visas.rules.graduate import DegreeRow, JobRow, person_facts


def person_facts_for_graduate(*, profile: GraduateProfile, on: date | None = None) -> PersonFacts:
    """What the guidance engine knows about a graduate, from their profile as of `on` (today).

    Age from the date of birth; the highest completed degree (graduation year not after `on`'s
    year) gives the level, the STEM flag (its field of study) and the country (KR: a Korean
    university; a diploma is not a degree); experience is every listed job, overlaps counted
    once, and of it the jobs in Korea (visas.rules.graduate does the arithmetic). Raises
    `RuleInputError` (field "nationality") when the profile has no nationality yet: the rules
    cannot be applied without it. Two queries unless education and experience are prefetched.
    """
    facts = person_facts(
        nationality=str(profile.nationality or ""),
        born=profile.date_of_birth,
        topik=profile.topik_level,
        kiip_stage=profile.kiip_stage,
        current_visa=profile.current_visa,
        degrees=[
            DegreeRow(e.level, e.field_of_study.is_stem, str(e.country), e.graduation_year)
            for e in profile.education.all()
        ],
        jobs=[JobRow(j.start_date, j.end_date, str(j.country)) for j in profile.experience.all()],
        on=on or timezone.localdate(),
    )
    if facts is None:
        raise RuleInputError({"nationality": _("Add your nationality to your profile first.")})
    return facts
