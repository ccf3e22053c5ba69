"""`python -m loadtest.transfer --base-url URL --fixture FILE`: bytes a graduate's browser fetches.

Each page of the graduate's catalogue (`loadtest/pages.py`, the GET pages a graduate reads) is
opened in a fresh Chromium context, signed in with a session from the fixture: a cold cache,
so the HTML, the style sheets, the scripts and any font pieces the page's text needs are all
fetched. The bytes are what came over the wire (headers and the body as sent, compressed where
it was), from Playwright's request sizes, summed over every request until the network is idle.
Chromium is Debian's (`apt-get install -y chromium`; CHROMIUM_PATH to point elsewhere).
"""

import argparse
import os
import sys
from random import Random
from typing import Any
from urllib.parse import urlsplit

from loadtest.client import fixture_load
from loadtest.pages import GRADUATE, PAGES, Fixture, Request

TARGET_KB = 60  # a graduate page on a cold cache (issue: pages that stay fast at real volume)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def page_bytes(browser: Any, base_url: str, fx: Fixture, request: Request) -> dict[str, int]:
    """What the page fetched on a cold cache, by kind (document, stylesheet, script, font...)."""
    context = browser.new_context(locale="en-US")
    host = urlsplit(base_url).hostname
    session = fx["graduates"][request.account]["session"]
    context.add_cookies([{"name": fx["session_cookie"], "value": session, "domain": host,
                          "path": "/"}])  # fmt: skip
    fetched: dict[str, int] = {}

    def finished(done: Any) -> None:
        sizes = done.sizes()
        kind = done.resource_type
        fetched[kind] = (
            fetched.get(kind, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
        )

    page = context.new_page()
    page.on("requestfinished", finished)
    page.goto(base_url + request.path, wait_until="networkidle")
    context.close()
    return fetched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--fixture", required=True)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    fx = fixture_load(args.fixture)
    rng = Random(7)
    pages = [p for p in PAGES if p.role == GRADUATE and not p.write]
    over = 0
    out = sys.stdout
    out.write(f"{'page':<28}{'KB':>8}  document  style  script  font  other\n")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for spec in pages:
            request = spec.build(fx, rng)
            if request.api:
                continue
            fetched = page_bytes(browser, args.base_url, fx, request)
            total = sum(fetched.values())
            known = ("document", "stylesheet", "script", "font")
            other = sum(v for k, v in fetched.items() if k not in known)
            parts = "  ".join(f"{fetched.get(k, 0) / 1000:8.1f}" for k in known)
            flag = "" if total <= TARGET_KB * 1000 else "  OVER"
            over += bool(flag)
            out.write(f"{spec.name:<28}{total / 1000:8.1f}  {parts}  {other / 1000:5.1f}{flag}\n")
        browser.close()
    out.write(f"{over} page(s) over {TARGET_KB} KB\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
