"""Three-valued tests of the criteria DSL: True (met), False (not met), None (cannot tell).

A group of "all" is False when any member is False, True when all are True, else None; "any" is
True when a member is True, False when all are False, else None (Kleene logic). So a fact the
person did not give never makes a route open, and never rules it out.

Comparisons work on intervals: a fact known only within bounds (`Range`) or a requirement not
settled for the day (a salary rule between two notices) decides only when the whole interval
is on one side.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from visas.rules.factview import UNKNOWN, Range, visa_matches
from visas.rules.references import PartialList

Tri = bool | None
_NUMERIC = (int, float)


def all_of(results: Iterable[Tri]) -> Tri:
    unknown = False
    for result in results:
        if result is False:
            return False
        if result is None:
            unknown = True
    return None if unknown else True


def any_of(results: Iterable[Tri]) -> Tri:
    unknown = False
    for result in results:
        if result is True:
            return True
        if result is None:
            unknown = True
    return None if unknown else False


def negate(result: Tri) -> Tri:
    return None if result is None else not result


def compare(field: str, op: str, actual: Any, required: Any) -> Tri:
    """Whether `actual` (a fact) satisfies `op required`."""
    if actual is UNKNOWN:
        return None
    if op == "true":
        return actual if isinstance(actual, bool) else None
    if op == "false":
        return (not actual) if isinstance(actual, bool) else None
    if required is UNKNOWN:
        return None
    if field == "status.current_visa" and isinstance(actual, str):
        return _compare_status(op, actual, required)
    if op in ("in", "not_in"):
        found = _member(actual, required)
        return found if op == "in" else negate(found)
    if op in ("eq", "ne"):
        same = _equal(actual, required)
        return same if op == "eq" else negate(same)
    if op == "between" and isinstance(required, Sequence) and len(required) == 2:
        return all_of((_order("gte", actual, required[0]), _order("lte", actual, required[1])))
    return _order(op, actual, required)


def _bounds(value: Any) -> tuple[float, float] | None:
    if isinstance(value, Range):
        return value.lo, value.hi
    if isinstance(value, _NUMERIC) and not isinstance(value, bool):
        return value, value
    return None


def _order(op: str, actual: Any, required: Any) -> Tri:
    have, need = _bounds(actual), _bounds(required)
    if have is None or need is None:
        return None
    (a_lo, a_hi), (r_lo, r_hi) = have, need
    if op == "gte":
        return True if a_lo >= r_hi else False if a_hi < r_lo else None
    if op == "gt":
        return True if a_lo > r_hi else False if a_hi <= r_lo else None
    if op == "lte":
        return True if a_hi <= r_lo else False if a_lo > r_hi else None
    if op == "lt":
        return True if a_hi < r_lo else False if a_lo >= r_hi else None
    return None


def _equal(actual: Any, required: Any) -> Tri:
    if isinstance(actual, Range) or isinstance(required, Range):
        return all_of((_order("gte", actual, required), _order("lte", actual, required)))
    if isinstance(actual, str) and isinstance(required, str):
        return actual.upper() == required.upper()
    return bool(actual == required)


def _member(actual: Any, required: Any) -> Tri:
    if isinstance(required, PartialList):
        return True if str(actual).upper() in required.members else None
    if isinstance(required, Sequence) and not isinstance(required, str):
        return any_of(_equal(actual, option) for option in required)
    return None


def _compare_status(op: str, actual: str, required: Any) -> Tri:
    listed = (
        required if isinstance(required, Sequence) and not isinstance(required, str) else [required]
    )
    found = any_of(visa_matches(actual, str(code)) for code in listed)
    return found if op in ("eq", "in") else negate(found)


def condition_holds(condition: Any, view: dict[str, Any], resolve: Callable[[Any], Any]) -> Tri:
    """A points-row condition: {"field", "op", "value"}, {"any": [...]} or {"all": [...]}.
    `resolve` turns a reference value ({"ref": ...}) into a number."""
    if "any" in condition:
        return any_of(condition_holds(part, view, resolve) for part in condition["any"])
    if "all" in condition:
        return all_of(condition_holds(part, view, resolve) for part in condition["all"])
    field = condition["field"]
    required = resolve(condition.get("value"))
    return compare(field, condition["op"], view.get(field, UNKNOWN), required)


def condition_fields(condition: Any) -> set[str]:
    if "any" in condition or "all" in condition:
        return {
            f for part in condition.get("any", condition.get("all")) for f in condition_fields(part)
        }
    return {condition["field"]}


Test = Callable[[Any], Tri]


def make_test(field: str, op: str, required: Any) -> Test:
    """`compare` specialised for one criterion: the common cases skip the generic checks."""
    plain_number = isinstance(required, _NUMERIC) and not isinstance(required, bool)
    if op == "true":
        return lambda actual: actual if actual is True or actual is False else None
    if op == "false":
        return lambda actual: (not actual) if actual is True or actual is False else None
    if plain_number and op in _FAST_ORDER:
        check = _FAST_ORDER[op]

        def ordered(actual: Any) -> Tri:
            kind = type(actual)
            if kind is int or kind is float:
                return check(actual, required)
            return compare(field, op, actual, required)

        return ordered
    if op == "in" and field != "status.current_visa" and _all_text(required):
        members = frozenset(str(value).upper() for value in required)

        def member(actual: Any) -> Tri:
            if type(actual) is str:
                return actual.upper() in members
            return compare(field, op, actual, required)

        return member
    return lambda actual: compare(field, op, actual, required)


_FAST_ORDER: dict[str, Callable[[float, float], bool]] = {
    "gte": lambda a, r: a >= r,
    "gt": lambda a, r: a > r,
    "lte": lambda a, r: a <= r,
    "lt": lambda a, r: a < r,
}


def _all_text(values: Any) -> bool:
    return isinstance(values, list | tuple) and all(isinstance(v, str) for v in values)
