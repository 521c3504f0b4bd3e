"""Which changes make the cached browse sections (explore/sections.py) out of date.

Workflow verbs change a status with a conditional UPDATE, which sends no
signal; each verb also records an event, which does.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from councils.models import Council, Partnership
from ideas.models import Idea, IdeaEvent, Theme
from outcomes.models import Outcome
from pilots.models import Pilot, PilotEvent

from .sections import content_changed

LISTED = [Idea, IdeaEvent, Pilot, PilotEvent, Outcome, Theme, Council, Partnership]
LISTED_LINKS = [Idea.themes.through, Pilot.themes.through, Partnership.councils.through]


def person_changed(sender, update_fields=None, **kwargs):
    """A person's name shows on the ideas they wrote; signing in changes nothing listed."""
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    content_changed(sender, **kwargs)


def connect():
    for model in LISTED:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"explore-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"explore-del-{model}")
    for through in LISTED_LINKS:
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"explore-{through}")
    post_save.connect(person_changed, sender=get_user_model(), dispatch_uid="explore-person")
