"""A route's result in a sentence: open, open once something is met, or not open, and why."""

from functools import reduce

from django.utils.translation import gettext as _

from visas.rules.explain import TreeOutcome
from visas.rules.labels import either
from visas.rules.logic import Tri
from visas.rules.results import ELIGIBLE, NOT_OPEN, NextStep, Verdict


def summary(
    code: str, verdict: Verdict, met: Tri, outcome: TreeOutcome, steps: list[NextStep]
) -> str:
    if verdict == ELIGIBLE:
        return _("You meet every condition for %(code)s that the rules state.") % {"code": code}
    reason = outcome.blockers[0] if outcome.blockers else _("a condition is not met")
    if verdict == NOT_OPEN:
        # Translators: %(reason)s says which condition is not met.
        return _("%(code)s is not open to you: %(reason)s.") % {"code": code, "reason": reason}
    opening = [lower_first(step.action) for step in steps if step.opens_route]
    if met is False and opening:
        # Translators: %(steps)s lists what to do, e.g. "reach TOPIK level 4 and ...".
        return _("%(code)s is not open yet (%(reason)s); it opens once you %(steps)s.") % {
            "code": code,
            "reason": reason,
            "steps": both(opening),
        }
    items = list(outcome.open_items)
    if opening and outcome.closest_item >= 0:  # the ways to qualify that the steps reach
        items[outcome.closest_item] = _quickest(outcome, opening)
        opening = []
    listed = "; ".join(items[:3]) if items else _("conditions the facts given cannot show")
    if len(items) > 3:
        # Translators: %(listed)s: the first three conditions; %(more)s: how many others.
        listed = _("%(listed)s (and %(more)s more)") % {"listed": listed, "more": len(items) - 3}
    if opening:
        return _(
            "%(code)s is open to you once these are met or confirmed: %(listed)s; "
            "a next step: %(step)s."
        ) % {"code": code, "listed": listed, "step": opening[0]}
    return _("%(code)s is open to you once these are met or confirmed: %(listed)s.") % {
        "code": code,
        "listed": listed,
    }


def both(steps: list[str]) -> str:
    """Steps that are all needed: "a and b and c" in the active language."""
    return reduce(_and, steps)


def _and(first: str, then: str) -> str:
    # Translators: two things to do that are both needed.
    return _("%(first)s and %(then)s") % {"first": first, "then": then}


def lower_first(text: str) -> str:
    """A sentence's first letter in lower case, to continue another sentence with it."""
    return text[:1].lower() + text[1:]


def _quickest(outcome: TreeOutcome, opening: list[str]) -> str:
    """The choice of ways to qualify, said by the quickest steps that reach one."""
    # Translators: %(steps)s is one or two things to do, joined by "or".
    return _("one of %(count)s ways to qualify, the quickest for you: %(steps)s") % {
        "count": outcome.closest_of,
        "steps": either(opening[:2]),
    }
