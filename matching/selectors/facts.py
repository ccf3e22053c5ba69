"""The facts the engine scores, read from the platform's rows in a fixed number of queries."""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from core.choices import EducationLevel
from matching.facts import (
    ALL_ROUTES,
    ExperienceFacts,
    GraduateFacts,
    SkillRelationFacts,
)
from matching.models import (
    MatchingChange,
)
from matching.scoring import (
    LANGUAGE_SKILLS_FROM_CEFR,
    LANGUAGE_SKILLS_FROM_TOPIK,
)
from profiles.models import (
    CurrentVisa,
    EducationRecord,
    GraduateProfile,
    GraduateSkill,
    Visibility,
    WorkExperience,
    english_cefr_level,
    role_years,
)
from skills.models import SkillRelation
from skills.selectors import taxonomy_snapshot
from visas.rules import (
    PersonFacts,
    RulesSnapshot,
    person_routes,
    work_routes_loaded,
)
from visas.rules.graduate import DegreeRow, JobRow, person_facts
from visas.selectors import rules_snapshot_cached, rules_version

_EDUCATION_RANK = {level: EducationLevel.rank(level) for level in EducationLevel.values}


def _field_codes(code: str) -> set[str]:
    """A detailed ISCED-F field also counts as its narrow field (0714 -> 071)."""
    return {code, code[:3]} if len(code) == 4 else {code}


def visa_rules_today() -> RulesSnapshot | None:
    """Today's visa rules, or None when no work route is loaded (an empty database): then the
    route masks stay "any" and matching works without them."""
    rules = rules_snapshot_cached(on=timezone.localdate())
    return rules if work_routes_loaded(rules) else None


