"""Print the demo admin's current sign-in code (its authenticator app, for the demo only)."""

import time

from allauth.mfa.totp.internal.auth import app_settings, format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from demo.logins import DEMO_STAFF, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "The demo admin's current two-step sign-in code (demo databases only)."

    def handle(self, *args: object, **options: object) -> None:
        remaining = app_settings.TOTP_PERIOD - int(time.time()) % app_settings.TOTP_PERIOD
        code = format_hotp_value(
            hotp_value(DEMO_TOTP_SECRET, int(time.time()) // app_settings.TOTP_PERIOD)
        )
        self.stdout.write(f"{code}  ({DEMO_STAFF.email}; valid {remaining} s more)")
