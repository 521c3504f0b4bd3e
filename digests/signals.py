"""Receivers for signals from below: closing an account forgets its digest settings."""

from django.dispatch import receiver

from accounts.signals import account_closing

from .models import DigestDelivery, DigestPreference


@receiver(account_closing, dispatch_uid="digests.forget_digests_on_account_closing")
def forget_digests_on_account_closing(sender, person, **kwargs):
    """Delete the person's digest settings and unsent digests; keep the sent ones' record."""
    DigestPreference.objects.filter(user=person).delete()
    deliveries = DigestDelivery.objects.filter(user=person)
    deliveries.exclude(status=DigestDelivery.Status.SENT).delete()
    deliveries.update(last_error="")  # a mail server's refusal may quote their address
