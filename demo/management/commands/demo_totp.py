"""Print the current two-factor code for the demo accounts (DEBUG only).

Managers and admins must use two-factor authentication; the demo gives them
all one known secret so a laptop demo needs no phone.
"""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from .load_demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code shared by the demo managers and admins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on.")
        period = 30
        counter = int(time.time()) // period
        seconds_left = period - int(time.time()) % period
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
        self.stdout.write(f"(valid for about {seconds_left} more seconds)")
