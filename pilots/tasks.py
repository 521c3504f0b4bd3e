from celery import shared_task
from django.db import transaction
from django.utils import timezone

from councils.models import Membership, managers_of
from outbox.services import enqueue_email

from . import notifications
from .models import Pilot


def load(pilot_id):
    return (
        Pilot.objects.select_related(
            "council", "lead__membership", "idea__author", "idea__council"
        )
        .filter(pk=pilot_id)
        .first()
    )


def notify_pilot_people(pilot_id, name):
    """Email the idea's author and the pilot's lead, each as their `notify_<name>` says."""
    pilot = load(pilot_id)
    if pilot is None:
        return 0
    people = notifications.pilot_people(pilot)
    return notifications.send_to(people, name, pilot, switch=f"notify_{name}")


@shared_task
def notify_pilot_created(pilot_id):
    """Tell the idea's author and the pilot's lead that a pilot card was started."""
    return notify_pilot_people(pilot_id, "pilot_created")


@shared_task
def notify_pilot_signed_off(pilot_id):
    """Tell the idea's author and the pilot's lead that the pilot was signed off."""
    return notify_pilot_people(pilot_id, "pilot_signed_off")


@shared_task
def notify_sign_off_requested(pilot_id):
    """Tell the managers of the pilot's council that a card waits for their sign-off."""
    pilot = load(pilot_id)
    if pilot is None or pilot.status != Pilot.Status.PLANNED:
        return 0
    managers = [m for m in managers_of(pilot.council) if m.pk != pilot.lead_id]
    return notifications.send_to(
        managers,
        "sign_off_requested",
        pilot,
        switch="notify_sign_off_requested",
        event=pilot.sign_off_requested_at.isoformat() if pilot.sign_off_requested_at else "",
    )


@shared_task
def notify_adoption(pilot_id):
    """Tell the source pilot's lead that another council adopted their pilot."""
    adopted = Pilot.objects.select_related("council", "adapted_from__lead").get(pk=pilot_id)
    source = adopted.adapted_from
    lead = source.lead
    if not lead.notify_pilot_adopted:
        return "off"
    # Council names are public; the copy's card is not, so link to it only for a lead
    # who may see it (while planned, Brent's alone).
    visible = Pilot.objects.visible_to(lead).filter(pk=adopted.pk).exists()
    context = {
        "lead": lead,
        "source": source,
        "council": adopted.council,
        "adopted_url": adopted.get_absolute_url() if visible else "",
    }
    enqueue_email("pilot_adopted", context, to=lead.email, key=f"pilot_adopted:{adopted.pk}")
    return "sent"


@shared_task
def notify_overdue_pilots():
    """Daily: claim each newly overdue pilot once and queue the emails to its lead and managers.

    The claim and the emails commit together, so a notice claimed is a notice in the
    outbox, which retries it until the mail server takes it.
    """
    claimed = 0
    overdue = Pilot.objects.awaiting_outcome(timezone.localdate()).filter(
        overdue_notified_at__isnull=True
    )
    for pilot in overdue.only("pk"):
        with transaction.atomic():
            if pilot.mark_overdue_notified():
                claimed += 1
                queue_overdue_notice(pilot.pk)
    return {"claimed": claimed}


def queue_overdue_notice(pilot_id):
    """The one overdue notice for a pilot, to its lead and its council's managers."""
    pilot = Pilot.objects.select_related("council", "lead__membership").get(pk=pilot_id)
    recipients = {
        membership.user
        for membership in Membership.objects.managers_of(pilot.council).select_related("user")
    }
    lead_membership = getattr(pilot.lead, "membership", None)
    if lead_membership is not None and lead_membership.council_id == pilot.council_id:
        recipients.add(pilot.lead)
    queued = 0
    for user in sorted(recipients, key=lambda user: user.pk):
        if user.notify_pilot_overdue:
            context = {"pilot": pilot, "person": user}
            enqueue_email("pilot_overdue", context, to=user.email, key=f"pilot_overdue:{pilot.pk}")
            queued += 1
    return queued
