"""Emails about published outcomes and the benefit check-ins after them, queued after commit."""

from datetime import date

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from councils.models import managers_of
from ideas.notifications import can_see
from outbox.services import enqueue_email
from pilots import notifications
from pilots.models import Pilot
from pilots.permissions import is_lead

from .models import BenefitCheckIn, Outcome


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
    # Mid-sentence in every email about it: "has closed: it did not work".
    label = str(outcome.get_verdict_display())
    verdict = label[:1].lower() + label[1:]
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
        for person in [copy.lead, *managers_of(copy.council)]:
            if person.pk not in people_pks(people):
                adopters.setdefault(person.pk, person)
    adopters = [adopters[pk] for pk in sorted(adopters)]
    sent += notifications.send_to(
        adopters, "adopted_pilot_outcome", pilot, switch="notify_adopted_outcome", verdict=verdict
    )
    return sent


def people_pks(people):
    return {person.pk for person in people}


@shared_task
def remind_benefit_check_ins(today=None):
    """Daily: ask the lead of each newly due check-in, once, what the change has saved.

    `today` is an ISO date for tests and catch-up runs. Each claim and its email
    commit together; the outbox sends after commit and never twice to one address.
    """
    today = date.fromisoformat(today) if today else timezone.localdate()
    claimed = 0
    for check_in in BenefitCheckIn.objects.awaiting_reminder(today).only("pk"):
        with transaction.atomic():
            if check_in.mark_reminded(timezone.now()):
                claimed += 1
                queue_check_in_reminder(check_in.pk)
    return {"claimed": claimed}


def queue_check_in_reminder(check_in_id):
    """The reminder goes to the lead, or, if they have left the council, to its managers."""
    check_in = BenefitCheckIn.objects.select_related(
        "outcome__pilot__council", "outcome__pilot__lead__membership"
    ).get(pk=check_in_id)
    pilot = check_in.outcome.pilot
    people = [pilot.lead] if is_lead(pilot.lead, pilot) else managers_of(pilot.council)
    queued = 0
    for person in people:
        if person.is_active and can_see(person, pilot):
            context = {"check_in": check_in, "pilot": pilot, "person": person}
            enqueue_email(
                "benefit_check_in", context, to=person.email, key=f"benefit_check_in:{check_in.pk}"
            )
            queued += 1
    return queued
