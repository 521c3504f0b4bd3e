"""allauth hook: a verified council email address makes its owner staff of that council."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from .services import join_council_by_email


@receiver(email_confirmed, dispatch_uid="councils.join_council_on_email_confirmed")
def join_council_on_email_confirmed(sender, request, email_address, **kwargs):
    if email_address.verified:
        join_council_by_email(user=email_address.user, email=email_address.email)
