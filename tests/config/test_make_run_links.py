"""`make run` serves on HOST:PORT, and the links in the e-mails it sends point there."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _serve_command(*assignments: str, site_url: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT"}}
    if site_url:
        env["SITE_URL"] = site_url
    printed = subprocess.run(
        ["make", "--no-print-directory", "-n", "-W", ".venv/.installed", "serve", *assignments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in printed.splitlines() if "runserver" in line][-1]


@pytest.mark.parametrize(
    ("assignments", "expected"),
    [
        ((), "SITE_URL=http://127.0.0.1:8000 "),
        (("PORT=8201",), "SITE_URL=http://127.0.0.1:8201 "),
        (("HOST=localhost", "PORT=9000"), "SITE_URL=http://localhost:9000 "),
        # served on every interface: the links use the loopback address, which answers
        (("HOST=0.0.0.0", "PORT=8300"), "SITE_URL=http://127.0.0.1:8300 "),
    ],
)
def test_email_links_follow_the_address_make_run_serves(assignments, expected):
    command = _serve_command(*assignments)
    assert command.startswith(expected)
    port = expected.rsplit(":", 1)[1].strip()
    assert command.endswith(f":{port}")


def test_a_site_url_that_is_set_wins():
    command = _serve_command("PORT=8201", site_url="https://talentbridge.example")
    assert command.startswith("SITE_URL=https://talentbridge.example ")
