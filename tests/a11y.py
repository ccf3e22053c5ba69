"""axe-core (the copy bundled by axe-playwright-python) run inside the Playwright browser tests.

`axe_check(page)` checks the page as it is, at 1280 px and at 390 px wide, against the WCAG 2.2
A/AA rules, and fails on any serious or critical violation with the rule, its targets and the
page. Each page (its path, with ids folded, so /jobs/7/ and /jobs/9/ are one page) is checked
once per width in a test session, which keeps the browser tests' run time down.

The script goes in through `page.evaluate`, which runs over the DevTools protocol: the page's
Content-Security-Policy does not apply to it, so the policy stays on (no `bypass_csp`) and the
suite still sees anything the pages' own scripts or styles get blocked for.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
SKIPPED = ("/admin/",)  # Django's own admin, for staff: not our markup
WIDTHS = {1280: 900, 390: 844}

# AXE_REPORT=<file>: write every violation found to the file instead of failing (for a survey).
REPORT = os.environ.get("AXE_REPORT")

# (page, width) pairs already checked in this test session.
checked: set[tuple[str, int]] = set()

_RUN = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}"""


def page_key(url: str) -> str:
    """The page a URL shows: its path, with numbers and tokens folded."""
    path = urlsplit(url).path
    path = re.sub(r"/\d+(?=/)", "/<id>", path)
    return re.sub(r"/[A-Za-z0-9_:-]{20,}(?=/)", "/<token>", path)


def was_checked(key: str) -> bool:
    return key.startswith(SKIPPED) or all((key, width) in checked for width in WIDTHS)


def axe_violations(page: object) -> list[dict[str, object]]:
    """Serious and critical WCAG 2.2 A/AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
        page.evaluate(AXE_SCRIPT)  # type: ignore[attr-defined]
    found = page.evaluate(_RUN, WCAG_TAGS)  # type: ignore[attr-defined]
    return [v for v in found if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, object]], url: str, width: int) -> str:
    lines = [f"axe: {len(violations)} serious/critical violation(s) on {url} at {width} px:"]
    for v in violations:
        targets = ", ".join(v["targets"][:5])  # type: ignore[index]
        lines.append(f"  - {v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


def axe_check(page: object, *, force: bool = False) -> None:
    """Check the page at both widths (once per page and width in the session, unless `force`),
    then put the viewport back as it was."""
    url = page.url  # type: ignore[attr-defined]
    key = page_key(url)
    if key.startswith(SKIPPED):
        return
    todo = [w for w in WIDTHS if force or (key, w) not in checked]
    if not todo:
        return
    before = page.viewport_size  # type: ignore[attr-defined]
    failures = []
    for width in todo:
        if before is None or before["width"] != width:
            page.set_viewport_size({"width": width, "height": WIDTHS[width]})  # type: ignore[attr-defined]
        violations = axe_violations(page)
        checked.add((key, width))
        if violations:
            failures.append(describe(violations, url, width))
    if before is not None and page.viewport_size != before:  # type: ignore[attr-defined]
        page.set_viewport_size(before)  # type: ignore[attr-defined]
    if REPORT:
        with Path(REPORT).open("a") as out:
            out.write(f"{key} checked at {todo}\n" + "".join(f + "\n" for f in failures))
        return
    assert not failures, "\n".join(failures)
