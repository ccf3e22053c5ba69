"""The guard of the commands that write demo rows or sign demo accounts in."""

from django.core.management.base import CommandError

from demo.selectors import accounts_outside_demo


def demo_database_require(*, command: str, purpose: str, yes: bool) -> None:
    """CommandError unless the database holds only demo accounts, or `yes` (--yes) says go on."""
    real = accounts_outside_demo()
    if real and not yes:
        raise CommandError(
            f"This database holds {real} accounts outside the demo's example domains: "
            f"{command} {purpose} and is for demo and benchmark databases. "
            "Add --yes to go on anyway."
        )
