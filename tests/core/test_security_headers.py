"""Every response limits what the page may load (Content-Security-Policy) and use
(Permissions-Policy); pages for a signed-in user are never cached."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = ["/", "/jobs/", "/visas/check/", "/training/", "/accounts/login/", "/api/docs/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_a_strict_content_security_policy(client: Client, path: str):
    response = client.get(path)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    if path != "/api/docs/":  # Swagger UI styles some of its elements inline
        assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_no_page_template_has_inline_script_or_style():
    """What the policy forbids must not be in the templates (e-mails are not pages)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offending = []
    for template in root.rglob("*.html"):
        if "notifications/email" in str(template):
            continue
        text = template.read_text()
        inline_style = re.search(r"\sstyle=\"|<style", text)
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or inline_style:
            offending.append(str(template.relative_to(root)))
        if re.search(r"\son[a-z]+=\"|hx-on|js:", text):
            offending.append(str(template.relative_to(root)))
    assert offending == []


def test_pages_for_a_signed_in_user_are_not_cached(graduate_client: Client, client: Client):
    assert graduate_client.get("/graduate/")["Cache-Control"] == "private, no-store"
    assert graduate_client.get("/jobs/")["Cache-Control"] == "private, no-store"
    assert "no-store" not in client.get("/jobs/").get("Cache-Control", "")  # public: cacheable
