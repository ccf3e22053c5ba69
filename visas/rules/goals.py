"""What the person wants to do in Korea, and the one-paragraph answer an adviser would give.

The guidance lists every route; the headline says first what matters for the person's goal:
the route to work on, or, when no route fits the goal, that plainly, with what stands in the
way and what would change it.
"""

from collections.abc import Mapping, Sequence
from typing import Final, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from visas.rules.labels import either
from visas.rules.results import ELIGIBLE, ELIGIBLE_ONCE, NOT_OPEN, PathwayResult
from visas.rules.summaries import lower_first
from visas.rules.wording import Words


class Goal(NamedTuple):
    words: Words  # "factory, farm or shipyard work" (lazy: str() it when read)
    routes: tuple[str, ...]  # the routes that lead to it, most direct first


GOALS: Final[Mapping[str, Goal]] = {
    "professional": Goal(
        gettext_lazy("professional or engineering work"),
        ("E-7-1", "F-2 (Top-Tier)", "E-7-4", "D-10-1", "F-2-7"),
    ),
    "factory": Goal(gettext_lazy("factory, farm or shipyard work"), ("E-9", "E-7-4")),
    "study": Goal(gettext_lazy("study in Korea"), ("D-2", "D-4-1")),
}
GOAL_CHOICES: Final = tuple(GOALS)


def goal_routes(goal: str) -> tuple[str, ...]:
    return GOALS[goal].routes if goal in GOALS else ()


def headline(
    results: Sequence[PathwayResult], goal: str, names: Mapping[str, str] | None = None
) -> str:
    """The answer in one paragraph: for the goal if one is given, else for the first route (the
    results are in realistic order already). Each sentence is worded whole, in the active
    language."""
    if goal in GOALS:
        wanted = GOALS[goal]
        fitting = [r for r in results if r.code in wanted.routes and r.verdict != NOT_OPEN]
        if not fitting:
            closed = [r for r in results if r.code in wanted.routes]
            why = " ".join(r.summary for r in closed[:2])
            others = [r.code for r in results if r.verdict != NOT_OPEN][:3]
            rest = (
                # Translators: %(codes)s lists visa codes, e.g. "D-10-1, D-2".
                _("Routes that stay open to you: %(codes)s; see below.")
                % {"codes": ", ".join(others)}
                if others
                else _("With these answers no other route is open either.")
            )
            # Translators: %(goal)s is what the person wants to do, e.g. "study in Korea".
            first = _("No route for %(goal)s is open to you.") % {"goal": wanted.words}
            return f"{first} {why} {rest}"
        return _route_line(fitting[0], str(wanted.words), names or {})
    if not results or results[0].verdict == NOT_OPEN:
        return _(
            "With these answers no route is open to you. Each route below says what stands in "
            "the way; a job offer, a degree in Korea or Korean (TOPIK) open most of them."
        )
    return _route_line(results[0], "", names or {})


def _opening(route: str, goal: str, *, eligible: bool) -> str:
    words = {"route": route, "goal": goal}
    if eligible and goal:
        return (
            _("For %(goal)s, your route is %(route)s: you meet every condition the rules state.")
            % words
        )
    if eligible:
        return (
            _("Your most realistic route is %(route)s: you meet every condition the rules state.")
            % words
        )
    # Translators: %(goal)s is what the person wants to do; %(route)s a visa, "E-9 (...)".
    return (
        _("For %(goal)s, your route is %(route)s.") % words
        if goal
        else (_("Your most realistic route is %(route)s.") % words)
    )


def _route_line(route: PathwayResult, goal: str, names: Mapping[str, str]) -> str:
    # Translators: a visa's code and name, e.g. "E-7-1 (Professional)".
    name = _("%(code)s (%(name)s)") % {
        "code": route.code,
        "name": names.get(route.code) or route.name,
    }
    if route.verdict == ELIGIBLE:
        return _opening(name, goal, eligible=True)
    assert route.verdict == ELIGIBLE_ONCE
    opening = _opening(name, goal, eligible=False)
    steps = [step.action for step in route.next_steps if step.opens_route][:2]
    first = ""
    if steps:
        # Translators: %(steps)s is one or two things to do, joined by "or".
        first = " " + _("What to do first: %(steps)s.") % {
            "steps": either([lower_first(s) for s in steps])
        }
    if not route.closest_way:
        return f"{opening} {route.summary}{first}"
    others = ""
    if route.other_open:
        others = " " + ngettext(
            "%(count)s other condition of the job, the employer or your record is to be met or "
            "confirmed: see %(code)s below.",
            "%(count)s other conditions of the job, the employer or your record are to be met "
            "or confirmed: see %(code)s below.",
            route.other_open,
        ) % {"count": route.other_open, "code": route.code}
    if steps:  # the steps say what is still needed, and how
        return f"{opening}{first}{others}"
    # Translators: %(needed)s names the closest ways to qualify and what they still need.
    needed = _("What you still need: %(needed)s.") % {"needed": route.closest_way}
    return f"{opening} {needed}{first}{others}"
