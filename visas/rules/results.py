"""What the engine answers: plain frozen dataclasses that pages, the API and tests read.

Verdicts:
- "eligible": every condition of the route is known from the facts and met.
- "eligible_once": nothing known rules the route out, but some conditions are not met yet or cannot
  be checked from the facts (they have `met=None`); `next_steps` and the unmet criteria say what.
  A route that a known failure rules out today but that listed next steps would reopen is also
  "eligible_once" ("eligible once you reach TOPIK 4").
- "not_open": a known fact rules the route out and no listed next step changes that.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

Verdict = Literal["eligible", "eligible_once", "not_open"]
ELIGIBLE: Verdict = "eligible"
ELIGIBLE_ONCE: Verdict = "eligible_once"
NOT_OPEN: Verdict = "not_open"


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One condition: what the person has (`actual`), what the rule asks (`required`), and
    whether it is met (None: the facts given cannot tell). `group` names the all-of / any-of
    group it sits in ("Eligibility › Any of"), so pages can show alternatives as alternatives."""

    label: str
    actual: str
    required: str
    met: bool | None
    uncertain: bool = False
    source_keys: tuple[str, ...] = ()
    key: str = ""  # the rule data's field name, e.g. "korean.topik_level"
    group: str = ""


class PointsLine(NamedTuple):
    group: str
    label: str
    points: int


@dataclass(frozen=True, slots=True)
class PointsResult:
    """Points counted from the facts. `total` only counts what the facts show; `unscored` lists
    items that may add points the engine cannot count (values the sources do not give, or facts
    not given), and `max_possible` is the total if all of them turned out in the person's favour.
    `shortfall` is pass_mark - total when below it (0 at or above; None without a pass mark)."""

    items: tuple[PointsLine, ...]
    total: int
    pass_mark: int | None
    shortfall: int | None
    uncertain: bool
    max_possible: int | None = None  # None: no upper bound can be given
    unscored: tuple[str, ...] = ()
    table_name: str = ""


@dataclass(frozen=True, slots=True)
class NextStep:
    """Something the person can do that would change the verdict or add points.

    `effort` ranks steps (lower is easier): roughly months of work. `skill_hint` lets pages link
    training listings: "topik:4" (Korean courses preparing TOPIK 4), "kiip:5", "degree:master",
    "experience:2" (years), "salary:31120000", "job_offer:E-7-1"; empty when nothing to link."""

    action: str
    effort: int
    points_gain: int | None = None
    skill_hint: str = ""
    opens_route: bool = False  # this step (with the ones before it) would change the verdict
    cost: str = ""  # what it costs in money, in words ("exam fee in Korea 55,000 KRW ...")


@dataclass(frozen=True, slots=True)
class Progression:
    """The typical path through this route, e.g. ("D-2", "D-10-1", "E-7-1", "F-2-7", "F-5-16"),
    and the index of the person's current status on it (None: not on the path yet)."""

    codes: tuple[str, ...]
    current_index: int | None
    pathway_index: int


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source behind a rule used. `uncertain`: a rule used from it is flagged uncertain;
    `official`: published by the Korean government or one of its agencies or programmes (the
    others are secondary: news, universities, consultancies, blogs)."""

    key: str
    title: str
    publisher: str
    url: str
    date_stated: date | None
    date_stated_text: str
    uncertain: bool
    official: bool = False


@dataclass(frozen=True, slots=True)
class PathwayResult:
    code: str
    name: str
    name_ko: str
    verdict: Verdict
    summary: str
    criteria: tuple[CriterionResult, ...]
    points: PointsResult | None
    next_steps: tuple[NextStep, ...]
    progression: Progression
    sources: tuple[SourceRef, ...]
    uncertain: bool
    uncertain_reasons: tuple[str, ...] = ()
    # For the headline: the closest ways to qualify where the rules offer a choice, and how many
    # other conditions are still to be met or confirmed.
    closest_way: str = ""
    other_open: int = 0
    # The conditions as they stand today, before any next step: True met, False one is not,
    # None the facts given cannot tell.
    met_today: bool | None = None

    @property
    def unknown_criteria(self) -> tuple[CriterionResult, ...]:
        return tuple(criterion for criterion in self.criteria if criterion.met is None)


@dataclass(frozen=True, slots=True)
class GniUsed:
    year: int
    value_krw: int
    uncertain: bool


@dataclass(frozen=True, slots=True)
class Guidance:
    on: date
    pathways: tuple[PathwayResult, ...]
    gni: GniUsed | None
    uncertain: bool
    notes: tuple[str, ...] = ()
    headline: str = ""  # the answer in a paragraph (visas.rules.goals.headline)
    goal: str = ""  # what the person wants to do (a key of visas.rules.goals.GOALS), or ""

    def pathway(self, code: str) -> PathwayResult:
        for result in self.pathways:
            if result.code == code:
                return result
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class OfferVerdict:
    """Whether a job offer opens a work route for this person.

    `opens_route`: True when a route is open with it (or the person needs no sponsorship), None
    when one may be (conditions the facts cannot show), False when none can be. `criteria` are the
    offer's own checks (sponsorship, salary against the threshold in force for the employer's size,
    E-9 nationality); `routes` the work routes evaluated with the offer."""

    opens_route: bool | None
    summary: str
    criteria: tuple[CriterionResult, ...]
    routes: tuple[PathwayResult, ...]
    salary_threshold_krw: int | None
    uncertain: bool
    sources: tuple[SourceRef, ...] = field(default=())
