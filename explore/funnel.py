"""A council's numbers for the home page, and the funnel chart drawn from them."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.models import Idea
from outcomes.models import Outcome
from pilots.models import Pilot

# Reviewed: decided, or decided and since piloted.
REVIEWED = [*Idea.DECIDED, Idea.Status.PILOTING, Idea.Status.PILOTED]


@dataclass
class Bar:
    label: str
    value: int
    width: int = 0
    y: int = 0


def council_numbers(user, council_id):
    """A council's work as `user` sees it: four counts, each over the council's own rows."""
    today = timezone.localdate()
    shared_ideas = Idea.objects.shared_with(user).filter(council_id=council_id)
    ideas = shared_ideas.aggregate(
        shared=Count("pk"), reviewed=Count("pk", filter=Q(status__in=REVIEWED))
    )
    ideas["waiting"] = shared_ideas.awaiting_review().count()
    verdicts = {
        f"verdict_{value}": Count("pk", filter=Q(outcome__verdict=value))
        for value in Outcome.Verdict.values
    }
    pilots = (
        Pilot.objects.visible_to(user)
        .filter(council_id=council_id)
        .aggregate(
            pilots=Count("pk"),
            running=Count("pk", filter=Q(status=Pilot.Status.RUNNING)),
            awaiting=Count("pk", filter=Pilot.awaiting_outcome_filter(today)),
            outcomes=Count("outcome"),
            **verdicts,
        )
    )
    adopted = (
        Pilot.objects.visible_to(user)
        .filter(adapted_from__council_id=council_id)
        .exclude(council_id=council_id)
        .count()
    )
    return {**ideas, **pilots, "adopted": adopted}


def bars(rows, *, top=0, height=28, gap=8, full_width=220):
    """Place `rows` of (label, value) as horizontal bars, widths relative to the largest."""
    largest = max((value for _label, value in rows), default=0) or 1
    return [
        Bar(
            label=label,
            value=value,
            width=round(full_width * value / largest),
            y=top + index * (height + gap),
        )
        for index, (label, value) in enumerate(rows)
    ]


def funnel(numbers):
    """The funnel (ideas → reviewed → pilots → outcomes) and the verdict mix, as bars."""
    stages = [
        (_("Ideas shared"), numbers["shared"]),
        (_("Ideas reviewed"), numbers["reviewed"]),
        (_("Pilots"), numbers["pilots"]),
        (_("Outcomes published"), numbers["outcomes"]),
    ]
    verdicts = [(label, numbers[f"verdict_{value}"]) for value, label in Outcome.Verdict.choices]
    stage_bars = bars(stages, top=10)
    verdict_bars = bars(verdicts, top=stage_bars[-1].y + 80)
    return {
        "stages": stage_bars,
        "verdicts": verdict_bars,
        "verdict_heading_y": stage_bars[-1].y + 62,
        "height": verdict_bars[-1].y + 40,
    }
