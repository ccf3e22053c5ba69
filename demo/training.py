"""Writes the demo training catalogue (core/demo/courses.py) where it is missing."""

import math
from datetime import date, timedelta

from demo.course_texts import (
    COURSE_TEXTS,
    DEGREE_TERMS,
    GKS_TRACKS,
    INSTRUCTION_LANGUAGES,
    PROVIDER_DESCRIPTIONS,
    PROVIDER_WEBSITES,
    SCHOLARSHIP_TERMS,
)
from demo.courses import (
    COURSES,
    PROVIDERS,
    CourseEntry,
    ProviderEntry,
)
from demo.vocabulary import Vocabulary
from training.models import Course, CourseSkill, TrainingProvider
from training.services import course_catalogue_changed

PATHWAY_FIELDS = [
    "intake",
    "degree_level",
    "field_of_study",
    "eligibility",
    "eligible_nationalities",
    "max_age",
]

_HOURS_PER_WEEK = {"in_person": 20, "blended": 12, "online": 6}
_MODE_WORDS = {"in_person": "in-person", "blended": "blended", "online": "online"}


def training_seed(*, vocabulary: Vocabulary) -> None:
    """Create missing providers (by name) and courses (by provider and title) with their skills."""
    existing = {
        p.name: p for p in TrainingProvider.objects.filter(name__in=[p.name for p in PROVIDERS])
    }
    new_providers = [_provider_build(entry) for entry in PROVIDERS if entry.name not in existing]
    TrainingProvider.objects.bulk_create(new_providers)
    existing.update({provider.name: provider for provider in new_providers})
    providers = {entry.key: (entry, existing[entry.name]) for entry in PROVIDERS}
    have = set(
        Course.objects.filter(provider__in=[p for _, p in providers.values()]).values_list(
            "provider_id", "title"
        )
    )
    new_courses: list[tuple[CourseEntry, Course]] = []
    for index, entry in enumerate(COURSES):
        provider_entry, provider = providers[entry.provider]
        if (provider.pk, entry.title) not in have:
            course = _course_build(index, entry, provider_entry, provider, vocabulary)
            new_courses.append((entry, course))
    Course.objects.bulk_create([course for _, course in new_courses])
    CourseSkill.objects.bulk_create(
        CourseSkill(course=course, skill_id=vocabulary.skill_ids[slug], level_reached=level)
        for entry, course in new_courses
        for slug, level in entry.skills
    )
    _pathway_fields_backfill(vocabulary=vocabulary)
    course_catalogue_changed()  # bulk inserts send no signals


def _pathway_fields_backfill(*, vocabulary: Vocabulary) -> None:
    """Courses seeded before the degree and intake fields existed get them (idempotent: rows
    already holding the values are left alone)."""
    stale = Course.objects.filter(
        provider__name__in=[p.name for p in PROVIDERS], title__in=DEGREE_TERMS, degree_level=""
    ).select_related("provider")
    entries = {entry.title: entry for entry in COURSES}
    changed = []
    for course in stale:
        for name, value in _pathway_values(entries[course.title], vocabulary).items():
            setattr(course, name, value)
        changed.append(course)
    Course.objects.bulk_update(changed, PATHWAY_FIELDS)


def _pathway_values(entry: CourseEntry, vocabulary: Vocabulary) -> dict[str, object]:
    level, field = DEGREE_TERMS.get(entry.title, ("", ""))
    eligibility, nationalities, max_age = SCHOLARSHIP_TERMS.get(entry.title, ("", (), None))
    if entry.kind in ("degree", "scholarship") and entry.hours is None:
        intake = "March and September" if entry.kind == "degree" else "Once a year"
    else:
        intake = "Every three months" if entry.kind == "korean_language" else "Twice a year"
    return {
        "intake": intake,
        "degree_level": level,
        "field_of_study_id": vocabulary.field_ids[field] if field else None,
        "eligibility": eligibility,
        "eligible_nationalities": list(nationalities),
        "max_age": max_age,
    }


def _provider_build(entry: ProviderEntry) -> TrainingProvider:
    template = PROVIDER_DESCRIPTIONS.get(entry.key) or PROVIDER_DESCRIPTIONS[entry.kind]
    return TrainingProvider(
        name=entry.name,
        kind=entry.kind,
        country=entry.country,
        city=entry.city,
        website=PROVIDER_WEBSITES.get(entry.key, ""),
        description=template.format(city=entry.city),
    )


