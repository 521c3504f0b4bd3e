import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.visibility import membership_of
from ideas.models import Idea, TransitionNotAllowed
from ideas.permissions import is_manager_of, is_member_of

from .models import Pilot
from .tasks import notify_adoption

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
ADOPTED_FIELDS = [
    "title",
    "summary",
    "hypothesis",
    "success_measure",
    "baseline",
    "amplify_signals",
    "stop_criteria",
    "budget_cap",
    "max_exposure",
    "rollback_plan",
    "visibility",
]


def shorten(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@transaction.atomic
def create_pilot_from_idea(*, idea, by):
    """Start a planned pilot from an accepted idea, its card pre-filled from the idea."""
    # Lock the idea so two clicks cannot create two pilots.
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if not is_manager_of(by, idea.council_id):
        raise TransitionNotAllowed(_("Only a manager of the idea's council can start a pilot."))
    if idea.status != Idea.Status.ACCEPTED:
        raise TransitionNotAllowed(_("Only an accepted idea can become a pilot."))
    existing = idea.pilots.first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    summary = "\n\n".join(part.strip() for part in [idea.problem, idea.proposal] if part.strip())
    pilot = Pilot.objects.create(
        council_id=idea.council_id,
        idea=idea,
        title=idea.title,
        summary=shorten(summary, SUMMARY_MAX_LENGTH),
        visibility=idea.visibility,
        lead=idea.author if is_member_of(idea.author, idea.council_id) else by,
        start_date=today,
        end_date=today + DEFAULT_TIME_BOX,
        budget_cap=BUDGET_FROM_COST_BAND.get(idea.cost_band, Decimal("0")),
        created_by=by,
    )
    pilot.themes.set(idea.themes.all())
    return pilot


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
    notify_adoption.delay_on_commit(adopted.pk)
    return adopted
