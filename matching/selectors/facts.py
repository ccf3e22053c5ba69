"""The facts the engine scores, read from the platform's rows in a fixed number of queries."""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from core.choices import EducationLevel
from jobs.models import JobPosting, PostingSkill, Requirement
from matching.facts import (
    ALL_ROUTES,
    ExperienceFacts,
    GraduateFacts,
    PostingFacts,
    PostingSkillFacts,
    SkillRelationFacts,
)
from matching.models import (
    MatchingChange,
)
from matching.scoring import (
    ENGLISH_REQUIREMENT_CEFR,
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
    offer_routes,
    person_routes,
    work_routes_loaded,
)
from visas.rules.graduate import DegreeRow, JobRow, offer_facts, person_facts
from visas.selectors import rules_snapshot_cached, rules_version

_EDUCATION_RANK = {level: EducationLevel.rank(level) for level in EducationLevel.values}


def _field_codes(code: str) -> set[str]:
    """A detailed ISCED-F field also counts as its narrow field (0714 -> 071)."""
    return {code, code[:3]} if len(code) == 4 else {code}


def _visa_rules() -> RulesSnapshot | None:
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
_GRADUATE_COLUMNS = (
    "id", "topik_level", "visibility", *(f"{name}_text" for name in _PREFERENCES),
    "min_salary_krw", "willing_to_relocate", "nationality", "date_of_birth", "kiip_stage",
    "current_visa", "english_test", "english_score",
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
    languages = _language_skill_ids()
    rules, today = _visa_rules(), timezone.localdate()
    found = []
    for (pid, topik, visibility, industries, regions, job_types, sizes, min_salary,
         relocate, nationality, born, kiip, visa, english_test, english_score) in rows:  # fmt: skip
        person = None
        if persons or rules is not None:
            person = person_facts(
                nationality=nationality, born=born, topik=topik, kiip_stage=kiip,
                current_visa=visa, degrees=history.degrees.get(pid, ()),
                jobs=history.jobs.get(pid, ()), on=today,
            )  # fmt: skip
        routes = ALL_ROUTES if rules is None or person is None else person_routes(person, rules)
        cefr = english_cefr_level(
            english_test, None if english_score is None else float(english_score)
        )
        facts = GraduateFacts(
            id=pid,
            skills=_with_tested_languages(
                history.skills.get(pid, {}), topik=topik, cefr=cefr, skill_ids=languages
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
            industries=_choices(industries),
            regions=_choices(regions),
            job_types=_choices(job_types),
            company_sizes=_choices(sizes),
            min_salary_krw=min_salary or 0,
            willing_to_relocate=relocate,
        )
        found.append((facts, person))
    return found


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
            history.education[pid] = max(history.education.get(pid, -1), _EDUCATION_RANK[degree])
            history.fields[pid] |= _field_codes(code)
            history.degrees[pid].append(DegreeRow(degree, stem, country, year))
    today = timezone.localdate()
    for pid, start, end, country, code in WorkExperience.objects.filter(**in_range).values_list(
        "profile_id", "start_date", "end_date", "country", "isco_code"
    ):
        if pid in wanted_set:
            history.jobs[pid].append(JobRow(start, end, country))
            history.roles[pid].append(ExperienceFacts(code, role_years(start, end, on=today)))
    return history


def matchable_postings() -> QuerySet[JobPosting]:
    """Postings that take part in matching: the public ones (JobPostingQuerySet.public)."""
    return JobPosting.objects.public()


def posting_facts(
    *, ids: Iterable[int] | None = None, only_matchable: bool = True
) -> list[PostingFacts]:
    """Facts of matchable postings (all, or those of the given ids that are matchable)."""
    postings = (matchable_postings() if only_matchable else JobPosting.objects.all()).order_by("id")
    if ids is not None:
        postings = postings.filter(id__in=list(ids))
    rows = list(
        postings.values_list(
            "id", "min_topik", "min_education", "visa_sponsorship", "employer__industry",
            "region", "job_type", "employer__size_class", "salary_max_krw", "e7_code",
            "is_eps_job", "english_requirement", "min_experience_years", "isco_code",
        )
    )  # fmt: skip
    wanted = {r[0] for r in rows}
    skills: dict[int, list[PostingSkillFacts]] = defaultdict(list)
    for pid, skill_id, min_level, weight, requirement in PostingSkill.objects.filter(
        posting_id__in=postings.values("id")
    ).values_list("posting_id", "skill_id", "min_level", "weight", "requirement"):
        skills[pid].append(
            PostingSkillFacts(
                skill_id,
                min_level,
                weight,
                required=Requirement.is_required(requirement),
                deal_breaker=requirement == Requirement.DEAL_BREAKER,
            )
        )
    fields: dict[int, set[str]] = defaultdict(set)
    through = JobPosting.accepted_fields.through
    for pid, code in through.objects.filter(jobposting_id__in=postings.values("id")).values_list(
        "jobposting_id", "fieldofstudy__code"
    ):
        fields[pid].add(code)
    rules = _visa_rules()
    return [
        PostingFacts(
            id=pid,
            skills=tuple(sorted(skills.get(pid, []), key=lambda s: s.skill_id)),
            min_topik=topik,
            min_education_rank=EducationLevel.rank(education) if education else -1,
            accepted_fields=frozenset(fields.get(pid, ())),
            sponsors_visa=sponsors,
            visa_routes=_posting_routes(rules, salary_max, e7_code, size, sponsors, eps_job),
            industry=industry,
            region=region,
            job_type=job_type,
            company_size=size,
            salary_max_krw=salary_max,
            min_english_cefr=ENGLISH_REQUIREMENT_CEFR.get(english, 0),
            min_experience_years=float(experience),
            isco_code=isco,
        )
        for (pid, topik, education, sponsors, industry, region, job_type, size, salary_max,
             e7_code, eps_job, english, experience, isco) in rows
        if pid in wanted
    ]  # fmt: skip


def _posting_routes(
    rules: RulesSnapshot | None,
    salary_max: int,
    e7_code: str,
    size: str,
    sponsors: bool,
    eps_job: bool,
) -> int | None:
    if rules is None:
        return None
    offer = offer_facts(
        salary_max_krw=salary_max,
        e7_code=e7_code,
        employer_size=size,
        sponsorship=sponsors,
        eps_job=eps_job,
    )
    return offer_routes(offer, rules)


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