@dataclass
class _History:
    """What the graduates' other rows say: skills, education and work, by profile id."""

    skills: dict[int, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    education: dict[int, int] = field(default_factory=dict)  # highest EducationLevel.rank
    fields: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    degrees: dict[int, list[DegreeRow]] = field(default_factory=lambda: defaultdict(list))
    jobs: dict[int, list[JobRow]] = field(default_factory=lambda: defaultdict(list))
    roles: dict[int, list[ExperienceFacts]] = field(default_factory=lambda: defaultdict(list))


# The preferences are JSON lists; read as text and decoded once per distinct value (most
# graduates share a few), which spares a fifth of the time 100,000 graduates' facts take.
_PREFERENCES = (
    "preferred_industries", "preferred_regions", "preferred_job_types", "preferred_company_sizes",
)  # fmt: skip
# The profile's own columns a graduate's facts are made of, in the order `_Building.add` reads.
GRADUATE_FACT_FIELDS = (
    "topik_level", "visibility", *_PREFERENCES, "min_salary_krw", "willing_to_relocate",
    "nationality", "date_of_birth", "kiip_stage", "current_visa", "english_test",
    "english_score",
)  # fmt: skip
_GRADUATE_COLUMNS = (
    "id", *(f"{name}_text" if name in _PREFERENCES else name for name in GRADUATE_FACT_FIELDS),
)  # fmt: skip


@lru_cache(maxsize=4096)
def _choices(text: str | None) -> frozenset[str]:
    return frozenset(json.loads(text)) if text else frozenset()


def graduate_facts(
    *, ids: Iterable[int] | None = None, id_range: tuple[int, int] | None = None
) -> list[GraduateFacts]:
    """Facts of graduates (all, the given ids, or an inclusive id range), ordered by id.

    Four queries whatever the number of graduates (plus the visa rules and the taxonomy, kept
    per process).
    Language tests raise the language skills they stand for (matching.scoring)."""
    return [facts for facts, _person in _graduates_read(ids=ids, id_range=id_range, persons=False)]


def graduate_facts_with_persons(
    *, ids: Iterable[int]
) -> list[tuple[GraduateFacts, PersonFacts | None]]:
    """`graduate_facts(ids=...)`, each with the graduate as the visa rules see them today
    (visas.selectors.person_facts_for_graduate; None without a nationality), both from the
    same four queries: a page that explains matches and shows visa answers reads the rows once."""
    return _graduates_read(ids=ids, id_range=None, persons=True)


def _graduates_read(
    *, ids: Iterable[int] | None, id_range: tuple[int, int] | None, persons: bool
) -> list[tuple[GraduateFacts, PersonFacts | None]]:
    """`persons`: work out every graduate's PersonFacts; otherwise only where the visa rules
    are loaded (their routes need them) and the second of each pair may be None."""
    profiles = GraduateProfile.objects.order_by("id")
    if ids is not None:
        profiles = profiles.filter(id__in=list(ids))
    if id_range is not None:
        profiles = profiles.filter(id__gte=id_range[0], id__lte=id_range[1])
    as_text = {f"{name}_text": Cast(name, TextField()) for name in _PREFERENCES}
    rows = list(profiles.annotate(**as_text).values_list(*_GRADUATE_COLUMNS))
    history = _history([r[0] for r in rows])
    found = _Building(persons=persons)
    for pid, topik, visibility, industries, regions, job_types, sizes, *rest in rows:
        preferences = (_choices(industries), _choices(regions), _choices(job_types),
                       _choices(sizes))  # fmt: skip
        found.add((pid, topik, visibility, *preferences, *rest), history)
    return found.pairs


def graduate_facts_from_loaded(
    *, profile: GraduateProfile
) -> tuple[GraduateFacts, PersonFacts | None]:
    """`graduate_facts_with_persons` for one graduate from the rows the caller has loaded on
    the profile (its degrees with their fields, skills and jobs: profiles.selectors.
    profile_rows), asking nothing: a page that shows the profile and explains its matches reads
    its rows once."""
    pid, history, today = profile.pk, _History(), timezone.localdate()
    for skill in profile.skills.all():
        history.skills[pid][skill.skill_id] = skill.level
    for degree in profile.education.all():
        field = degree.field_of_study
        _add_degree(
            history, pid, degree.level, field.code, field.is_stem, degree.country.code,
            degree.graduation_year,
        )  # fmt: skip
    for job in profile.experience.all():
        _add_job(history, pid, job.start_date, job.end_date, job.country.code, job.isco_code, today)
    found = _Building(persons=True)
    found.add((pid, *(_loaded(profile, name) for name in GRADUATE_FACT_FIELDS)), history)
    return found.pairs[0]


def _loaded(profile: GraduateProfile, name: str) -> object:
    """A profile's column as the matching read gives it: preferences decoded, a country code."""
    value = getattr(profile, name)
    if name in _PREFERENCES:
        return frozenset(value or ())
    return (value.code or "") if name == "nationality" else value


class _Building:
    """Graduates' facts made from their profile's columns and their other rows (`_History`),
    as both ways of reading them give them."""

    def __init__(self, *, persons: bool) -> None:
        self.persons = persons
        self.pairs: list[tuple[GraduateFacts, PersonFacts | None]] = []
        self.languages = _language_skill_ids()
        self.rules, self.today = visa_rules_today(), timezone.localdate()

    def add(self, columns: tuple[Any, ...], history: _History) -> None:
        (pid, topik, visibility, industries, regions, job_types, sizes, min_salary, relocate,
         nationality, born, kiip, visa, english_test, english_score) = columns  # fmt: skip
        person = None
        if self.persons or self.rules is not None:
            person = person_facts(
                nationality=nationality, born=born, topik=topik, kiip_stage=kiip,
                current_visa=visa, degrees=history.degrees.get(pid, ()),
                jobs=history.jobs.get(pid, ()), on=self.today,
            )  # fmt: skip
        routes = (
            ALL_ROUTES
            if self.rules is None or person is None
            else person_routes(person, self.rules)
        )
        cefr = english_cefr_level(
            english_test, None if english_score is None else float(english_score)
        )
        facts = GraduateFacts(
            id=pid,
            skills=_with_tested_languages(
                history.skills.get(pid, {}), topik=topik, cefr=cefr, skill_ids=self.languages
            ),
            topik=topik,
            kiip_stage=kiip or 0,
            english_cefr=cefr,
            experience=tuple(history.roles.get(pid, ())),
            education_rank=history.education.get(pid, -1),
            fields=frozenset(history.fields.get(pid, ())),
            needs_sponsorship=CurrentVisa.needs_sponsorship(visa),
            visa_routes=routes,
            discoverable=visibility == Visibility.DISCOVERABLE,
            industries=industries,
            regions=regions,
            job_types=job_types,
            company_sizes=sizes,
            min_salary_krw=min_salary or 0,
            willing_to_relocate=relocate,
        )
        self.pairs.append((facts, person))


def facts_context() -> tuple[object, ...] | None:
    """What graduates' facts depend on besides their own rows, which no change record announces:
    the day (ages, dated rules), the visa rules' version and the language skills' ids. Facts read
    under an equal context are still right for rows not changed since; None when it cannot be
    known (the shared cache is down)."""
    version = rules_version()
    if version is None:
        return None
    return (timezone.localdate(), version, tuple(sorted(_language_skill_ids().items())))


def _language_skill_ids() -> dict[str, int]:
    """The taxonomy's ids of the language skills that tests stand for (matching.scoring)."""
    ids = taxonomy_snapshot().ids_by_slug
    slugs = [*LANGUAGE_SKILLS_FROM_TOPIK, *LANGUAGE_SKILLS_FROM_CEFR]
    return {slug: ids[slug] for slug in slugs if slug in ids}


def _with_tested_languages(
    skills: dict[int, int], *, topik: int, cefr: int, skill_ids: dict[str, int]
) -> dict[int, int]:
    """The declared skills, each language skill raised to the level the graduate's TOPIK or
    English test shows (a declared higher level stays)."""
    if not topik and not cefr:
        return skills
    found = dict(skills)
    for table, level_index in (
        (LANGUAGE_SKILLS_FROM_TOPIK, topik),
        (LANGUAGE_SKILLS_FROM_CEFR, cefr),
    ):
        for slug, levels in table.items():
            skill_id = skill_ids.get(slug)
            if skill_id is not None and levels[level_index]:
                found[skill_id] = max(found.get(skill_id, 0), levels[level_index])
    return found


# Below this share of the ids in their range, the wanted profiles are asked for by id, not by
# range: a handful of graduates spread over 100,000 ids must not read every graduate's rows.
SPARSE_SHARE = 0.05


def _history(wanted: list[int]) -> _History:
    """Skills, education and experience of the `wanted` profiles (ascending ids): three queries,
    over the id range when the ids fill much of it (cheaper than an IN list of 100,000 ids),
    else for the ids themselves; rows of other profiles in the range are dropped here."""
    history = _History()
    if not wanted:
        return history
    dense = len(wanted) >= SPARSE_SHARE * (wanted[-1] - wanted[0] + 1)
    in_range: dict[str, object] = (
        {"profile_id__gte": wanted[0], "profile_id__lte": wanted[-1]}
        if dense
        else {"profile_id__in": wanted}
    )
    wanted_set = set(wanted)
    for pid, skill_id, level in GraduateSkill.objects.filter(**in_range).values_list(
        "profile_id", "skill_id", "level"
    ):
        if pid in wanted_set:
            history.skills[pid][skill_id] = level
    for pid, degree, code, stem, country, year in EducationRecord.objects.filter(
        **in_range
    ).values_list(
        "profile_id", "level", "field_of_study__code", "field_of_study__is_stem", "country",
        "graduation_year",
    ):  # fmt: skip
        if pid in wanted_set:
            _add_degree(history, pid, degree, code, stem, country, year)
    today = timezone.localdate()
    for pid, start, end, country, code in WorkExperience.objects.filter(**in_range).values_list(
        "profile_id", "start_date", "end_date", "country", "isco_code"
    ):
        if pid in wanted_set:
            _add_job(history, pid, start, end, country, code, today)
    return history


def _add_degree(
    history: _History, pid: int, degree: str, code: str, stem: bool, country: str, year: int
) -> None:
    history.education[pid] = max(history.education.get(pid, -1), _EDUCATION_RANK[degree])
    history.fields[pid] |= _field_codes(code)
    history.degrees[pid].append(DegreeRow(degree, stem, country, year))


def _add_job(
    history: _History,
    pid: int,
    start: date,
    end: date | None,
    country: str,
    code: str,
    today: date,
) -> None:
    history.jobs[pid].append(JobRow(start, end, country))
    history.roles[pid].append(ExperienceFacts(code, role_years(start, end, on=today)))


def relation_facts() -> list[SkillRelationFacts]:
    return [
        SkillRelationFacts(skill_id, related_id, credit)
        for skill_id, related_id, credit in SkillRelation.objects.values_list(
            "skill_id", "related_skill_id", "credit"
        )
    ]


def pending_changes(*, limit: int) -> list[MatchingChange]:
    from django.db.models import F

    return list(
        MatchingChange.objects.filter(
            Q(applied_at__isnull=True) | Q(applied_at__lt=F("requested_at"))
        ).order_by("requested_at")[:limit]
    )
