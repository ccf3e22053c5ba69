"""The typical path through a route, from the data's onward paths (VisaProgression).

Before the route: the longest chain of earlier statuses leading to it, starting from D-2 (degree
study, where graduates usually start) unless the person's current status lies further back (a
D-4 language student sees D-4-1 → D-2 → ...); a chain through the person's current status wins.
After the route: the first-listed onward path, repeatedly (E-7-1 → F-2-7 → F-5-16).
"""

from collections import defaultdict
from collections.abc import Iterable

from visas.rules.factview import visa_matches
from visas.rules.records import ProgressionRule
from visas.rules.results import Progression

GRADUATE_START = "D-2"


class ProgressionMap:
    def __init__(self, edges: Iterable[ProgressionRule]) -> None:
        self.onward: dict[str, list[str]] = defaultdict(list)
        self.earlier: dict[str, list[str]] = defaultdict(list)
        for edge in sorted(edges, key=lambda e: (e.from_code, e.order, e.to_code)):
            self.onward[edge.from_code].append(edge.to_code)
            self.earlier[edge.to_code].append(edge.from_code)
        self._cache: dict[tuple[str, str], Progression] = {}

    def path(self, code: str, current_visa: str) -> Progression:
        key = (code, current_visa)
        if key not in self._cache:
            self._cache[key] = self._build(code, current_visa)
        return self._cache[key]

    def _build(self, code: str, current_visa: str) -> Progression:
        before = self._best_chain(code, current_visa)
        after = self._onward(code, seen=set(before))
        codes = (*before, *after)
        return Progression(
            codes=codes,
            current_index=_position(codes, current_visa),
            pathway_index=len(before) - 1,
        )

    def _chains_to(self, code: str, seen: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
        earlier = [c for c in self.earlier.get(code, []) if c not in seen]
        if not earlier:
            return [(code,)]
        return [
            (*chain, code)
            for previous in earlier
            for chain in self._chains_to(previous, seen | {code})
        ]

    def _best_chain(self, code: str, current_visa: str) -> tuple[str, ...]:
        chains = self._chains_to(code)
        trimmed = {_trim(chain, current_visa) for chain in chains}
        return max(
            trimmed,
            key=lambda chain: (
                _position(chain, current_visa) is not None,
                chain[0] == GRADUATE_START or code == chain[0],
                len(chain),
                chain,
            ),
        )

    def _onward(self, code: str, *, seen: set[str]) -> tuple[str, ...]:
        path: list[str] = []
        while self.onward.get(code):
            following = next((c for c in self.onward[code] if c not in seen), None)
            if following is None:
                break
            path.append(following)
            seen.add(following)
            code = following
        return tuple(path)


def _trim(chain: tuple[str, ...], current_visa: str) -> tuple[str, ...]:
    """Start at D-2 unless the person stands before it on this chain."""
    if GRADUATE_START not in chain:
        return chain
    start = chain.index(GRADUATE_START)
    mine = _position(chain, current_visa)
    return chain if mine is not None and mine < start else chain[start:]


def _position(codes: tuple[str, ...], current_visa: str) -> int | None:
    if not current_visa or current_visa == "other":
        return None
    found = None
    for index, code in enumerate(codes):
        # "F-2 (Top-Tier)" is an F-2 status: compare the status code before the bracket.
        if visa_matches(current_visa, code.split(" (")[0]) is not False:
            found = index
    return found
