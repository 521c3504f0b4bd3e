"""The savings ledger of a council, a partnership or the whole country.

Every figure starts from `visible_to(user)` (a visitor: public work only), so a
total never includes money from a pilot the person may not see. A `Scope` says
whose work it is (council ids, or None for everywhere); a `Period` narrows it to
a financial year (April to March) and a theme.

What counts when: a pilot run counts in the year it started; an outcome, and
everything measured from it (money, savings, stop rules, time taken), in the
year it was published; an idea in the year it was submitted.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from ideas.models import Idea
from outcomes.models import BenefitCheckIn, Outcome
from pilots.models import Pilot

FINANCIAL_YEAR_STARTS = 4  # April
MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal(0), output_field=MONEY)
PENNY = Decimal("0.01")


def in_pounds_and_pence(amount):
    """A sum of money with its two decimal places, as PostgreSQL returns it (SQLite
    returns a sum without them: Django quantizes only plain columns there)."""
    return Decimal(amount).quantize(PENNY)


RUN = [Pilot.Status.RUNNING, Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY]


@dataclass(frozen=True)
class Scope:
    """Whose work: the councils' ids, or None for every council."""

    council_ids: tuple | None = None

    def where(self, path):
        """A Q for rows whose council (reached by `path`, like "pilot__council") is in scope."""
        if self.council_ids is None:
            return Q()
        return Q(**{f"{path}_id__in": self.council_ids})


@dataclass(frozen=True)
class Period:
    """A financial year (its starting year, or None for all time) and a theme (or None)."""

    year: int | None = None
    theme: object = None


def financial_year_of(day):
    """The year a financial year starts in: 1 April 2025 to 31 March 2026 is 2025."""
    return day.year if day.month >= FINANCIAL_YEAR_STARTS else day.year - 1


def financial_year_label(year):
    return f"{year}–{str(year + 1)[-2:]}"


def financial_year_bounds(year):
    """The first moment of the year and of the next, in the council's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, FINANCIAL_YEAR_STARTS, 1, tzinfo=zone)
    end = datetime.datetime(year + 1, FINANCIAL_YEAR_STARTS, 1, tzinfo=zone)
    return start, end


def in_period(period, *, date_field, theme_path, is_date=False):
    """A Q for rows dated in the period's year (by `date_field`) with its theme."""
    where = Q()
    if period.year is not None:
        start, end = financial_year_bounds(period.year)
        if is_date:
            start, end = start.date(), end.date()
        where &= Q(**{f"{date_field}__gte": start, f"{date_field}__lt": end})
    if period.theme is not None:
        where &= Q(**{theme_path: period.theme})
    return where


def outcomes_in(user, scope, period):
    """The outcomes the ledger counts: seen by `user`, in scope, published in the period."""
    return Outcome.objects.visible_to(user).filter(
        scope.where("pilot__council"),
        in_period(period, date_field="published_at", theme_path="pilot__themes"),
    )


def pilots_run(user, scope, period):
    """Signed-off pilots that started in the period (running or finished)."""
    return (
        Pilot.objects.visible_to(user)
        .filter(
            scope.where("council"),
            in_period(period, date_field="start_date", theme_path="themes", is_date=True),
            status__in=RUN,
        )
        .count()
    )


def realised(part):
    """What the outcome's latest answered check-in says it saved so far (`part` of it), or 0."""
    latest = (
        BenefitCheckIn.objects.answered()
        .filter(outcome=OuterRef("pk"))
        .order_by("-months", "-answered_at")
        .values(part)[:1]
    )
    return Coalesce(Subquery(latest, output_field=MONEY), ZERO)


def with_realised(outcomes):
    return outcomes.annotate(
        latest_cashable=realised("realised_cashable"),
        latest_avoided=realised("realised_cost_avoided"),
        reported=Exists(BenefitCheckIn.objects.answered().filter(outcome=OuterRef("pk"))),
    )


