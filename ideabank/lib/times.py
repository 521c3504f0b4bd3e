"""Times as the site writes them for people, in the GOV.UK style, in the active time zone.

One rule for pages and emails: the `govuk_datetime` template filter (ideas/templatetags/
idea_tags.py) and the messages that name a time (pilots/conversations.py) both use it.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def clock_time(moment):
    """ "7pm", "7:05pm", "12pm" (midday), "12am" (midnight): no leading zero, no ":00"."""
    local = timezone.localtime(moment)
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def date_and_time(moment):
    """ "7 December 2026 at 7:31pm"."""
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {
        "date": date_format(local, "j F Y"),
        "time": clock_time(local),
    }
