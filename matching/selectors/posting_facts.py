"""The facts of postings the engine scores, read from their rows in a fixed number of queries
(the graduates' side: matching.selectors.facts)."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from core.choices import EducationLevel
from jobs.models import JobPosting, PostingSkill, Requirement
from matching.facts import PostingFacts, PostingSkillFacts
from matching.scoring import ENGLISH_REQUIREMENT_CEFR
from matching.selectors.facts import visa_rules_today
from visas.rules import RulesSnapshot, offer_routes
from visas.rules.graduate import offer_facts


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
    rules = visa_rules_today()
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
