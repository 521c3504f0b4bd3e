"""Evidence that grows with replication: an original pilot's page counts its adoptions'
outcomes the reader may see, counts the others without naming them, and charts the measures."""

import pytest
from django.urls import reverse

from councils.models import Visibility
from outcomes.models import Outcome
from outcomes.replication import evidence_with_replication
from pilots.models import Pilot

from ..factories import CouncilFactory
from ..html import assert_well_formed_page
from ..ideas.factories import IdeaFactory
from ..pilots.factories import PilotFactory, closed_pilot, measured

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

V = Outcome.Verdict


@pytest.fixture
def lineage(alice, carol, dan, barnet, brent, leeds):
    """Barnet's original (worked, level 2) and its adoptions, by hand:

    Brent worked (level 3), Leeds partly worked (level 2), Wigan did not work (level 1),
    Camden worked but shows its pilot to Camden only, and Kent is still running.
    For dan: tried in 4 councils (Barnet, Brent, Leeds, Wigan): 2 worked, 1 partly worked,
    1 did not work; 1 council he cannot see (Camden); 1 still trying (Kent).
    Evidence: level 2, raised by one for Brent (same result, level 2 or above), so 3;
    Camden's would raise it again, but dan cannot see it.
    """
    wigan = CouncilFactory(short_name="Wigan", code="WGN")
    camden = CouncilFactory(short_name="Camden", code="CMD")
    kent = CouncilFactory(short_name="Kent", code="KEN")
    original = closed_pilot(barnet, alice, V.WORKED, evidence_level=2, **measured(14, 10))
    closed_pilot(brent, carol, V.WORKED, source=original, evidence_level=3, **measured(12, 9, 12))
    closed_pilot(
        leeds, dan, V.PARTLY_WORKED, source=original, evidence_level=2, **measured(15, 13)
    )
    closed_pilot(wigan, dan, V.DID_NOT_WORK, source=original, evidence_level=1)
    closed_pilot(camden, dan, V.WORKED, source=original, evidence_level=4,
                 visibility=Visibility.COUNCIL, **measured(20, 2))  # fmt: skip
    PilotFactory(council=kent, lead=dan, adapted_from=original, status=Pilot.Status.RUNNING,
                 visibility=Visibility.PUBLIC)  # fmt: skip
    return original


def test_the_original_counts_the_outcomes_its_reader_may_see(client_for, dan, lineage):
    response = client_for(dan).get(lineage.get_absolute_url())

    html = response.content.decode()
    assert (
        "Tried in 4 councils: 2 worked, 1 partly worked, 1 did not work. "
        "1 other council has also taken up this pilot but has not shared its version with you."
        in html
    )
    assert "Still being tried in 1 other council." in html
    assert "Evidence level with replication: 3" in html
    assert "(level 2 from this pilot, and 1 council that found the same result)" in html
    assert "Camden" not in html
    assert_well_formed_page(response)


def test_the_hidden_adopter_is_never_named_in_the_chart_or_its_table(client_for, dan, lineage):
    replication = client_for(dan).get(lineage.get_absolute_url()).context["replication"]

    assert [row.label for row in replication.chart.rows] == ["Barnet (original)", "Brent", "Leeds"]
    assert [[text for _value, text in row.cells] for row in replication.chart.rows] == [
        ["14", "10", "not given"],
        ["12", "9", "12"],
        ["15", "13", "not given"],
    ]


def test_the_chart_is_an_accessible_svg_with_a_table_marked_indicative(client_for, dan, lineage):
    html = client_for(dan).get(lineage.get_absolute_url()).content.decode()

    assert '<svg class="app-chart__svg" role="img"' in html
    assert '<title id="replication-chart-title">Missed collections (per 1,000 households)' in html
    assert '<desc id="replication-chart-desc">' in html
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--s">Missed collections' in html
    )
    assert "Indicative only: some of these results are below evidence level 3." in html


def test_someone_at_camden_sees_camden_counted_and_named(client_for, lineage):
    from councils.models import Membership

    from ..conftest import member

    camden = lineage.adoptions.get(council__slug="camden").council
    chloe = member("chloe@camden.gov.uk", "Chloe", camden, Membership.Role.STAFF)

    html = client_for(chloe).get(lineage.get_absolute_url()).content.decode()

    assert "Tried in 5 councils: 3 worked, 1 partly worked, 1 did not work." in html
    assert "Evidence level with replication: 4" in html
    assert "has not shared" not in html


def test_an_original_with_no_outcome_yet_counts_the_councils_that_took_it_up_unseen(
    client_for, dan, alice, barnet, brent
):
    original = PilotFactory(
        council=barnet, lead=alice, status=Pilot.Status.RUNNING, visibility=Visibility.COUNCILS
    )
    PilotFactory(council=brent, adapted_from=original)  # a card only Brent sees

    html = client_for(dan).get(original.get_absolute_url()).content.decode()

    assert (
        "No council has published an outcome of this pilot yet. "
        "1 other council has also taken up this pilot but has not shared its version with you."
        in html
    )
    assert "Brent" not in html


def test_an_adoption_page_shows_no_replication_summary(client_for, dan, lineage):
    brents = lineage.adoptions.get(council__slug="brent")

    response = client_for(dan).get(brents.get_absolute_url())

    assert response.context["replication"] is None
    assert "Tried in" not in response.content.decode()


def test_the_ideas_evidence_level_takes_replication_into_account(client_for, alice, dan, lineage):
    idea = IdeaFactory(author=alice, visibility=Visibility.PUBLIC, status="piloted")
    Pilot.objects.filter(pk=lineage.pk).update(idea=idea)

    html = client_for(dan).get(reverse("ideas:detail", args=[idea.pk])).content.decode()

    assert "Evidence level 3" in html
    assert (
        "(level 2 from its pilot, raised by 1 council that repeated it with the same result)"
        in html
    )
    assert "It rises by one for each other council that repeated the pilot" in html


@pytest.mark.parametrize(
    ("original", "repeats", "expected"),
    [
        ((V.WORKED, 2), [], 2),
        ((V.WORKED, 2), [(V.WORKED, 2), (V.WORKED, 3)], 4),
        ((V.WORKED, 2), [(V.WORKED, 1)], 2),  # too weak to confirm
        ((V.WORKED, 2), [(V.DID_NOT_WORK, 3)], 2),  # a different result does not confirm
        ((V.WORKED, 4), [(V.WORKED, 2)] * 3, 5),  # never above 5
        ((V.DID_NOT_WORK, 2), [(V.DID_NOT_WORK, 2)], 3),  # a failure repeated is evidence too
        ((V.INCONCLUSIVE, 1), [(V.INCONCLUSIVE, 3)], 1),
    ],
)
def test_the_evidence_rule(original, repeats, expected):
    def outcome(verdict, level):
        return Outcome(verdict=verdict, evidence_level=level)

    assert evidence_with_replication(outcome(*original), [outcome(*r) for r in repeats]).level == (
        expected
    )


def test_no_council_that_found_the_same_result_is_said_in_words(
    client_for, alice, dan, barnet, leeds
):
    original = closed_pilot(barnet, alice, V.WORKED, evidence_level=2)
    closed_pilot(leeds, dan, V.DID_NOT_WORK, source=original, evidence_level=2)

    html = client_for(dan).get(original.get_absolute_url()).content.decode()

    assert "(level 2 from this pilot; no other council has found the same result yet)" in html
    assert "0 councils" not in html
