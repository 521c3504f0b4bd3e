"""Print the current two-factor code for the demo accounts (DEBUG only).

Managers and admins must use two-factor authentication; the demo gives them
all one known secret so a laptop demo needs no phone.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ideabank.lib.totp import PERIOD, current_code

from .load_demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code shared by the demo managers and admins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on.")
        now = int(time.time())
        seconds_left = PERIOD - now % PERIOD
        self.stdout.write(current_code(DEMO_TOTP_SECRET, at=now))
        self.stdout.write(f"(valid for about {seconds_left} more seconds)")
