"""Receivers for signals from below: allauth (a verified council email address makes its
owner staff of that council; a council sign-in is recorded), and accounts (closing an
account takes it out of its council; a council that requires its own sign-in refuses
passwords). Also the cache: a change to a partnership forgets its councils' partners.
"""

from allauth.account.signals import email_confirmed, user_logged_in
from django.db.models.signals import m2m_changed, pre_delete
from django.dispatch import Signal, receiver
from django.utils.translation import gettext as _

from accounts.signals import account_closing, password_refused

from .models import IdentityProvider, Membership, MembershipRequest, Partnership
from .services import email_domain, join_council_by_email
from .sso.services import record_sign_in
from .visibility import forget_partners

PartnershipMember = Partnership.councils.through

# Sent with `council` (or `partnership`) and `user` while its page is built; each receiver
# returns a dict of extra template context (the notifications app adds "Follow").
council_page_context = Signal()
partnership_page_context = Signal()


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


@receiver(password_refused, dispatch_uid="councils.council_requires_its_sign_in")
def council_requires_its_sign_in(sender, email, **kwargs):
    """Staff of a council that requires its own sign-in may not use a password here.

    Decided by the address's domain, not by looking the person up, so the answer is
    the same whether or not they have an account (no enumeration)."""
    identity_provider = (
        IdentityProvider.objects.filter(
            required=True, enabled=True, council__email_domains__domain=email_domain(email)
        )
        .select_related("council")
        .first()
    )
    if identity_provider is None:
        return None
    return _(
        "%(council)s staff sign in with their council account, not a password. "
        "Choose “Sign in with your council account” on the sign-in page."
    ) % {"council": identity_provider.council.short_name}


@receiver(user_logged_in, dispatch_uid="councils.record_council_sign_in")
def record_council_sign_in(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is not None:
        record_sign_in(council_slug=sociallogin.account.provider)


@receiver(m2m_changed, sender=PartnershipMember, dispatch_uid="councils.partners_changed")
def partners_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Councils joined or left a partnership (from either side, or all of them at once).

    Django sends no signal for a row of the link table saved or deleted on its own, so the
    application changes partnerships only through `Partnership.councils`."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if not reverse:
        forget_partners(partnership_ids=[instance.pk], council_ids=pk_set or ())
        return
    partnerships = pk_set or instance.partnerships.values_list("pk", flat=True)
    forget_partners(partnership_ids=list(partnerships), council_ids=[instance.pk])


@receiver(pre_delete, sender=Partnership, dispatch_uid="councils.partnership_deleted")
def partnership_deleted(sender, instance, **kwargs):
    forget_partners(partnership_ids=[instance.pk])
