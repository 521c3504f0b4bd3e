"""The four dashboard charts of a ledger page, each from what the person may see.

The numbers come from querysets scoped by `visible_to`; `ideabank.lib.charts`
turns them into shapes, and `templates/includes/charts/chart.html` draws each
with a table of the same numbers and a one-sentence summary.
"""

from functools import partial

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ideabank.lib.charts import Series, bar_chart, column_chart
from ideabank.lib.money import pounds
from ideas.models import Idea
from outcomes.models import Outcome

from .funnel import REVIEWED
from .ledger import (
    FINANCIAL_YEAR_STARTS,
    ZERO,
    Period,
    financial_year_label,
    in_period,
    in_pounds_and_pence,
    outcomes_in,
    with_realised,
)

whole_pounds = partial(pounds, pence=False)  # the charts round to the pound


def days(value):
    return "–" if value is None else ngettext("%(n)s day", "%(n)s days", value) % {"n": value}


def ideas_in(user, scope, period):
    return Idea.objects.shared_with(user).filter(
        scope.where("council"),
        in_period(period, date_field="submitted_at", theme_path="themes"),
    )


def stage_bars(chart_id, stages, *, title, summary, name, fmt=str):
    """One bar a stage, from `stages` as (label, value) pairs."""
    return bar_chart(
        chart_id,
        title=title,
        summary=summary,
        categories=[label for label, _value in stages],
        series=[Series(name, [value for _label, value in stages])],
        fmt=fmt,
        category_heading=_("Stage"),
    )


def funnel_chart(user, scope, period, ledger):
    """Ideas shared, reviewed, piloted and with an outcome, in the period."""
    ideas = ideas_in(user, scope, period).aggregate(
        shared=Count("pk"), reviewed=Count("pk", filter=Q(status__in=REVIEWED))
    )
    stages = [
        (_("Ideas shared"), ideas["shared"]),
        (_("Ideas reviewed"), ideas["reviewed"]),
        (_("Pilots run"), ledger.pilots_run),
        (_("Outcomes published"), ledger.totals["outcomes"]),
    ]
    summary = _(
        "%(ideas)s ideas shared, %(reviewed)s reviewed, %(pilots)s pilots run and "
        "%(outcomes)s outcomes published."
    ) % {
        "ideas": ideas["shared"],
        "reviewed": ideas["reviewed"],
        "pilots": ledger.pilots_run,
        "outcomes": ledger.totals["outcomes"],
    }
    return stage_bars(
        "chart-funnel",
        stages,
        title=_("From ideas to outcomes"),
        summary=summary,
        name=_("Number"),
    )


def financial_year_expression(field):
    """The financial year (its starting year) of a date or time column, in the database."""
    before_april = When(**{f"{field}__month__lt": FINANCIAL_YEAR_STARTS}, then=Value(1))
    return ExtractYear(field) - Case(before_april, default=Value(0), output_field=IntegerField())


def verdicts_summary(total, did_not, first, last):
    """How many outcomes, in which years, and how many found the change did not work."""
    years = {"first": financial_year_label(first), "last": financial_year_label(last)}
    if first == last:
        published = ngettext(
            "%(total)s outcome published in %(first)s",
            "%(total)s outcomes published in %(first)s",
            total,
        )
    else:
        published = ngettext(
            "%(total)s outcome published from %(first)s to %(last)s",
            "%(total)s outcomes published from %(first)s to %(last)s",
            total,
        )
    if did_not:
        found = ngettext(
            "%(did_not)s found the change did not work, which is as useful to know.",
            "%(did_not)s found the change did not work, which is as useful to know.",
            did_not,
        ) % {"did_not": did_not}
    else:
        found = _("none found the change did not work.")
    return _("%(published)s; %(found)s") % {
        "published": published % {"total": total, **years},
        "found": found,
    }


def verdicts_chart(user, scope, period):
    """Outcomes by what they found, per financial year (all years: the period's theme only)."""
    outcomes = outcomes_in(user, scope, Period(theme=period.theme))
    rows = (
        outcomes.annotate(year=financial_year_expression("published_at"))
        .values("year", "verdict")
        .annotate(total=Count("pk"))
        .order_by("year")
    )
    counts = {(row["year"], row["verdict"]): row["total"] for row in rows}
    years = sorted({year for year, _verdict in counts})
    series = [
        Series(str(label), [counts.get((year, value), 0) for year in years])
        for value, label in Outcome.Verdict.choices
    ]
    if years:
        did_not = sum(counts.get((year, Outcome.Verdict.DID_NOT_WORK), 0) for year in years)
        summary = verdicts_summary(sum(counts.values()), did_not, years[0], years[-1])
    else:
        summary = _("No outcomes published yet that you can see.")
    return column_chart(
        "chart-verdicts",
        title=_("What outcomes found, by financial year"),
        summary=summary,
        categories=[financial_year_label(year) for year in years],
        series=series,
        category_heading=_("Financial year"),
    )


def savings_chart(user, scope, period):
    """Projected and realised savings by theme (the period's year, every theme)."""
    outcomes = outcomes_in(user, scope, Period(year=period.year))
    rows = (
        with_realised(outcomes)
        .filter(pilot__themes__isnull=False)
        .values("pilot__themes__name")
        .annotate(
            projected=Coalesce(Sum("yearly_saving"), ZERO),
            realised=Coalesce(Sum("latest_cashable"), ZERO)
            + Coalesce(Sum("latest_avoided"), ZERO),
        )
        .order_by("-projected", "pilot__themes__name")
    )
    rows = [row for row in rows if row["projected"] or row["realised"]]
    if rows:
        top = rows[0]
        summary = _(
            "%(theme)s has the largest projected saving: %(projected)s a year, with %(realised)s "
            "realised so far."
        ) % {
            "theme": top["pilot__themes__name"],
            "projected": whole_pounds(top["projected"]),
            "realised": whole_pounds(top["realised"]),
        }
    else:
        summary = _("No savings recorded yet that you can see.")
    return bar_chart(
        "chart-savings",
        title=_("Savings by theme"),
        summary=summary,
        categories=[row["pilot__themes__name"] for row in rows],
        series=[
            Series(_("Projected a year"), [in_pounds_and_pence(r["projected"]) for r in rows]),
            Series(_("Realised so far"), [in_pounds_and_pence(r["realised"]) for r in rows]),
        ],
        fmt=whole_pounds,
        category_heading=_("Theme"),
    )


def stages_chart(ledger):
    """Median days in review, waiting to start and running."""
    times = ledger.times
    stages = [
        (_("In review"), times["review"]),
        (_("Accepted, waiting to start"), times["waiting"]),
        (_("Running"), times["running"]),
    ]
    known = [(label, value) for label, value in stages if value is not None]
    if known:
        longest = max(known, key=lambda stage: stage[1])
        summary = _("The longest stage is “%(stage)s”: a median of %(days)s.") % {
            "stage": longest[0],
            "days": days(longest[1]),
        }
    else:
        summary = _("No finished pilots yet that you can see.")
    return stage_bars(
        "chart-stages",
        stages,
        title=_("Time in each stage (median)"),
        summary=summary,
        name=_("Median"),
        fmt=days,
    )


def dashboard(user, scope, period, ledger):
    return [
        funnel_chart(user, scope, period, ledger),
        verdicts_chart(user, scope, period),
        savings_chart(user, scope, period),
        stages_chart(ledger),
    ]
