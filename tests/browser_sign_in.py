"""Signing in through the real sign-in page in a browser test: password, then (for staff) the
authenticator app's code."""

from tests import factories


def browser_sign_in(page, email: str, totp_secret: str | None = None) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", factories.PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    if totp_secret is not None:
        page.fill("input[name=code]", factories.totp_code(totp_secret))
        with page.expect_navigation():
            page.press("input[name=code]", "Enter")
