"""`python -m loadtest --base-url URL --fixture FILE`: the site's speed, page by page and by role.

Three phases against a site someone else started (`make loadtest` starts one on gunicorn):

1. single: one client asks for each page in turn for `--single-seconds`: the server time of
   a request alone (p50/p95/p99; on the loopback the network adds well under a millisecond),
   against the page's budget;
2. load: `--users` clients ask for each page at once for `--seconds`: requests per second,
   latency, errors, and the share of /healthz's throughput in the same run;
3. roles: visitors, graduates, employers and API clients together (`loadtest/client.py`).

The fixture (`manage.py loadtest_prepare`) holds the sessions, tokens and ids. `--json` writes
the figures; `--baseline` prints an earlier run's beside them. The report starts with how fast
the machine was as the run started and ended (`loadtest.machine`), the baseline's too.
"""

import argparse
import json
import statistics
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any

import gevent
from locust import events
from locust.env import Environment

from loadtest.client import fixture_load, page_user, roles_with
from loadtest.machine import machine_line, machine_start, python_loop_ms
from loadtest.pages import PAGES, PAGES_BY_NAME, Fixture, Page

WARM_UP_SECONDS = 1.0  # each run's first second is not counted (`--warm-up`)


@dataclass
class Figures:
    requests: int
    per_second: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    errors: int
    kb: float  # average response size as sent (compressed)
    first_error: str = ""


def _percentile(ordered: list[float], share: float) -> float | None:
    if not ordered:
        return None
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def _bytes_sent(response: Any, length: int | None) -> int:
    """What came over the wire: the Content-Length the server sent (the compressed size of a
    compressed page), or, without one, the body's length as locust reports it (decompressed)."""
    headers = getattr(response, "headers", None)
    sent = headers.get("content-length") if headers is not None else None
    return int(sent) if sent is not None and str(sent).isdigit() else length or 0


def _drive(
    users: list[type], count: int, seconds: float, base_url: str, warm_up: float = WARM_UP_SECONDS
) -> dict[str, Figures]:
    """Run `count` users of `users` for `seconds` after a warm-up; figures by request name."""
    times: dict[str, list[float]] = {}
    sizes: dict[str, list[int]] = {}
    errors: dict[str, list[str]] = {}
    recording = [False]

    def on_request(name: str, response_time: float, response_length: int, exception: Any,
                   **kwargs: Any) -> None:  # fmt: skip
        if not recording[0]:
            return
        if exception is not None:
            errors.setdefault(name, []).append(str(exception))
        else:
            times.setdefault(name, []).append(response_time)
            sizes.setdefault(name, []).append(_bytes_sent(kwargs.get("response"), response_length))

    env = Environment(user_classes=users, host=base_url, events=events)
    events.request.add_listener(on_request)
    try:
        runner = env.create_local_runner()
        runner.start(count, spawn_rate=count)
        gevent.sleep(warm_up)
        recording[0], started = True, time.monotonic()
        gevent.sleep(seconds)
        recording[0], wall = False, time.monotonic() - started
        runner.quit()
    finally:
        events.request.remove_listener(on_request)
    figures = {}
    for name in sorted(set(times) | set(errors)):
        ordered = sorted(times.get(name, []))
        failures = errors.get(name, [])
        figures[name] = Figures(
            requests=len(ordered),
            per_second=round(len(ordered) / wall, 1),
            p50_ms=_percentile(ordered, 0.50),
            p95_ms=_percentile(ordered, 0.95),
            p99_ms=_percentile(ordered, 0.99),
            errors=len(failures),
            kb=round(statistics.fmean(sizes[name]) / 1024, 1) if sizes.get(name) else 0.0,
            first_error=failures[0] if failures else "",
        )
    return figures


