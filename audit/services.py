"""Writing the audit log: the one function every app calls."""

from ideabank.lib.proxy import client_ip

from .models import AuditEvent

Kind = AuditEvent.Kind


def label(user):
    """How a person is named in the log: their name, or their email address if none."""
    if user is None or not user.is_authenticated:
        return ""
    return str(user)[:200]


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
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_label=label(actor),
        subject=str(subject)[:200],
        detail=str(detail)[:200],
        council_id=council.pk if council is not None else None,
        council_name=str(council.short_name)[:200] if council is not None else "",
        ip_address=client_ip(request) if request is not None else None,
    )
