"""Reads about the demo data set."""

from accounts.models import User


def accounts_outside_demo() -> int:
    """Accounts whose e-mail is outside the demo's example domains: a database holding any is
    not a demo or benchmark database, and the commands that write demo rows ask before going on."""
    return (
        User.objects.exclude(email__endswith=".example")
        .exclude(email__endswith="@example.com")
        .count()
    )
