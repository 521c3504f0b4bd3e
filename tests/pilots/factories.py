import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from councils.models import Visibility
from ideas.models import Idea
from outcomes.forms import OUTCOME_FIELDS
from outcomes.models import Outcome
from outcomes.services import publish_outcome
from pilots.models import Pilot

from ..factories import CouncilFactory, UserFactory, many_to_many
from ..ideas.factories import IdeaFactory


class AcceptedIdeaFactory(IdeaFactory):
    """An idea ready to become a pilot (its workflow is tested in tests/ideas)."""

    status = Idea.Status.ACCEPTED
    cost_band = Idea.CostBand.UNDER_10K


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    lead = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("lead")
    title = factory.Sequence(lambda n: f"Pilot {n}")
    summary = "Text reminders the evening before bin day."
    hypothesis = (
        "We believe that a text the evening before will cut missed collections. "
        "We will know we are right when they fall by a fifth."
    )
    success_measure = "Missed collections reported per 1,000 households."
    baseline = "14 per 1,000 households a month."
    amplify_signals = "Residents ask for texts about other services."
    stop_criteria = "Complaints about the texts exceed 10 in a week."
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=60))
    budget_cap = Decimal("5000.00")
    max_exposure = "2,000 households in one ward."
    rollback_plan = "Stop sending texts; the old letters continue."
    team = "Waste services"
    visibility = Visibility.PARTNERS
    status = Pilot.Status.PLANNED

    themes = many_to_many("themes")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    pilot = factory.SubFactory(PilotFactory, status=Pilot.Status.COMPLETED)
    verdict = Outcome.Verdict.WORKED
    expected_result = "Missed collections fall by a fifth."
    measured_result = "They fell from 14 to 10 per 1,000."
    learned = "Timing mattered more than wording."
    do_differently = "Start with the wards with the most missed collections."
    recommend = Outcome.Recommendation.YES
    evidence_level = Outcome.EvidenceLevel.LEVEL_2
    actual_cost = Decimal("1200.00")
    written_by = factory.SelfAttribute("pilot.lead")


def publish(pilot, by, ending="completed", stop_reason="", **answers):
    """Close `pilot` through `publish_outcome`; the answers not given are OutcomeFactory's."""
    filled = OutcomeFactory.build(pilot=pilot, written_by=by, **answers)
    fields = {name: getattr(filled, name) for name in OUTCOME_FIELDS}
    return publish_outcome(pilot=pilot, by=by, ending=ending, stop_reason=stop_reason, **fields)


def publish_stopped_early(pilot, by, reason, **answers):
    verdict = Outcome.Verdict.STOPPED_EARLY
    return publish(pilot, by, "stopped_early", stop_reason=reason, verdict=verdict, **answers)


def closed_pilot(
    council,
    lead,
    verdict,
    *,
    source=None,
    visibility=Visibility.PUBLIC,
    stop_reason="",
    pilot=None,
    **outcome,
):
    """`lead`'s pilot at `council` (adapted from `source`), closed with an outcome of
    `verdict` and the Outcome fields given: stopped early for `stop_reason` if that is the
    verdict, else completed. `pilot` holds any other Pilot fields."""
    stopped = verdict == Outcome.Verdict.STOPPED_EARLY
    closed = PilotFactory(
        council=council,
        lead=lead,
        adapted_from=source,
        visibility=visibility,
        status=Pilot.Status.STOPPED_EARLY if stopped else Pilot.Status.COMPLETED,
        stop_reason=stop_reason if stopped else "",
        **(pilot or {}),
    )
    OutcomeFactory(pilot=closed, verdict=verdict, **outcome)
    return closed


def measured(baseline, result, comparison=None):
    """The Outcome fields of a measure of missed collections, before and after."""
    return {
        "measure_name": "Missed collections",
        "measure_unit": "per 1,000 households",
        "measure_baseline": Decimal(baseline),
        "measure_result": Decimal(result),
        "measure_comparison": None if comparison is None else Decimal(comparison),
    }


def quiet_pilot(days, **fields):
    """A running pilot with no news for `days` days: no update since it was created."""
    pilot = PilotFactory(status=Pilot.Status.RUNNING, **fields)
    created_at = timezone.now() - datetime.timedelta(days=days)
    Pilot.objects.filter(pk=pilot.pk).update(created_at=created_at)
    return pilot


def overdue_pilot(days, **fields):
    """A running pilot whose end date passed `days` days ago: its outcome is owed."""
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=90), today - datetime.timedelta(days=days)
    return PilotFactory(status=Pilot.Status.RUNNING, start_date=start, end_date=end, **fields)
