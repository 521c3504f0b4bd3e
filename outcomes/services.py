from django.db import transaction
from django.utils.translation import gettext as _

from ideas.models import Idea, TransitionNotAllowed
from pilots.models import Pilot

from . import signals, tasks
from .models import Outcome

ENDINGS = ("completed", "stopped_early")


@transaction.atomic
def publish_outcome(*, pilot, by, ending, stop_reason="", **fields):
    """Record what a pilot found and close it, completed or stopped early, in one step.

    The pilot's idea then reads "Piloted: <verdict>"; the idea's author, the lead and the
    councils that adopted the pilot hear of it once it commits.
    """
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
    if pilot.idea_id and pilot.idea.status == Idea.Status.PILOTING:
        pilot.idea.finish_piloting(by=by, verdict=outcome.verdict)
    tasks.notify_outcome_published.delay_on_commit(outcome.pk)
    transaction.on_commit(
        lambda: signals.outcome_published.send(sender=Outcome, outcome=outcome), robust=True
    )
    return outcome
