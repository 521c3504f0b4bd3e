from celery import shared_task
from django.db import transaction
from django.utils import timezone

from councils.models import Membership
from ideabank.lib.mail import send_email

from .models import Pilot


@shared_task
def notify_adoption(pilot_id):
    """Tell the source pilot's lead that another council adopted their pilot."""
    adopted = Pilot.objects.select_related("council", "adapted_from__lead").get(pk=pilot_id)
    source = adopted.adapted_from
    lead = source.lead
    if not lead.notify_pilot_adopted:
        return "off"
    # Name the adopting council only to a lead who could see its pilot anyway.
    visible = Pilot.objects.visible_to(lead).filter(pk=adopted.pk).exists()
    context = {"lead": lead, "source": source, "adopted": adopted if visible else None}
    send_email("pilot_adopted", context, to=lead.email)
    return "sent"


@shared_task
def notify_overdue_pilots():
    """Daily: claim each newly overdue pilot once and email its lead and managers."""
    claimed = 0
    overdue = Pilot.objects.awaiting_outcome(timezone.localdate()).filter(
        overdue_notified_at__isnull=True
    )
    for pilot in overdue.only("pk"):
        with transaction.atomic():
            if pilot.mark_overdue_notified():
                claimed += 1
                email_overdue_pilot.delay_on_commit(pilot.pk)
    return {"claimed": claimed}


@shared_task
def email_overdue_pilot(pilot_id):
    """The one overdue notice for a pilot, to its lead and its council's managers."""
    pilot = Pilot.objects.select_related("council", "lead__membership").get(pk=pilot_id)
    recipients = {
        membership.user
        for membership in Membership.objects.managers_of(pilot.council).select_related("user")
    }
    lead_membership = getattr(pilot.lead, "membership", None)
    if lead_membership is not None and lead_membership.council_id == pilot.council_id:
        recipients.add(pilot.lead)
    sent = 0
    for user in sorted(recipients, key=lambda user: user.pk):
        if user.notify_pilot_overdue:
            send_email("pilot_overdue", {"pilot": pilot, "person": user}, to=user.email)
            sent += 1
    return {"sent": sent}
