"""Email notifications about published outcomes, enqueued after commit."""

from celery import shared_task

from pilots import notifications
from pilots.models import Pilot

from .models import Outcome


@shared_task
def notify_outcome_published(outcome_id):
    """Tell the idea's author and the lead that the pilot closed (or stopped early) with its
    outcome, and the councils that adopted it what it found."""
    outcome = (
        Outcome.objects.select_related(
            "pilot__council",
            "pilot__lead__membership",
            "pilot__idea__author",
            "pilot__idea__council",
        )
        .filter(pk=outcome_id)
        .first()
    )
    if outcome is None:
        return 0
    pilot = outcome.pilot
    verdict = outcome.get_verdict_display()
    if pilot.status == Pilot.Status.STOPPED_EARLY:
        name, switch = "pilot_stopped_early", "notify_pilot_stopped_early"
    else:
        name, switch = "pilot_closed", "notify_pilot_closed"
    people = notifications.pilot_people(pilot)
    sent = notifications.send_to(people, name, pilot, switch=switch, verdict=verdict)
    adopters = {}
    copies = pilot.adoptions.exclude(status=Pilot.Status.DISCARDED).select_related(
        "lead", "council"
    )
    for copy in copies:
        for person in [copy.lead, *notifications.managers_of(copy.council)]:
            if person.pk not in people_pks(people):
                adopters.setdefault(person.pk, person)
    adopters = [adopters[pk] for pk in sorted(adopters)]
    sent += notifications.send_to(
        adopters, "adopted_pilot_outcome", pilot, switch="notify_adopted_outcome", verdict=verdict
    )
    return sent


def people_pks(people):
    return {person.pk for person in people}
