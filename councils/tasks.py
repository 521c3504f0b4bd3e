from celery import shared_task
from django.conf import settings
from django.db import transaction

from outbox.services import enqueue_email

from .models import MembershipRequest
from .sso.services import suspend_dormant_people


@shared_task
@transaction.atomic
def email_membership_request(request_id):
    """Tell the people who decide on a request to join a council that it is waiting."""
    membership_request = MembershipRequest.objects.select_related("user", "council").get(
        pk=request_id
    )
    if membership_request.status != MembershipRequest.Status.PENDING:
        return {"sent": 0}
    council = membership_request.council
    as_platform_admin = not council.has_council_admin()
    sent = 0
    for person in council.request_deciders().order_by("pk"):
        context = {
            "person": person,
            "membership_request": membership_request,
            "council": council,
            "as_platform_admin": as_platform_admin,
        }
        enqueue_email(
            "membership_request",
            context,
            to=person.email,
            key=f"membership_request:{membership_request.pk}",
        )
        sent += 1
    return {"sent": sent}


@shared_task
@transaction.atomic
def email_membership_decision(request_id):
    """Tell the person who asked to join a council what was decided, and what they can do next."""
    membership_request = (
        MembershipRequest.objects.select_related("user", "council").filter(pk=request_id).first()
    )
    # Gone (their account was closed) or, somehow, not decided: there is nothing to tell.
    if membership_request is None or membership_request.status == MembershipRequest.Status.PENDING:
        return {"sent": 0}
    context = {
        "person": membership_request.user,
        "council": membership_request.council,
        "approved": membership_request.status == MembershipRequest.Status.APPROVED,
        "support_email": settings.SUPPORT_EMAIL,
    }
    queued = enqueue_email(
        "membership_decided",
        context,
        to=membership_request.user.email,
        key=f"membership_decided:{membership_request.pk}",
    )
    return {"sent": int(queued is not None)}


@shared_task
def suspend_dormant_council_sign_ins():
    """Suspend people whose council sign-in has not been used for IDEABANK_SSO_DORMANT_DAYS."""
    days = settings.IDEABANK_SSO_DORMANT_DAYS
    if not days:
        return "off"
    return f"suspended {suspend_dormant_people(days=days)}"
