"""The facet counts kept by the database (ideas' IdeaCount, outcomes' ExperimentCount).

They must stay exact through every kind of change, and the browse page's counts
summed from them must equal a plain count of the rows, for every person.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Sum
from django.test import RequestFactory

from councils.models import Visibility
from explore.filters import ExperimentFilter, IdeaFilter
from ideas.models import Idea, IdeaCount, Theme
from outcomes.models import ExperimentCount, Outcome
from pilots.models import Pilot

from ..pilots.factories import OutcomeFactory
from .conftest import make_idea, make_pilot

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

QUERIES = [
    "",
    "status=submitted",
    "status=completed",
    "theme=waste-and-recycling",
    "theme=waste-and-recycling&status=running",
    "nation=England",
    "council=barnet",
    "verdict=worked",
    "evidence=3",
    "partnership=west-london-alliance",
    "like_mine=on",
    "sort=updated&theme=waste-and-recycling&nation=England",
]
# After a change: the filters that read each kind of cell.
AFTER_CHANGE = [
    "",
    "theme=waste-and-recycling",
    "council=barnet&status=completed",
    "verdict=worked",
]


def idea_cells_recounted():
    """The idea cells counted afresh from the ideas, as {key: count}."""
    keys = ("council_id", "visibility", "status")
    cells = {
        (*row[:3], None): row[3]
        for row in Idea.objects.values_list(*keys).annotate(n=Count("pk")).order_by()
    }
    linked = Idea.themes.through.objects.values_list(
        "idea__council_id", "idea__visibility", "idea__status", "theme_id"
    )
    for row in linked.annotate(n=Count("pk")).order_by():
        cells[row[:4]] = row[4]
    return cells


def experiment_cells_recounted():
    """The pilot cells counted afresh from the pilots, their outcomes and themes."""
    cells = {}
    for pilot in Pilot.objects.select_related("outcome").prefetch_related("themes"):
        outcome = getattr(pilot, "outcome", None)
        base = (
            pilot.council_id,
            pilot.visibility,
            pilot.status,
            True if pilot.adapted_from_id else None,
            outcome and outcome.verdict,
            outcome and outcome.evidence_level,
        )
        for theme_id in [None, *(theme.pk for theme in pilot.themes.all())]:
            cells[(*base, theme_id)] = cells.get((*base, theme_id), 0) + 1
    return cells


def kept(model, keys):
    return {row[:-1]: row[-1] for row in model.objects.filter(count__gt=0).values_list(*keys)}


def assert_cells_exact():
    assert not IdeaCount.objects.filter(count__lt=0).exists()
    assert not ExperimentCount.objects.filter(count__lt=0).exists()
    idea_keys = ("council_id", "visibility", "status", "theme_id", "count")
    assert kept(IdeaCount, idea_keys) == idea_cells_recounted()
    pilot_keys = (
        "council_id",
        "visibility",
        "status",
        "adapted_from",
        "verdict",
        "evidence_level",
        "theme_id",
        "count",
    )
    assert kept(ExperimentCount, pilot_keys) == experiment_cells_recounted()


def facet_counts(filter_class, person, query, *, cells):
    request = RequestFactory().get(f"/?{query}")
    request.user = person
    if filter_class is IdeaFilter:
        rows = Idea.objects.shared_with(person)
        kept_cells = IdeaCount.objects.shared_with(person)
    else:
        rows = Pilot.objects.visible_to(person)
        kept_cells = ExperimentCount.objects.visible_to(person)
    filterset = filter_class(
        request.GET, queryset=rows, request=request, cells=kept_cells if cells else None
    )
    assert filterset.counts_from_cells() is cells
    total, facets = filterset.facet_counts()
    return total, {name: sorted(options) for name, options in facets.items()}, filterset


def assert_pages_count_exactly(people, queries=AFTER_CHANGE):
    for person in people:
        for filter_class in (IdeaFilter, ExperimentFilter):
            for query in queries:
                summed = facet_counts(filter_class, person, query, cells=True)
                counted = facet_counts(filter_class, person, query, cells=False)
                assert summed[:2] == counted[:2], (person, filter_class.__name__, query)
                assert summed[0] == summed[2].qs.count(), (person, query)


@pytest.fixture
def people(alice, carol, dan):
    return [AnonymousUser(), alice, carol, dan]


def test_the_kept_counts_match_the_rows_for_every_person(world, people):
    assert_cells_exact()
    assert IdeaCount.objects.aggregate(n=Sum("count"))["n"] > 0
    assert_pages_count_exactly(people, QUERIES)


def test_the_kept_counts_stay_exact_through_idea_changes(world, people, alice, dan, theme):
    other_theme = Theme.objects.exclude(pk=theme.pk).first()
    idea = make_idea(alice, visibility=Visibility.PARTNERS, themes=[theme, other_theme])
    assert_cells_exact()
    idea.status = Idea.Status.ACCEPTED
    idea.save()
    idea.visibility = Visibility.PUBLIC  # a manager widens the audience
    idea.save(update_fields=["visibility"])
    Idea.objects.filter(pk=world["leeds_idea"].pk).update(status=Idea.Status.WITHDRAWN)
    idea.themes.remove(theme)
    world["public_idea"].themes.add(other_theme)
    assert_cells_exact()
    assert_pages_count_exactly(people)
    idea.themes.clear()
    Idea.objects.filter(pk=idea.pk).delete()
    make_idea(dan, visibility=Visibility.COUNCIL, themes=[theme])
    assert_cells_exact()
    assert_pages_count_exactly(people)


def test_the_kept_counts_stay_exact_through_pilot_and_outcome_changes(
    world, people, alice, carol, theme
):
    source = world["public_pilot"]
    adopted = make_pilot(carol.membership.council, carol, adapted_from=source, themes=[theme])
    assert_cells_exact()
    assert_pages_count_exactly(people)
    Pilot.objects.filter(pk=source.pk).update(visibility=Visibility.COUNCIL)  # narrowed
    assert_pages_count_exactly(people)
    outcome = world["partners_pilot"].outcome
    outcome.verdict = Outcome.Verdict.PARTLY_WORKED
    outcome.evidence_level = 2
    outcome.save()
    adopted.status = Pilot.Status.COMPLETED
    adopted.save()
    OutcomeFactory(pilot=adopted, evidence_level=1)
    world["brent_pilot"].themes.add(theme)
    world["leeds_pilot"].visibility = Visibility.PUBLIC
    world["leeds_pilot"].save()
    assert_cells_exact()
    assert_pages_count_exactly(people)
    Outcome.objects.filter(pk=world["council_pilot"].outcome.pk).delete()
    world["brent_pilot"].themes.clear()
    Pilot.objects.filter(pk=world["brent_pilot"].pk).delete()
    assert_cells_exact()
    assert_pages_count_exactly(people)


@pytest.mark.parametrize("query", ["q=bins", "added_from=2026-01-01"])
def test_a_search_or_a_date_counts_the_rows(alice, query):
    request = RequestFactory().get(f"/?{query}")
    request.user = alice
    filterset = IdeaFilter(
        request.GET,
        queryset=Idea.objects.shared_with(alice),
        request=request,
        cells=IdeaCount.objects.shared_with(alice),
    )
    assert filterset.counts_from_cells() is False
