from django.db import transaction
from django.utils.translation import gettext as _

from ideas.models import TransitionNotAllowed
from pilots.models import Pilot

from .models import Outcome

ENDINGS = ("completed", "stopped_early")


@transaction.atomic
def publish_outcome(*, pilot, by, ending, stop_reason="", **fields):
    """Record what a pilot found and close it, completed or stopped early, in one step."""
    if ending not in ENDINGS:
        raise ValueError(f"ending must be one of {ENDINGS}, not {ending!r}")
    # Lock the pilot so two people closing it at once cannot both write an outcome.
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    if Outcome.objects.filter(pilot=pilot).exists():
        raise TransitionNotAllowed(_("Someone has already published the outcome of this pilot."))
    outcome = Outcome.objects.create(pilot=pilot, written_by=by, **fields)
    if ending == "completed":
        pilot.complete(by=by)
    else:
        pilot.stop_early(by=by, reason=stop_reason)
    return outcome