def _settle(base: str) -> None:
    """Wait until the site answers /healthz quickly again: the requests still queued from the
    page before (the clients stop, the server does not) must not count against the next one."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=30) as answer:  # noqa: S310
                answer.read()
        except OSError:
            pass
        if time.monotonic() - started < 0.02:
            return
        gevent.sleep(0.2)


def _per_page(
    pages: list[Page], fx: Fixture, base: str, users: int, seconds: float, warm_up: float
) -> dict[str, Figures]:
    result = {}
    for page in pages:
        _settle(base)
        figures = _drive([page_user(page, fx)], users, seconds, base, warm_up).get(page.name)
        result[page.name] = figures or Figures(0, 0.0, None, None, None, 0, 0.0, "no answer")
        _say(f"  {page.name:30} {_line(result[page.name])}")
    return result


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _line(f: Figures) -> str:
    return (
        f"{f.requests:6} req  {f.per_second:7.1f}/s  p50 {f.p50_ms!s:>6}  p95 {f.p95_ms!s:>6}  "
        f"p99 {f.p99_ms!s:>6}  errors {f.errors}"
    )


def _cell(value: Any, width: int = 7) -> str:
    return f"{'-' if value is None else value!s:>{width}}"


def _share(load: dict[str, Any] | None, ceiling: float | None) -> str:
    if not load or not ceiling or not load["per_second"]:
        return _cell(None, 8)
    return _cell("1/" + format(ceiling / load["per_second"], ".1f"), 8)


def _page_row(label: str, s: dict | None, ld: dict | None, ceiling: float | None) -> str:
    s, ld = s or {}, ld or {}
    return " ".join(
        [f"{label:30}"]
        + [_cell(s.get(key)) for key in ("p50_ms", "p95_ms", "p99_ms")]
        + [_cell(ld.get("per_second"), 9), _cell(ld.get("p95_ms"))]
        + [_cell(s.get("errors", 0) + ld.get("errors", 0), 4), _share(ld, ceiling)]
        + [_cell(ld.get("kb") or s.get("kb"), 6)]
    )


def _verdict(page: Page, s: dict | None, ld: dict | None, ceiling: float | None) -> str:
    if page.name == "healthz":
        return ""
    verdict = []
    if s and s["p95_ms"] is not None:
        verdict.append("ok" if s["p95_ms"] <= page.budget_ms else "OVER BUDGET")
    if ld and ceiling and ld["per_second"] < ceiling / 8:
        verdict.append("SLOW UNDER LOAD")
    if (s and s["errors"]) or (ld and ld["errors"]):
        verdict.append("ERRORS")
    return " ".join(verdict)


def _report(results: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    """The table: per page, single-request latency against the budget, then throughput and
    latency under load against /healthz's; an earlier run's figures under each row."""
    before = baseline or {}
    ceilings = [
        (run.get("load") or {}).get("healthz", {}).get("per_second") for run in (results, before)
    ]
    heads = [_cell(h) for h in ("p50", "p95", "p99")]
    heads += [_cell(f"req/s@{results['users']}", 9), _cell("p95"), _cell("err", 4)]
    heads += [_cell("÷healthz", 8), _cell("KB", 6), " verdict"]
    head = " ".join([f"{'page (budget ms)':30}", *heads])
    lines = [
        line
        for line in (
            machine_line(results.get("machine")),
            machine_line(before.get("machine"), label="  before"),
        )
        if line
    ]
    lines += ["single request (ms)" + " " * 30 + f"{results['users']} clients", head]
    for name, page in PAGES_BY_NAME.items():
        s, ld = results.get("single", {}).get(name), results.get("load", {}).get(name)
        if s is None and ld is None:
            continue
        label = f"{name} ({page.budget_ms})"
        lines.append(
            _page_row(label, s, ld, ceilings[0]) + "  " + _verdict(page, s, ld, ceilings[0])
        )
        old_s, old_l = before.get("single", {}).get(name), before.get("load", {}).get(name)
        if old_s or old_l:
            lines.append(_page_row("  before", old_s, old_l, ceilings[1]))
    if results.get("roles"):
        seconds = results["role_seconds"]
        lines += ["", f"Roles together ({results['users']} clients, {seconds} s):"]
        lines.append(f"{'request':30} {'req':>7} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} err")
        for name, f in sorted(results["roles"].items()):
            cells = [f["requests"], f["per_second"], f["p50_ms"], f["p95_ms"], f["p99_ms"]]
            lines.append(f"{name:30} " + " ".join(_cell(c) for c in cells) + f" {f['errors']}")
        total = sum(f["requests"] for f in results["roles"].values())
        lines.append(f"{'all':30} {total:>7} {round(total / seconds, 1):>7}")
    errors = [
        f"  {phase} {name}: {f['first_error']}"
        for phase in ("single", "load", "roles")
        for name, f in results.get(phase, {}).items()
        if f.get("first_error")
    ]
    return "\n".join(lines + (["", "First error of each page:", *errors] if errors else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--base-url", required=True, help="the running site, e.g. http://127.0.0.1:8010"
    )
    parser.add_argument("--fixture", required=True, help="the file loadtest_prepare wrote")
    parser.add_argument("--phases", default="single,load,roles", help="any of single,load,roles")
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--single-seconds", type=float, default=4.0)
    parser.add_argument("--seconds", type=float, default=8.0, help="per page, under load")
    parser.add_argument("--role-seconds", type=float, default=30.0)
    parser.add_argument("--warm-up", type=float, default=WARM_UP_SECONDS, help="seconds")
    parser.add_argument("--users", type=int, default=16, help="concurrent clients under load")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--baseline", help="an earlier --json file, printed beside")
    parser.add_argument("--fail-on-errors", action="store_true", help="exit 1 on any error")
    options = parser.parse_args(argv)

    fx = fixture_load(options.fixture)
    base = options.base_url.rstrip("/")
    names = [n for n in options.pages.split(",") if n] or [p.name for p in PAGES]
    unknown = sorted(set(names) - set(PAGES_BY_NAME))
    if unknown:
        parser.error(f"unknown pages: {', '.join(unknown)} (known: {', '.join(PAGES_BY_NAME)})")
    chosen = [PAGES_BY_NAME[n] for n in names if not PAGES_BY_NAME[n].write]
    if "healthz" not in names:
        chosen.insert(0, PAGES_BY_NAME["healthz"])
    phases = set(options.phases.split(","))
    results: dict[str, Any] = {"base_url": base, "users": options.users,
                               "role_seconds": options.role_seconds,
                               "machine": machine_start()}  # fmt: skip
    if "single" in phases:
        _say("single requests, one client:")
        results["single"] = _per_page(chosen, fx, base, 1, options.single_seconds, options.warm_up)
    if "load" in phases:
        _say(f"{options.users} clients per page:")
        results["load"] = _per_page(
            chosen, fx, base, options.users, options.seconds, options.warm_up
        )
    if "roles" in phases:
        _say(f"roles together, {options.users} clients:")
        results["roles"] = _drive(
            roles_with(fx), options.users, options.role_seconds, base, options.warm_up
        )
    results["machine"]["python_ms_end"] = python_loop_ms()
    plain = json.loads(json.dumps(results, default=asdict))
    baseline = fixture_load(options.baseline) if options.baseline else None
    sys.stdout.write(_report(plain, baseline) + "\n")
    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            json.dump(plain, handle, indent=1)
    failed = any(f["errors"] for phase in ("single", "load", "roles")
                 for f in plain.get(phase, {}).values())  # fmt: skip
    return 1 if failed and options.fail_on_errors else 0


if __name__ == "__main__":
    sys.exit(main())
