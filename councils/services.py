"""Membership workflows: joining a council, requests to join, roles and removal."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CouncilEmailDomain, Membership, MembershipRequest
from .tasks import email_membership_decision, email_membership_request


def email_domain(email):
    """The part of an email address after the last "@", lowercased."""
    return email.rpartition("@")[2].strip().lower()


@transaction.atomic
def join_council_by_email(*, user, email):
    """Make `user` staff of the council that owns `email`'s domain, if they have no council yet.

    Call this only for a verified address. The domain must match exactly:
    `x.barnet.gov.uk` is not `barnet.gov.uk`. Returns the new membership or None.
    """
    domain = CouncilEmailDomain.objects.filter(
        domain__iexact=email_domain(email), council__active=True
    ).first()
    if domain is None or Membership.objects.filter(user=user).exists():
        return None
    return Membership.objects.create(
        user=user, council_id=domain.council_id, role=Membership.Role.STAFF
    )


@transaction.atomic
def change_member_role(*, membership, role):
    """Give a member a new role, keeping a council admin and a manager."""
    membership.lock_council()
    error = membership.role_change_error(role)
    if error:
        raise ValidationError(error)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, membership):
    """Take a person out of their council, keeping a council admin and a manager."""
    membership.leave()
    return membership


@transaction.atomic
def ask_to_join(*, user, council, message=""):
    """Ask `council` to add `user`, who has no council email address, and tell who decides."""
    membership_request = MembershipRequest.objects.create(
        user=user, council=council, message=message
    )
    email_membership_request.delay_on_commit(membership_request.pk)
    return membership_request


def _lock_pending(membership_request):
    locked = MembershipRequest.objects.select_for_update().get(pk=membership_request.pk)
    if locked.status != MembershipRequest.Status.PENDING:
        raise ValidationError(_("Someone has already decided on this request."))
    return locked


def _decide(membership_request, status, *, by):
    membership_request.status = status
    membership_request.decided_at = timezone.now()
    membership_request.decided_by = by
    membership_request.save(update_fields=["status", "decided_at", "decided_by"])
    email_membership_decision.delay_on_commit(membership_request.pk)
    return membership_request


@transaction.atomic
def approve_membership_request(*, membership_request, by):
    """Make the person staff of the council they asked to join, and email them."""
    membership_request = _lock_pending(membership_request)
    existing = Membership.objects.filter(user_id=membership_request.user_id).first()
    if existing is not None:
        raise ValidationError(
            _("%(person)s is already part of %(council)s. Decline this request instead.")
            % {"person": membership_request.user, "council": existing.council.short_name}
        )
    Membership.objects.create(
        user_id=membership_request.user_id,
        council_id=membership_request.council_id,
        role=Membership.Role.STAFF,
    )
    return _decide(membership_request, MembershipRequest.Status.APPROVED, by=by)


@transaction.atomic
def decline_membership_request(*, membership_request, by):
    """Turn down a request to join a council, and email the person who asked."""
    membership_request = _lock_pending(membership_request)
    return _decide(membership_request, MembershipRequest.Status.DECLINED, by=by)
