"""Facts for the guidance engine, read from the platform's own rows (a graduate's profile)."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.models import EducationRecord, GraduateProfile, WorkExperience
from visas.rules import PersonFacts, RuleInputError
from visas.rules.graduate import DegreeRow, JobRow, person_facts


def nationality_missing() -> RuleInputError:
    """The error of a profile with no nationality yet: the rules cannot be applied without it."""
    return RuleInputError({"nationality": _("Add your nationality to your profile first.")})


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
        raise nationality_missing()
    return facts


_PROFILE_COLUMNS = (
    "id",
    "nationality",
    "date_of_birth",
    "topik_level",
    "kiip_stage",
    "current_visa",
)


def active_graduates_facts(*, on: date, chunk: int = 5000) -> Iterator[tuple[str, PersonFacts]]:
    """(nationality, facts as of `on`) for every active graduate with a nationality, by id, as
    person_facts_for_graduate gives them one at a time: read as plain rows, three queries per
    `chunk` graduates (100,000 graduates in a few seconds, not a minute of model instances)."""
    profiles = (
        GraduateProfile.objects.filter(user__is_active=True)
        .exclude(nationality="")
        .order_by("id")
        .values_list(*_PROFILE_COLUMNS)
    )
    after = 0
    while rows := list(profiles.filter(id__gt=after)[:chunk]):
        ids = [row[0] for row in rows]
        after = ids[-1]
        degrees: dict[int, list[DegreeRow]] = defaultdict(list)
        for pk, level, stem, country, year in EducationRecord.objects.filter(
            profile_id__in=ids
        ).values_list(
            "profile_id", "level", "field_of_study__is_stem", "country", "graduation_year"
        ):
            degrees[pk].append(DegreeRow(level, stem, str(country), year))
        jobs: dict[int, list[JobRow]] = defaultdict(list)
        for pk, start, end, country in WorkExperience.objects.filter(
            profile_id__in=ids
        ).values_list("profile_id", "start_date", "end_date", "country"):
            jobs[pk].append(JobRow(start, end, str(country)))
        for pk, nationality, born, topik, kiip, visa in rows:
            facts = person_facts(
                nationality=str(nationality), born=born, topik=topik, kiip_stage=kiip,
                current_visa=visa, degrees=degrees[pk], jobs=jobs[pk], on=on,
            )  # fmt: skip
            if facts is not None:
                yield str(nationality), facts
