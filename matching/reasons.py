"""Match explanations in the graduate's words: the top reasons, the main gap, and a
met / partial / missing checklist, from matching.explain's explanations (see
matching.selectors.explanations_for). The names of skills' statuses, constraints and preferences
are the vocabulary's own labels, the same the employer pages show."""

from dataclasses import dataclass
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from core.choices import CompanySize, EducationLevel, Industry, JobType, KoreaRegion
from matching.explain import ConstraintCheck, Explanation, SkillTerm
from matching.explain_needs import NeedTerm
from matching.vocabulary import Constraint, Need, Preference, SkillStatus

MET, PARTIAL, MISSING = "met", "partial", "missing"  # the checklist's three states
_OFFERED_LABELS = {
    Preference.INDUSTRY: dict(Industry.choices),
    Preference.REGION: dict(KoreaRegion.choices),
    Preference.JOB_TYPE: dict(JobType.choices),
    Preference.COMPANY_SIZE: dict(CompanySize.choices),
}


def top_reasons(explanation: Explanation, limit: int = 3) -> list[str]:
    """The strongest reasons the posting fits: matched skills by weight, then wishes it meets."""
    reasons: list[str] = []
    matched = sorted(
        (t for t in explanation.skills if t.status == SkillStatus.MATCHED),
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
        if factor.name in _OFFERED_LABELS and factor.wanted and factor.value >= 1.0:
            label = _OFFERED_LABELS[factor.name].get(str(factor.offered), str(factor.offered))
            reasons.append(
                _("%(what)s you want: %(label)s") % {"what": factor.name.label, "label": label}
            )
        elif factor.name == Preference.SALARY and factor.wanted and factor.value >= 1.0:
            reasons.append(_("Pays at least your minimum salary"))
    return reasons[:limit]


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
    requirement: str = ""  # "breaker" / "required" / "nice" for skills, "" otherwise
    points: int | None = None  # the item's points of the fit (None for constraints)


@dataclass(frozen=True)
class Checklist:
    skills: list[ChecklistItem]
    needs: list[ChecklistItem]  # Korean, English, education, experience where asked
    constraints: list[ChecklistItem]


def checklist(explanation: Explanation) -> Checklist:
    """Skills, other needs and constraints as met / partial / missing items, required skills
    first, each term with its points."""
    order = {"breaker": 0, "required": 0, "nice": 1}
    skills = [
        ChecklistItem(
            term.name, _skill_status(term), skill_text(term), term.requirement, term.points
        )
        for term in sorted(explanation.skills, key=lambda t: (order[t.requirement], -t.weight))
    ]
    needs = [
        ChecklistItem(str(n.name.label), _need_status(n), need_text(n), "", n.points)
        for n in explanation.needs
    ]
    constraints = [
        ChecklistItem(constraint_title(c), MET if c.ok else MISSING, constraint_text(c))
        for c in explanation.constraints
        if c.name != Constraint.DEAL_BREAKER or c.required
    ]
    return Checklist(skills, needs, constraints)


def _need_status(term: NeedTerm) -> str:
    if term.level >= term.min_level:
        return MET
    return PARTIAL if term.level > 0.0 else MISSING


_CEFR = ("-", "A1", "A2", "B1", "B2", "C1", "C2")


def need_text(term: NeedTerm, *, for_employer: bool = False) -> str:
    """What the posting asks of one need and what the graduate shows: in the graduate's words,
    or the employer's (the same facts, the other person)."""
    asked, shown = _need_values(term)
    if term.name == Need.EXPERIENCE:
        text = (
            _("%(asked)s years asked; has %(shown)s relevant years")
            if for_employer
            else _("%(asked)s years asked; %(shown)s relevant years")
        )
    elif term.name == Need.EDUCATION:
        text = (
            _("%(asked)s asked; has %(shown)s")
            if for_employer
            else _("%(asked)s asked; you have %(shown)s")
        )
    else:
        text = (
            _("%(asked)s asked; has %(shown)s")
            if for_employer
            else _("%(asked)s asked; yours: %(shown)s")
        )
    text = text % {"asked": asked, "shown": shown}
    return f"{text} ({term.note})" if term.note else text


def _need_values(term: NeedTerm) -> tuple[str, str]:
    if term.name == Need.KOREAN:
        return f"TOPIK {int(term.asked)}", f"TOPIK {int(term.shown)}" if term.shown else _("none")
    if term.name == Need.ENGLISH:
        shown = _CEFR[int(term.shown)] if term.shown else _("no test result")
        return _CEFR[int(term.asked)], shown
    if term.name == Need.EDUCATION:
        names = EducationLevel.values
        rank = int(term.shown)
        return _education(names[int(term.asked)]), _education(names[rank] if rank >= 0 else "none")
    return f"{term.asked:g}", f"{term.shown:.1f}"


def _skill_status(term: SkillTerm) -> str:
    if term.status == SkillStatus.MATCHED:
        return MET
    return MISSING if term.status == SkillStatus.MISSING else PARTIAL


def skill_text(term: SkillTerm) -> str:
    words = {"skill": term.name, "own": term.own_level, "min": term.min_level}
    if term.status == SkillStatus.MATCHED:
        return _("Your level %(own)s meets the level %(min)s asked") % words
    if term.status == SkillStatus.RELATED:
        return _("%(skill)s: partly covered by your %(via)s (level %(min)s asked)") % {
            **words,
            "via": term.via_name or "",
        }
    if term.status == SkillStatus.BELOW_LEVEL:
        return _("%(skill)s: your level %(own)s, level %(min)s asked") % words
    return _("%(skill)s is missing (level %(min)s asked)") % words


def constraint_title(check: ConstraintCheck) -> str:
    return str(check.name.label)


# Words the same for every explanation in one language are made once per language in each
# process (the catalogues change only with a release): a list of twenty candidates asked for
# them some five hundred times. `language` is the key; the words are made in the active one.


@lru_cache(maxsize=16)
def _education_labels(language: str | None) -> dict[str, str]:
    return {code: str(label) for code, label in EducationLevel.choices}


def _education(code: str) -> str:
    labels = _education_labels(get_language())
    if code == "any":
        return _("any education")
    if code == "none":
        return _("no degree recorded")
    return str(labels.get(code, code))


def constraint_text(check: ConstraintCheck) -> str:
    if check.name == Constraint.DEAL_BREAKER:
        if check.ok:
            return _("You reach every must-have skill")
        return _("Below the level of a must-have skill: %(skills)s") % {
            "skills": ", ".join(check.actual)
        }
    if check.name == Constraint.TOPIK:
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
    if check.name == Constraint.EDUCATION:
        words = {"r": _education(str(check.required)), "a": _education(str(check.actual))}
        if check.ok:
            return _("Asks for %(r)s; you have %(a)s") % words
        return _("%(r)s required; you have %(a)s") % words
    if check.name == Constraint.FIELDS:
        if not check.required:
            return _("Any field of study is accepted")
        return (
            _("Your field of study is accepted")
            if check.ok
            else _("Your field of study is not among those accepted")
        )
    if check.name == Constraint.SPONSORSHIP:
        if not check.required:
            return _("You do not need visa sponsorship")
        return (
            _("The employer sponsors your visa")
            if check.ok
            else _("You need visa sponsorship and this job does not offer it")
        )
    if check.name == Constraint.VISA_ROUTE:
        if not check.required:
            return _("No visa route needed")
        return (
            _("A visa route is open to you with this offer")
            if check.ok
            else _("No visa route this offer opens is open to you yet")
        )
    return ""


# --- the employer's view of one candidate ------------------------------------------------------


@dataclass(frozen=True)
class ReasonLine:
    """One line of the employer's explanation: `ok` (met) or a gap, the thing named, a
    qualifier ("nice to have"), what the candidate shows, and its points ("" for none)."""

    ok: bool
    name: str
    qualifier: str
    words: str
    points: str


@dataclass(frozen=True)
class EmployerReasons:
    lines: list[ReasonLine]
    gaps: str  # the gap summary: how many gaps, and the score if they were closed


_QUALIFIERS = {"nice": gettext_lazy("nice to have"), "breaker": gettext_lazy("deal breaker")}


def points_text(points: int | None) -> str:
    """ "1 point", "12 points" in the active language (the employer's reasons, the graduate's
    checklist)."""
    return _points_words(get_language(), points or 0)


@lru_cache(maxsize=4096)
def _points_words(language: str | None, count: int) -> str:
    return ngettext("%(points)s point", "%(points)s points", count) % {"points": localize(count)}


class _SkillWords:
    """What a skill line says, translated once per language (`_skill_words`)."""

    def __init__(self) -> None:
        self.related = _("covered by %(skill)s: counts as level %(level)s of %(need)s asked")
        self.missing = _("missing, level %(need)s asked")
        self.has = _("has level %(own)s, level %(need)s asked")
        self.qualifiers = {key: str(text) for key, text in _QUALIFIERS.items()}

    def words(self, term: SkillTerm) -> str:
        if term.status == SkillStatus.RELATED and term.via_name:
            return self.related % {
                "skill": term.via_name,
                "level": floatformat(term.effective_level, 1),
                "need": term.min_level,
            }
        if term.status == SkillStatus.MISSING:
            return self.missing % {"need": term.min_level}
        return self.has % {"own": term.own_level, "need": term.min_level}


@lru_cache(maxsize=16)
def _skill_words(language: str | None) -> _SkillWords:
    return _SkillWords()


def employer_reasons(explanation: Explanation) -> EmployerReasons:
    """The candidate's explanation as the employer's pages list it: each skill with what the
    candidate has and its points, the other needs, the constraints not met, and the gaps.
    Worded here once per candidate (a list page shows twenty)."""
    said = _skill_words(get_language())
    lines = [
        ReasonLine(
            ok=term.status == SkillStatus.MATCHED,
            name=term.name,
            qualifier=said.qualifiers.get(term.requirement, ""),
            words=said.words(term),
            points=points_text(term.points),
        )
        for term in explanation.skills
    ]
    lines += [
        ReasonLine(
            ok=need.level >= need.min_level,
            name=str(need.name.label),
            qualifier="",
            words=need_text(need, for_employer=True),
            points=points_text(need.points),
        )
        for need in explanation.needs
    ]
    lines += [
        ReasonLine(
            ok=False, name=str(check.name.label), qualifier="", words=_("not met"), points=""
        )
        for check in explanation.constraints
        if not check.ok
    ]
    summary = explanation.gap_summary
    assert summary is not None, "the employer's reasons need the gap summary"
    below = summary.below_level + summary.related_below_level
    if summary.missing or below:
        # A skill covered only by a related one, short of the minimum, is below level too.
        gaps = " ".join(
            (
                _("Gaps: %(missing)s missing, %(below)s below level.")
                % {"missing": summary.missing, "below": below},
                _("Closing them would raise the score to %(score)s%%.")
                % {"score": round(summary.score_if_gaps_closed * 100)},
            )
        )
    else:
        gaps = _("No skill gaps.")
    return EmployerReasons(lines, gaps)
