"""Writing the audit log: the one function every app calls."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Replace

from ideabank.lib.proxy import client_ip

from .models import AuditEvent

Kind = AuditEvent.Kind


def label(user):
    """How a person is named in the log: their name, or their email address if none;
    once their account is closed, as the rest of the site names them."""
    if user is None or not user.is_authenticated:
        return ""
    if user.is_closed:
        return user.display_name
    return str(user)[:200]


def person_named_by(subject):
    """The person a subject is or belongs to (a membership, a request to join), or None."""
    person = getattr(subject, "user", subject)
    return person if isinstance(person, get_user_model()) else None


@transaction.atomic
def forget_person(*, person, names):
    """Take a closed account's `names` (their name, their email addresses) out of every
    row that names them, writing the label of a closed account in their place; the
    rows stay, with who, what, when and the council."""
    closed = label(person)
    AuditEvent.objects.filter(actor=person).update(actor_label=closed)
    subject = F("subject")
    # The longest first: a name may be part of an email address.
    for name in sorted({name for name in names if name}, key=len, reverse=True):
        subject = Replace(subject, Value(name), Value(closed))
    AuditEvent.objects.filter(subject_person=person).update(subject=subject)


def council_of(user):
    """The person's council now, or None (read through the reverse accessor:
    audit may not import councils)."""
    membership = getattr(user, "membership", None) if user is not None else None
    return membership.council if membership is not None else None


def record(kind, *, actor=None, council=None, subject="", detail="", request=None):
    """Write one audit row: what happened, who did it, to whom or what, in which
    council (id and name at the time) and from which address.

    `actor` defaults to the person signed in on `request`. Call it inside the
    action's transaction where there is one, so that a rolled-back action leaves
    no row.
    """
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if actor is not None and not actor.is_authenticated:
        actor = None
    subject_person = person_named_by(subject)
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_label=label(actor),
        subject=(label(subject) if subject is subject_person else str(subject))[:200],
        subject_person=subject_person,
        detail=str(detail)[:200],
        council_id=council.pk if council is not None else None,
        council_name=str(council.short_name)[:200] if council is not None else "",
        ip_address=client_ip(request) if request is not None else None,
    )
