"""What the person wants to do in Korea, and the one-paragraph answer an adviser would give.

The guidance lists every route; the headline says first what matters for the person's goal:
the route to work on, or, when no route fits the goal, that plainly, with what stands in the
way and what would change it.
"""

from collections.abc import Mapping, Sequence
from typing import Final, NamedTuple

from visas.rules.results import ELIGIBLE, ELIGIBLE_ONCE, NOT_OPEN, PathwayResult


class Goal(NamedTuple):
    words: str  # "factory, farm or shipyard work"
    routes: tuple[str, ...]  # the routes that lead to it, most direct first


GOALS: Final[Mapping[str, Goal]] = {
    "professional": Goal(
        "professional or engineering work",
        ("E-7-1", "F-2 (Top-Tier)", "E-7-4", "D-10-1", "F-2-7"),
    ),
    "factory": Goal("factory, farm or shipyard work", ("E-9", "E-7-4")),
    "study": Goal("study in Korea", ("D-2", "D-4-1")),
}
GOAL_CHOICES: Final = tuple(GOALS)


def goal_routes(goal: str) -> tuple[str, ...]:
    return GOALS[goal].routes if goal in GOALS else ()


def headline(results: Sequence[PathwayResult], goal: str) -> str:
    """The answer in one paragraph: for the goal if one is given, else for the first route (the
    results are in realistic order already)."""
    if goal in GOALS:
        wanted = GOALS[goal]
        fitting = [r for r in results if r.code in wanted.routes and r.verdict != NOT_OPEN]
        if not fitting:
            closed = [r for r in results if r.code in wanted.routes]
            why = " ".join(r.summary for r in closed[:2])
            others = [r.code for r in results if r.verdict != NOT_OPEN][:3]
            rest = (
                f" Routes that stay open to you: {', '.join(others)}; see below."
                if others
                else " With these answers no other route is open either."
            )
            return f"No route for {wanted.words} is open to you. {why}{rest}"
        return _route_line(fitting[0], f"For {wanted.words}, your route is")
    if not results or results[0].verdict == NOT_OPEN:
        return (
            "With these answers no route is open to you. Each route below says what stands in "
            "the way; a job offer, a degree in Korea or Korean (TOPIK) open most of them."
        )
    return _route_line(results[0], "Your most realistic route is")


def _route_line(route: PathwayResult, opening: str) -> str:
    name = f"{route.code} ({route.name})"
    if route.verdict == ELIGIBLE:
        return f"{opening} {name}: you meet every condition the rules state."
    assert route.verdict == ELIGIBLE_ONCE
    steps = [step.action for step in route.next_steps if step.opens_route][:2]
    first = (
        f" What to do first: {' or '.join(s[0].lower() + s[1:] for s in steps)}." if steps else ""
    )
    if not route.closest_way:
        return f"{opening} {name}. {route.summary}{first}"
    others = (
        f" {route.other_open} other condition{'s' if route.other_open > 1 else ''} of the job, "
        f"the employer or your record {'are' if route.other_open > 1 else 'is'} to be met or "
        f"confirmed: see {route.code} below."
        if route.other_open
        else ""
    )
    if steps:  # the steps say what is still needed, and how
        return f"{opening} {name}.{first}{others}"
    return f"{opening} {name}. What you still need: {route.closest_way}.{first}{others}"