def _course_build(
    index: int,
    entry: CourseEntry,
    provider_entry: ProviderEntry,
    provider: TrainingProvider,
    vocabulary: Vocabulary,
) -> Course:
    start, end = _dates(index, entry)
    description, requirements = _texts(entry, provider_entry, vocabulary)
    return Course(
        provider=provider,
        title=entry.title,
        kind=entry.kind,
        description=description,
        mode=entry.mode,
        country="" if entry.mode == "online" else provider_entry.country,
        city="" if entry.mode == "online" else provider_entry.city,
        language=_language(entry, provider_entry),
        start_date=start,
        end_date=end,
        hours=entry.hours,
        cost_usd=entry.cost_usd,
        funding=entry.funding,
        topik_target=entry.topik_target,
        entry_requirements=requirements,
        url=PROVIDER_WEBSITES.get(entry.provider, ""),
        **_pathway_values(entry, vocabulary),
    )


def _language(entry: CourseEntry, provider: ProviderEntry) -> str:
    if entry.kind == "korean_language":
        return "Korean"
    return INSTRUCTION_LANGUAGES.get(provider.country, "English")


def _dates(index: int, entry: CourseEntry) -> tuple[date, date]:
    """Short courses start through the first half of 2027; degrees in March or September."""
    if entry.hours is not None:
        start = date(2027, 1 + index % 6, 4 + (index * 7) % 21)
        weeks = math.ceil(entry.hours / _HOURS_PER_WEEK[entry.mode])
        return start, start + timedelta(weeks=weeks, days=-3)
    start = date(2027, 3, 2) if index % 2 else date(2027, 9, 1)
    years = 3 if entry.provider == "niied" else 2  # GKS adds a year of Korean before the degree
    if DEGREE_TERMS.get(entry.title, ("",))[0] == "doctorate":
        years = 4
    return start, date(start.year + years, start.month, 1) - timedelta(days=1)


def _texts(entry: CourseEntry, provider: ProviderEntry, vocabulary: Vocabulary) -> tuple[str, str]:
    """The description and the entry requirements."""
    if entry.provider in COURSE_TEXTS:
        description, requirements = COURSE_TEXTS[entry.provider]
        track = next((text for name, text in GKS_TRACKS.items() if name in entry.title), "")
        return description.format(track=track).strip(), requirements
    skills = vocabulary.skill_list([slug for slug, _ in entry.skills])
    mode = _MODE_WORDS[entry.mode]
    if entry.kind == "vocational":
        return (
            f"A {entry.hours}-hour {mode} course at {provider.name} covering {skills}. Learners "
            "practise on industrial equipment and finish with a practical assessment.",
            "A secondary-school or technical diploma; no work experience needed."
            if (entry.hours or 0) >= 240
            else "A diploma or degree in a related field, or a year of relevant work.",
        )
    if entry.kind == "korean_language":
        previous = (entry.topik_target or 1) - 1
        return (
            f"{entry.hours} hours of {mode} Korean classes preparing for TOPIK level "
            f"{entry.topik_target}: speaking, listening, reading and writing, with vocabulary "
            f"for the workplace. Covers {skills}.",
            f"TOPIK level {previous} or the previous course." if previous else "None.",
        )
    if entry.kind == "degree" and entry.title.startswith("Ph.D."):
        return (
            f"A four-year doctoral programme taught in English at {provider.name} in "
            f"{provider.city}, with research in {skills} alongside industry partners. Tuition "
            f"for the eight semesters totals about USD {entry.cost_usd:,}.",
            "A master's degree in a related field (outstanding bachelor's graduates may enter "
            "an integrated track); IELTS 6.0 or TOEFL iBT 80.",
        )
    if entry.kind == "degree":
        return (
            f"A two-year master's programme taught in English at {provider.name} in "
            f"{provider.city}, with coursework and a thesis in {skills}. Tuition for the four "
            f"semesters totals about USD {entry.cost_usd:,}.",
            "A bachelor's degree in a related field; IELTS 5.5, TOEFL iBT 71 or TOPIK level 3.",
        )
    return (
        f"A scholarship for ASEAN students at {provider.name} covering tuition and a monthly "
        f"living allowance, with training in {skills}.",
        "Admission to a related master's programme and a strong bachelor's record.",
    )
