import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.permissions import is_manager_of, is_member_of
from councils.visibility import membership_of
from ideas.models import Idea, TransitionNotAllowed

from . import signals, tasks
from .models import CASE_FIELDS, MAX_LINEAGE, Pilot

# The most an idea's rough cost band allows; "over £250,000" has no ceiling, so
# the manager sets the cap themselves.
BUDGET_FROM_COST_BAND = {
    Idea.CostBand.NONE: Decimal("0"),
    Idea.CostBand.UNDER_10K: Decimal("10000"),
    Idea.CostBand.FROM_10K_TO_50K: Decimal("50000"),
    Idea.CostBand.FROM_50K_TO_250K: Decimal("250000"),
}
DEFAULT_TIME_BOX = datetime.timedelta(days=90)
SUMMARY_MAX_LENGTH = Pilot._meta.get_field("summary").max_length

# What an adopting council copies: everything it needs to adapt the card.
ADOPTED_FIELDS = [*CASE_FIELDS, "budget_cap", "max_exposure", "rollback_plan", "visibility"]


def shorten(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def card_from_idea(idea, *, by):
    """An unsaved card pre-filled from an accepted idea: the "Start a pilot" form's start."""
    today = timezone.localdate()
    summary = "\n\n".join(part.strip() for part in [idea.problem, idea.proposal] if part.strip())
    return Pilot(
        council_id=idea.council_id,
        idea=idea,
        title=idea.title,
        summary=shorten(summary, SUMMARY_MAX_LENGTH),
        # The audience the idea was approved for: the manager confirms it at sign-off.
        visibility=idea.visibility,
        lead=idea.author if is_member_of(idea.author, idea.council_id) else by,
        start_date=today,
        end_date=today + DEFAULT_TIME_BOX,
        budget_cap=BUDGET_FROM_COST_BAND.get(idea.cost_band, Decimal("0")),
        created_by=by,
    )


@transaction.atomic
def create_pilot_from_idea(*, idea, by, card, themes=()):
    """Save the first version of a pilot card for an accepted idea; nothing exists before.

    `card` is the unsaved Pilot the card form filled in (`card_from_idea`). Its author
    and lead hear of it once it commits. A second pilot for the idea is refused.
    """
    # Lock the idea so two saves cannot both create a pilot (the database refuses too).
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if not is_manager_of(by, idea.council_id):
        raise TransitionNotAllowed(_("Only a manager of the idea's council can start a pilot."))
    if idea.status != Idea.Status.ACCEPTED:
        raise TransitionNotAllowed(_("Only an accepted idea can become a pilot."))
    if idea.pilots.exclude(status=Pilot.Status.DISCARDED).exists():
        raise TransitionNotAllowed(_("This idea already has a pilot."))
    card.idea, card.council_id, card.created_by = idea, idea.council_id, by
    card.status = Pilot.Status.PLANNED
    card.save()
    card.themes.set(themes)
    tasks.notify_pilot_created.delay_on_commit(card.pk)
    return card


@transaction.atomic
def ask_for_sign_off(*, pilot, by):
    """The lead asks the council's managers to sign the card off; they are emailed."""
    event = pilot.ask_for_sign_off(by=by)
    tasks.notify_sign_off_requested.delay_on_commit(pilot.pk)
    transaction.on_commit(
        lambda: signals.sign_off_requested.send(sender=Pilot, pilot=pilot), robust=True
    )
    return event


@transaction.atomic
def sign_off_pilot(*, pilot, by, audience):
    """A manager signs the card off for `audience`; its idea's author and lead hear of it."""
    event = pilot.sign_off(by=by, audience=audience)
    tasks.notify_pilot_signed_off.delay_on_commit(pilot.pk)
    return event


def lineage_depth(pilot):
    """How many adoptions lie between `pilot` and the pilot it all started from."""
    depth = 0
    while pilot.adapted_from_id is not None:
        depth += 1
        pilot = Pilot.objects.only("adapted_from_id").get(pk=pilot.adapted_from_id)
    return depth


@transaction.atomic
def adopt_pilot(*, pilot, by):
    """Copy a pilot another council ran into the adopter's council, as a planned pilot."""
    membership = membership_of(by)
    if membership is None:
        raise TransitionNotAllowed(_("Only staff of a council can adopt a pilot."))
    if membership.council_id == pilot.council_id:
        raise TransitionNotAllowed(
            _(
                "This pilot already belongs to your council. "
                "You can only adopt other councils' pilots."
            )
        )
    if not Pilot.objects.visible_to(by).filter(pk=pilot.pk).exists():
        raise TransitionNotAllowed(_("You can only adopt a pilot you can see."))
    if lineage_depth(pilot) >= MAX_LINEAGE:
        raise TransitionNotAllowed(
            _(
                "This pilot is an adoption of an adoption many times over. "
                "Adopt one nearer the original."
            )
        )
    today = timezone.localdate()
    try:
        # A second submission hits the one-adoption-per-council constraint;
        # the savepoint keeps the outer transaction usable.
        with transaction.atomic():
            adopted = Pilot.objects.create(
                **{field: getattr(pilot, field) for field in ADOPTED_FIELDS},
                council_id=membership.council_id,
                adapted_from=pilot,
                lead=by,
                created_by=by,
                start_date=today,
                end_date=today + (pilot.end_date - pilot.start_date),
            )
            adopted.themes.set(pilot.themes.all())
    except IntegrityError:
        existing = Pilot.objects.filter(
            adapted_from=pilot, council_id=membership.council_id
        ).first()
        if existing is None:
            raise
        return existing
    tasks.notify_adoption.delay_on_commit(adopted.pk)
    return adopted
