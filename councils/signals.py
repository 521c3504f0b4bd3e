"""Receivers for signals from below: allauth (a verified council email address makes its
owner staff of that council) and accounts (closing an account takes it out of its council).
"""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from accounts.signals import account_closing

from .models import Membership, MembershipRequest
from .services import join_council_by_email


@receiver(email_confirmed, dispatch_uid="councils.join_council_on_email_confirmed")
def join_council_on_email_confirmed(sender, request, email_address, **kwargs):
    if email_address.verified:
        join_council_by_email(user=email_address.user, email=email_address.email)


@receiver(account_closing, dispatch_uid="councils.leave_council_on_account_closing")
def leave_council_on_account_closing(sender, person, **kwargs):
    """Take a closing account out of its council (refused for its last manager or admin)
    and forget its requests to join."""
    membership = Membership.objects.filter(user=person).first()
    if membership is not None:
        membership.leave()
    MembershipRequest.objects.filter(user=person).delete()
