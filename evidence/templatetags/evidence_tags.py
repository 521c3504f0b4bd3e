from django import template
from django.contrib.auth.models import AnonymousUser

from ..models import EvidenceFile
from ..permissions import can_attach_to_outcome, can_attach_to_pilot, can_remove, uploader_label

register = template.Library()


@register.inclusion_tag("evidence/_file_list.html", takes_context=True)
def evidence_files(context, pilot, outcome=None):
    """The files on a pilot (or on its outcome) for the person viewing, and whether they
    may add one or remove them. The page's view has already fetched `pilot` through
    `visible_to`."""
    request = context.get("request")
    user = request.user if request is not None else AnonymousUser()
    files = []
    # The pilot page's query says whether the pilot has any (evidence/receivers.py).
    if outcome is not None or getattr(pilot, "has_evidence_files", True):
        files = list(
            EvidenceFile.objects.listed()
            .filter(pilot=pilot, outcome=outcome)
            .select_related("uploaded_by__membership")
        )
    for evidence in files:
        evidence.pilot = pilot  # already loaded, with its council, by the page's view
    if outcome is None:
        can_attach = can_attach_to_pilot(user, pilot)
    else:
        can_attach = can_attach_to_outcome(user, outcome)
    return {
        "rows": [{"file": f, "uploaded_by": uploader_label(user, f)} for f in files],
        "can_attach": can_attach,
        # Every file in the list is on the same pilot: one answer holds for all of them.
        "can_remove": bool(files) and can_remove(user, files[0]),
        "pilot": pilot,
        "outcome": outcome,
    }
