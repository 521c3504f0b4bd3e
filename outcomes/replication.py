"""Evidence that grows with replication: how a pilot went in the councils that repeated it.

An original pilot's page counts the outcomes of its adoptions the reader may see
("Tried in 4 councils: 2 worked, 1 partly worked, 1 did not work"), counts the
adoptions they may not see without naming them, draws the structured measures
side by side, and shows the evidence level with replication (`EVIDENCE_RULE`).
Every figure is built from what `visible_to(user)` returned; nothing hidden is named.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideabank.lib.charts import Series, bar_chart
from ideas.models import Verdict

from .measure import number_text

VERDICT_ORDER = [
    Verdict.WORKED,
    Verdict.PARTLY_WORKED,
    Verdict.DID_NOT_WORK,
    Verdict.STOPPED_EARLY,
    Verdict.INCONCLUSIVE,
]
VERDICT_COUNTS = {
    Verdict.WORKED: gettext_lazy("%(count)s worked"),
    Verdict.PARTLY_WORKED: gettext_lazy("%(count)s partly worked"),
    Verdict.DID_NOT_WORK: gettext_lazy("%(count)s did not work"),
    Verdict.STOPPED_EARLY: gettext_lazy("%(count)s stopped early"),
    Verdict.INCONCLUSIVE: gettext_lazy("%(count)s inconclusive"),
}
# A repeat confirms the original when it found the same one of these results...
CONFIRMABLE = {Verdict.WORKED, Verdict.PARTLY_WORKED, Verdict.DID_NOT_WORK}
# ...with evidence of its own at this level or above (data that shows change).
CONFIRMING_EVIDENCE = 2
HIGHEST_LEVEL = 5
# Below this level (a comparison group), the numbers show change, not that the pilot caused it.
INDICATIVE_BELOW = 3
EVIDENCE_RULE = gettext_lazy(
    "The evidence level starts from the level of the original pilot’s own outcome (Nesta "
    "Standards of Evidence, 1 to 5). It rises by one for each other council that repeated "
    "the pilot and found the same result (it worked, it partly worked or it did not work) "
    "with evidence of its own at level 2 or above, up to level 5. Only the repeats you may "
    "see count."
)


@dataclass(frozen=True)
class Evidence:
    own_level: int
    confirmations: int
    level: int


def evidence_with_replication(original, repeats):
    """The evidence level of `original` (an Outcome) raised by the `repeats` that confirm it
    (see EVIDENCE_RULE)."""
    confirming = [
        repeat
        for repeat in repeats
        if original.verdict in CONFIRMABLE
        and repeat.verdict == original.verdict
        and repeat.evidence_level >= CONFIRMING_EVIDENCE
    ]
    raised = min(HIGHEST_LEVEL, original.evidence_level + len(confirming))
    return Evidence(original.evidence_level, len(confirming), max(raised, original.evidence_level))


@dataclass
class Replication:
    tried: int  # councils with a published outcome, the original's included
    counts: str  # "2 worked, 1 partly worked, 1 did not work"
    hidden: int  # adoptions the reader may not see, counted and never named
    still_going: int  # adoptions the reader may see with no outcome yet
    evidence: Evidence | None
    chart: object  # an ideabank.lib.charts.Chart, or None
    indicative: bool
    rule: str


def outcome_of(pilot):
    return getattr(pilot, "outcome", None)


def verdict_counts(outcomes):
    counted = dict.fromkeys(VERDICT_ORDER, 0)
    for outcome in outcomes:
        counted[outcome.verdict] += 1
    return ", ".join(
        VERDICT_COUNTS[verdict] % {"count": count} for verdict, count in counted.items() if count
    )


def replication_of(pilot, adoptions, hidden):
    """How `pilot` went where it was repeated, for its page: None for an adoption, or for a
    pilot nobody has adopted."""
    if pilot.adapted_from_id or not (adoptions or hidden):
        return None
    original = outcome_of(pilot)
    repeats = [outcome_of(adoption) for adoption in adoptions if outcome_of(adoption)]
    outcomes = ([original] if original else []) + repeats
    chart, indicative = measure_chart(pilot, adoptions)
    return Replication(
        tried=len(outcomes),
        counts=verdict_counts(outcomes),
        hidden=hidden,
        still_going=len(adoptions) - len(repeats),
        evidence=evidence_with_replication(original, repeats) if original else None,
        chart=chart,
        indicative=indicative,
        rule=str(EVIDENCE_RULE),
    )


def same_unit(a, b):
    return a.measure_unit.strip().lower() == b.measure_unit.strip().lower()


def measure_chart(pilot, adoptions):
    """The measures of the original and its adoptions side by side (a Chart, or None when
    fewer than two councils measured the same thing in the same unit), and whether it is
    only indicative (any of them below evidence level INDICATIVE_BELOW)."""
    measured = [
        (p, outcome_of(p))
        for p in [pilot, *adoptions]
        if outcome_of(p) and outcome_of(p).has_measure
    ]
    if not measured:
        return None, False
    reference = measured[0][1]
    measured = [(p, outcome) for p, outcome in measured if same_unit(outcome, reference)]
    if len(measured) < 2:
        return None, False
    categories = [
        _("%(council)s (original)") % {"council": p.council.short_name}
        if p.pk == pilot.pk
        else p.council.short_name
        for p, _outcome in measured
    ]
    series = [
        Series(_("Baseline"), [outcome.measure_baseline for _p, outcome in measured]),
        Series(_("Result"), [outcome.measure_result for _p, outcome in measured]),
    ]
    if any(outcome.measure_comparison is not None for _p, outcome in measured):
        series.append(Series(_("Comparison group"), [o.measure_comparison for _p, o in measured]))
    unit = f" ({reference.measure_unit})" if reference.measure_unit else ""
    title = _("%(measure)s%(unit)s: the original pilot and its adoptions") % {
        "measure": reference.measure_name,
        "unit": unit,
    }
    summary = _(
        "The baseline and the result in each of %(count)s councils that measured "
        "%(measure)s%(unit)s."
    ) % {"count": len(measured), "measure": reference.measure_name, "unit": unit}
    chart = bar_chart(
        "replication-chart",
        title=title,
        summary=summary,
        categories=categories,
        series=series,
        fmt=number_text,
        category_heading=_("Council"),
    )
    indicative = any(outcome.evidence_level < INDICATIVE_BELOW for _p, outcome in measured)
    return chart, indicative
