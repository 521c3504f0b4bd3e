"""Who hears about a pilot's life by email, and what each email says.

Celery tasks (pilots/tasks.py, outcomes/tasks.py) call these after the transaction
commits. Each recipient must want that kind of email (their profile switches) and
still be able to see the pilot; people are named as `person_label` names them.
"""

from functools import partial

from django.conf import settings
from django.urls import reverse

from ideas.notifications import can_see, queue_emails, wants

from .permissions import person_label


def pilot_people(pilot):
    """The author of the pilot's idea and the pilot's lead, each once."""
    people = {pilot.lead.pk: pilot.lead}
    if pilot.idea_id:
        people.setdefault(pilot.idea.author_id, pilot.idea.author)
    return [people[pk] for pk in sorted(people)]


def recipients(people, *, switch, pilot):
    return [person for person in people if wants(person, switch) and can_see(person, pilot)]


def context(pilot, recipient, **extra):
    return {
        "pilot": pilot,
        "recipient": recipient,
        "lead_label": person_label(recipient, pilot, pilot.lead),
        "pilot_url": settings.SITE_URL + pilot.get_absolute_url(),
        "preferences_url": settings.SITE_URL + reverse("accounts:profile"),
        **extra,
    }


def send_to(people, name, pilot, *, switch, event="", **extra):
    """Queue email `name` about `pilot` for those of `people` who want it; return how many.

    Each (event, address) is queued once however often the task runs: a pilot is
    created, signed off or closed once; `event` tells repeated events apart (each
    request for sign-off).
    """
    chosen = recipients(people, switch=switch, pilot=pilot)
    key = f"{name}:{pilot.pk}:{event}" if event else None
    return queue_emails(name, pilot, chosen, partial(context, **extra), key=key)
