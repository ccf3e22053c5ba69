"""Matches explained in the graduate's words: the reasons, the main gap, a met/partial/missing
checklist. Built on matching's explanations (matching.explain), computed for many postings at
once with a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from core.choices import CompanySize, EducationLevel, Industry, JobType, KoreaRegion
from jobs.models import JobPosting, PostingSkill
from matching.explain import ConstraintCheck, Explanation, SkillTerm, explain_pair
from profiles.models import GraduateProfile

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MET, PARTIAL, MISSING = "met", "partial", "missing"
MET_STATUS = "matched"  # matching.explain's status of a skill at or above the level asked
_LABELS = {
    "industry": dict(Industry.choices),
    "region": dict(KoreaRegion.choices),
    "job_type": dict(JobType.choices),
    "company_size": dict(CompanySize.choices),
}


def match_explanations(
    *, profile: GraduateProfile, postings: list[JobPosting]
) -> dict[int, Explanation]:
    """Explanations of the graduate against each posting, by posting id (without courses).

    About ten queries however many postings: the facts of the graduate and the postings, the
    skill relations and names, and the postings' requirement kinds."""
    from matching.selectors import graduate_facts, posting_facts
    from skills.models import Skill, SkillRelation

    if not postings:
        return {}
    graduate = graduate_facts(ids=[profile.pk])[0]
    facts = posting_facts(ids=[p.pk for p in postings], only_matchable=False)
    needed = {s.skill_id for p in facts for s in p.skills}
    relations: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for skill_id, related_id, credit in SkillRelation.objects.filter(
        skill_id__in=list(graduate.skills)
    ).values_list("skill_id", "related_skill_id", "credit"):
        relations[skill_id].append((related_id, credit))
    names = dict(
        Skill.objects.filter(id__in=needed | set(graduate.skills)).values_list("id", "name")
    )
    requirements: dict[int, dict[int, str]] = defaultdict(dict)
    for posting_id, skill_id, requirement in PostingSkill.objects.filter(
        posting_id__in=[p.id for p in facts]
    ).values_list("posting_id", "skill_id", "requirement"):
        requirements[posting_id][skill_id] = requirement
    return {
        p.id: explain_pair(
            graduate=graduate,
            posting=p,
            relations=dict(relations),
            skill_names=names,
            requirements=requirements.get(p.id, {}),
        )
        for p in facts
    }


def top_reasons(explanation: Explanation, limit: int = 3) -> list[str]:
    """The strongest reasons the posting fits: matched skills by weight, then wishes it meets."""
    reasons: list[str] = []
    matched = sorted(
        (t for t in explanation.skills if t.status == MET_STATUS),
        key=lambda t: -t.contribution,
    )
    for term in matched[:2]:
        reasons.append(
            _("%(skill)s: your level %(own)s meets the %(min)s asked")
            % {"skill": term.name, "own": term.own_level, "min": term.min_level}
        )
    for factor in explanation.preference_factors:
        if len(reasons) >= limit:
            break
        if factor.name in _LABELS and factor.wanted and factor.value >= 1.0:
            label = _LABELS[factor.name].get(str(factor.offered), str(factor.offered))
            reasons.append(_("%(what)s you want: %(label)s") % _factor_words(factor.name, label))
        elif factor.name == "salary" and factor.wanted and factor.value >= 1.0:
            reasons.append(_("Pays at least your minimum salary"))
    return reasons[:limit]


def _factor_words(name: str, label: "StrOrPromise") -> dict[str, "StrOrPromise"]:
    what = {
        "industry": _("Industry"),
        "region": _("Region"),
        "job_type": _("Job type"),
        "company_size": _("Company size"),
    }[name]
    return {"what": what, "label": label}


def main_gap(explanation: Explanation) -> str | None:
    """The one thing that most holds the match back: a failed hard constraint first, else the
    skill whose shortfall costs the most fit."""
    for check in explanation.constraints:
        if not check.ok:
            return constraint_text(check)
    short = [t for t in explanation.skills if t.effective_level < t.min_level]
    if not short:
        return None
    worst = max(short, key=lambda t: t.weight * (1.0 - t.credit))
    return skill_text(worst)


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    status: str  # met, partial, missing
    detail: str
    requirement: str = ""  # "required" / "nice" for skills, "" for constraints


def checklist(explanation: Explanation) -> tuple[list[ChecklistItem], list[ChecklistItem]]:
    """(skills, constraints) as met / partial / missing items, required skills first."""
    order = {"required": 0, "nice": 1}
    skills = [
        ChecklistItem(term.name, _skill_status(term), skill_text(term), term.requirement)
        for term in sorted(explanation.skills, key=lambda t: (order[t.requirement], -t.weight))
    ]
    constraints = [
        ChecklistItem(constraint_title(c), MET if c.ok else MISSING, constraint_text(c))
        for c in explanation.constraints
    ]
    return skills, constraints


def _skill_status(term: SkillTerm) -> str:
    if term.status == MET_STATUS:
        return MET
    return MISSING if term.status == "missing" else PARTIAL


def skill_text(term: SkillTerm) -> str:
    words = {"skill": term.name, "own": term.own_level, "min": term.min_level}
    if term.status == MET_STATUS:
        return _("Your level %(own)s meets the level %(min)s asked") % words
    if term.status == "related":
        return _("%(skill)s: partly covered by your %(via)s (level %(min)s asked)") % {
            **words,
            "via": term.via_name or "",
        }
    if term.status == "below_level":
        return _("%(skill)s: your level %(own)s, level %(min)s asked") % words
    return _("%(skill)s is missing (level %(min)s asked)") % words


def constraint_title(check: ConstraintCheck) -> str:
    return {
        "topik": _("Korean (TOPIK)"),
        "education": _("Education"),
        "fields": _("Field of study"),
        "sponsorship": _("Visa sponsorship"),
        "visa_route": _("Visa route"),
    }.get(check.name, check.name)


def _education(code: str) -> str:
    labels = dict(EducationLevel.choices)
    if code == "any":
        return _("any education")
    if code == "none":
        return _("no degree recorded")
    return str(labels.get(code, code))


def constraint_text(check: ConstraintCheck) -> str:
    if check.name == "topik":
        if not check.required:
            return _("No TOPIK level required")
        if check.ok:
            return _("Your TOPIK %(a)s meets the TOPIK %(r)s asked") % {
                "a": check.actual,
                "r": check.required,
            }
        return _("TOPIK %(r)s required; you have %(a)s") % {
            "a": check.actual or _("none"),
            "r": check.required,
        }
    if check.name == "education":
        words = {"r": _education(str(check.required)), "a": _education(str(check.actual))}
        if check.ok:
            return _("Asks for %(r)s; you have %(a)s") % words
        return _("%(r)s required; you have %(a)s") % words
    if check.name == "fields":
        if not check.required:
            return _("Any field of study is accepted")
        return (
            _("Your field of study is accepted")
            if check.ok
            else _("Your field of study is not among those accepted")
        )
    if check.name == "sponsorship":
        if not check.required:
            return _("You do not need visa sponsorship")
        return (
            _("The employer sponsors your visa")
            if check.ok
            else _("You need visa sponsorship and this job does not offer it")
        )
    if check.name == "visa_route":
        if not check.required:
            return _("No visa route needed")
        return (
            _("A visa route is open to you with this offer")
            if check.ok
            else _("No visa route this offer opens is open to you yet")
        )
    return ""
