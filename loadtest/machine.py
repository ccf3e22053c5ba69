"""How fast the machine running a load test is, so that figures from two machines, or from one
machine on two days, can be read side by side: a page's milliseconds mean little without it.

The figure is the milliseconds a loop of a million additions takes in pure Python (the median
of three), taken when the run starts and when it ends. It imports nothing of locust (which patches
the standard library as it loads) and nothing of Django.
"""

import os
import statistics
import time
from typing import Any

ADDITIONS = 1_000_000


def python_loop_ms() -> float:
    """Milliseconds a million additions take in a pure-Python loop (the median of three)."""
    taken = []
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(ADDITIONS):
            total += i
        taken.append(time.perf_counter() - started)
    return round(1000 * statistics.median(taken), 1)


def machine_line(machine: dict[str, Any] | None, *, label: str = "machine") -> str:
    """The report's line about the machine ("" for a run that did not measure it)."""
    if not machine:
        return ""
    return (
        f"{label}: a million additions in pure Python took {machine['python_ms_start']} ms "
        f"as the run started, {machine['python_ms_end']} ms as it ended; "
        f"{machine['cores']} cores"
    )


def machine_start() -> dict[str, Any]:
    return {"python_ms_start": python_loop_ms(), "cores": os.cpu_count()}
