"""Gauges for monitoring (the Prometheus endpoint reads these) and the admin list."""

from django.db.models import Min
from django.utils import timezone

from .models import OutgoingEmail


def backlog():
    """How many emails are waiting to be sent."""
    return OutgoingEmail.objects.unsent().count()


def oldest_unsent_age(now=None):
    """Seconds the oldest unsent email has waited, or 0.0 if none is waiting."""
    oldest = OutgoingEmail.objects.unsent().aggregate(oldest=Min("created_at"))["oldest"]
    if oldest is None:
        return 0.0
    return max(((now or timezone.now()) - oldest).total_seconds(), 0.0)
