"""The one outbox every email goes through (but digests, which batch on `DigestDelivery`).

Below every other app: it imports none of them and keeps the address it sends to,
so any app may queue an email here (DESIGN.md, "Runtime shape").
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(status=OutgoingEmail.Status.PENDING)


class OutgoingEmail(models.Model):
    """One rendered email to one address, for one event; sent by `outbox.tasks`."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    # What the email is about, e.g. "idea_decided:42": with the address, it makes a
    # second queueing of the same email (a task run twice) do nothing.
    key = models.CharField(max_length=200)
    to = models.EmailField(max_length=254)
    template = models.CharField(max_length=100)
    subject = models.TextField()
    text = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a send task was last due to take the row: queued, or retried after a failure.
    due_at = models.DateTimeField(default=timezone.now)
    # Set while a worker sends it; a claim older than OUTBOX_CLAIM_TIMEOUT is a dead worker's.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        constraints = [
            models.UniqueConstraint(fields=["key", "to"], name="one_email_per_event_and_address")
        ]
        indexes = [
            # The backlog, the oldest unsent email and the sweeper read only unsent rows.
            models.Index(
                fields=["created_at"],
                condition=Q(status="pending"),
                name="outbox_unsent_by_age",
            ),
            models.Index(fields=["to"], name="outbox_by_address"),
        ]

    def __str__(self):
        return f"{self.template} → {self.to} ({self.status})"
