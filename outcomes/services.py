from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Kind, record
from ideabank.lib.money import pounds
from ideas.models import Idea, TransitionNotAllowed
from pilots.models import Pilot

from . import signals, tasks
from .models import BenefitCheckIn, Outcome, months_after

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
    schedule_check_ins(outcome)
    tasks.notify_outcome_published.delay_on_commit(outcome.pk)
    transaction.on_commit(
        lambda: signals.outcome_published.send(sender=Outcome, outcome=outcome), robust=True
    )
    return outcome


def schedule_check_ins(outcome):
    """The 6- and 12-month benefit check-ins, if the outcome asks for them."""
    if not outcome.asks_for_benefits:
        return []
    published_on = timezone.localdate(outcome.published_at)
    return [
        BenefitCheckIn.objects.get_or_create(
            outcome=outcome, months=months, defaults={"due_on": months_after(published_on, months)}
        )[0]
        for months in BenefitCheckIn.AFTER_MONTHS
    ]


@transaction.atomic
def record_benefits(*, check_in, by, realised_cashable, realised_cost_avoided, note=""):
    """Answer a due check-in once with what the change has saved so far; no reminder follows."""
    if not check_in.is_due(timezone.localdate()):
        raise TransitionNotAllowed(_("This check-in is not due yet."))
    answered = BenefitCheckIn.objects.filter(pk=check_in.pk, answered_at__isnull=True).update(
        realised_cashable=realised_cashable,
        realised_cost_avoided=realised_cost_avoided,
        note=note,
        answered_by=by,
        answered_at=timezone.now(),
    )
    if not answered:
        raise TransitionNotAllowed(_("Someone has already recorded this check-in."))
    check_in.refresh_from_db()
    return check_in


@transaction.atomic
def correct_benefits(
    *, check_in, by, realised_cashable, realised_cost_avoided, note="", request=None
):
    """Replace an answered check-in's figures and note; the council's audit log keeps
    who changed them and what they were."""
    # Only the check-in's row: the pilot and council read with it are not locked.
    before = (
        BenefitCheckIn.objects.select_for_update(of=("self",))
        .select_related("outcome__pilot__council")
        .filter(pk=check_in.pk, answered_at__isnull=False)
        .first()
    )
    if before is None:
        raise TransitionNotAllowed(_("This check-in has no figures to correct yet."))
    BenefitCheckIn.objects.filter(pk=before.pk).update(
        realised_cashable=realised_cashable,
        realised_cost_avoided=realised_cost_avoided,
        note=note,
        answered_by=by,
    )
    pilot = before.outcome.pilot
    record(
        Kind.SAVINGS_CORRECTED,
        actor=by,
        council=pilot.council,
        subject=pilot.title,
        detail=(
            f"after {before.months} months: was {pounds(before.realised_cashable)} cashable, "
            f"{pounds(before.realised_cost_avoided)} cost avoided"
        ),
        request=request,
    )
    check_in.refresh_from_db()
    return check_in