def money_totals(outcomes):
    """Spending, caps, projected and realised savings and what stop rules saved, in one query."""
    stopped = Q(pilot__status=Pilot.Status.STOPPED_EARLY)
    verdicts = {
        f"verdict_{value}": Count("pk", filter=Q(verdict=value))
        for value in Outcome.Verdict.values
    }
    return with_realised(outcomes).aggregate(
        outcomes=Count("pk"),
        stopped=Count("pk", filter=stopped),
        spent=Coalesce(Sum("actual_cost"), ZERO),
        caps=Coalesce(Sum("pilot__budget_cap"), ZERO),
        projected=Coalesce(Sum("yearly_saving"), ZERO),
        projected_cashable=Coalesce(Sum("cashable_saving"), ZERO),
        projected_avoided=Coalesce(Sum("cost_avoided"), ZERO),
        projected_count=Count("pk", filter=Q(yearly_saving__isnull=False)),
        realised_cashable=Coalesce(Sum("latest_cashable"), ZERO),
        realised_avoided=Coalesce(Sum("latest_avoided"), ZERO),
        reported_count=Count("pk", filter=Q(reported=True)),
        stop_saved=Coalesce(
            Sum(Greatest(F("pilot__budget_cap") - F("actual_cost"), ZERO), filter=stopped), ZERO
        ),
        **verdicts,
    )


def adopters_realised(user, scope, period):
    """What councils that adopted pilots from the scope say they saved, from their own outcomes.

    Only adoptions (and sources) the person may see; an adoption inside the source's
    own council is not another council's saving.
    """
    outcomes = (
        Outcome.objects.visible_to(user)
        .filter(
            scope.where("pilot__adapted_from__council"),
            in_period(period, date_field="published_at", theme_path="pilot__themes"),
            pilot__adapted_from__in=Pilot.objects.visible_to(user),
        )
        .exclude(pilot__council_id=F("pilot__adapted_from__council_id"))
    )
    totals = with_realised(outcomes).aggregate(
        adoptions=Count("pk"),
        cashable=Coalesce(Sum("latest_cashable"), ZERO),
        avoided=Coalesce(Sum("latest_avoided"), ZERO),
    )
    return {**totals, "total": totals["cashable"] + totals["avoided"]}


def days_between(start, end):
    if start is None or end is None:
        return None
    return max((end - start).total_seconds() / 86400, 0)


def middle(values):
    """The median of the known values in whole days, or None."""
    known = [value for value in values if value is not None]
    return round(median(known)) if known else None


def stage_times(user, outcomes):
    """Median days in each stage, for the counted outcomes' pilots and the ideas the person sees.

    An idea the person may not see adds nothing, not even its dates.
    """
    idea_seen = Exists(Idea.objects.visible_to(user).filter(pk=OuterRef("pilot__idea_id")))
    rows = outcomes.annotate(idea_seen=idea_seen).values_list(
        "idea_seen",
        "pilot__idea__submitted_at",
        "pilot__idea__decided_at",
        "pilot__started_at",
        "pilot__closed_at",
        "published_at",
    )
    review, waiting, running, whole = [], [], [], []
    for seen, submitted, decided, started, closed, published in rows:
        running.append(days_between(started, closed))
        if seen:
            review.append(days_between(submitted, decided))
            waiting.append(days_between(decided, started))
            whole.append(days_between(submitted, published))
    return {
        "review": middle(review),
        "waiting": middle(waiting),
        "running": middle(running),
        "idea_to_outcome": middle(whole),
        "idea_to_outcome_count": len([value for value in whole if value is not None]),
    }


@dataclass
class Ledger:
    pilots_run: int
    totals: dict
    adopters: dict
    times: dict
    verdicts: list = field(default_factory=list)  # (label, count)

    @property
    def projected(self):
        return self.totals["projected"]

    @property
    def realised(self):
        return self.totals["realised_cashable"] + self.totals["realised_avoided"]

    @property
    def stop_rate(self):
        """Percentage of outcomes that stopped early, or None without outcomes."""
        if not self.totals["outcomes"]:
            return None
        return round(100 * self.totals["stopped"] / self.totals["outcomes"])

    @property
    def unspent(self):
        return self.totals["caps"] - self.totals["spent"]


def build_ledger(user, scope, period):
    """Every figure on the ledger page, each from what `user` may see."""
    outcomes = outcomes_in(user, scope, period)
    totals = money_totals(outcomes)
    verdicts = [(label, totals[f"verdict_{value}"]) for value, label in Outcome.Verdict.choices]
    return Ledger(
        pilots_run=pilots_run(user, scope, period),
        totals=totals,
        adopters=adopters_realised(user, scope, period),
        times=stage_times(user, outcomes),
        verdicts=verdicts,
    )
