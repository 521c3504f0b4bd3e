"""A pilot shows where it came from and how it went for the councils that adopted it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Visibility
from outcomes.models import Outcome
from pilots.models import Pilot

from ..factories import CouncilFactory
from .factories import OutcomeFactory, PilotFactory
from .helpers import PEOPLE, SEES_BARNET

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def adaptation(source, lead, status, visibility, **fields):
    """The version of `source` that `lead`'s council adapted."""
    return PilotFactory(
        council=lead.membership.council,
        lead=lead,
        adapted_from=source,
        status=status,
        visibility=visibility,
        **fields,
    )


@pytest.fixture
def lineage(make_pilot, brent, leeds, carol, dan):
    """Barnet's pilot did not work; Brent adapted it and it worked; Leeds kept its copy private."""
    source = make_pilot(Pilot.Status.COMPLETED, visibility=Visibility.PUBLIC, title="Bin texts")
    Outcome.objects.filter(pilot=source).update(verdict=Outcome.Verdict.DID_NOT_WORK)
    brent_copy = adaptation(
        source,
        carol,
        Pilot.Status.COMPLETED,
        Visibility.PARTNERS,
        title="Bin texts, Brent version",
    )
    OutcomeFactory(pilot=brent_copy, verdict=Outcome.Verdict.WORKED)
    leeds_copy = adaptation(
        source, dan, Pilot.Status.RUNNING, Visibility.COUNCIL, title="Bin texts, Leeds version"
    )
    return source, brent_copy, leeds_copy


def page(clients, name, pilot):
    return clients[name].get(pilot.get_absolute_url()).content.decode()


def test_a_partner_sees_the_adopters_verdict_and_a_count_of_the_rest(lineage, clients):
    source, brent_copy, _ = lineage

    html = page(clients, "alice", source)

    assert brent_copy.get_absolute_url() in html
    assert "It worked" in html
    assert "Leeds" not in html
    assert "and 1 more council" in html


def test_the_adopting_council_sees_its_own_copy_and_counts_the_partner_it_cannot_see(
    lineage, clients
):
    source, brent_copy, leeds_copy = lineage

    html = page(clients, "dan", source)

    assert leeds_copy.get_absolute_url() in html
    assert "Leeds" in html
    assert "Brent" not in html
    assert "It worked" not in html
    assert "and 1 more council" in html


def test_a_visitor_sees_only_a_count_of_adoptions(lineage, clients):
    source, _, _ = lineage

    html = page(clients, "visitor", source)

    assert "Brent" not in html
    assert "Leeds" not in html
    assert "2 councils have adopted this pilot." in html


def test_with_every_adoption_visible_no_count_is_shown(lineage, clients):
    source, brent_copy, _ = lineage
    Pilot.objects.filter(adapted_from=source).update(visibility=Visibility.COUNCILS)

    html = page(clients, "carol", source)

    assert "Brent" in html
    assert "Leeds" in html
    assert "more council" not in html


def test_an_adopted_pilot_names_a_source_the_viewer_can_see(lineage, clients):
    _, brent_copy, _ = lineage

    html = page(clients, "carol", brent_copy)

    assert "Adapted from" in html
    assert "Bin texts</a> (Barnet)" in html
    assert "It did not work" in html


def test_an_adopted_pilot_does_not_name_a_source_the_viewer_cannot_see(lineage, clients):
    source, brent_copy, _ = lineage
    Pilot.objects.filter(pk=source.pk).update(visibility=Visibility.PARTNERS)
    Pilot.objects.filter(pk=brent_copy.pk).update(visibility=Visibility.PUBLIC)

    # An adoption never widens the original's audience: dan cannot see Barnet's pilot, so
    # he cannot see Brent's public copy of it either (issue 12).
    assert clients["dan"].get(brent_copy.get_absolute_url()).status_code == 404
    html = page(clients, "dan", brent_copy)
    assert "Barnet" not in html
    assert source.get_absolute_url() not in html


def test_the_pilot_page_needs_the_same_queries_for_two_or_twenty_adoptions(
    lineage, clients, barnet
):
    source, _, _ = lineage
    client = clients["carol"]
    client.get(source.get_absolute_url())

    with CaptureQueriesContext(connection) as few:
        client.get(source.get_absolute_url())
    for n in range(18):
        council = CouncilFactory()
        copy = PilotFactory(
            council=council,
            adapted_from=source,
            status=Pilot.Status.RUNNING,
            visibility=[Visibility.COUNCILS, "council"][n % 2],
        )
        OutcomeFactory(pilot=copy)
    with CaptureQueriesContext(connection) as many:
        response = client.get(source.get_absolute_url())

    assert len(many) == len(few)
    assert "and 10 more councils" in response.content.decode()


# The lineage grid: every person × the adoption's visibility × its status.

BRENT = {"carol", "brent_manager"}
SEES_BRENT = {
    Visibility.COUNCIL: BRENT,
    Visibility.PARTNERS: BRENT | {"alice", "amir", "bob", "erin"},
    Visibility.COUNCILS: BRENT | {"alice", "amir", "bob", "erin", "dan"},
    Visibility.PUBLIC: set(PEOPLE),
}


@pytest.mark.parametrize("status", list(Pilot.Status))
@pytest.mark.parametrize("visibility", list(Visibility))
def test_each_person_sees_an_adoption_named_or_only_counted_as_its_visibility_says(
    make_pilot, brent, carol, clients, status, visibility
):
    source = make_pilot(Pilot.Status.COMPLETED, visibility=Visibility.PUBLIC)
    adoption = adaptation(source, carol, status, visibility)
    if adoption.is_closed:
        OutcomeFactory(pilot=adoption, verdict=Outcome.Verdict.INCONCLUSIVE)

    named = set()
    for name in PEOPLE:
        html = page(clients, name, source)
        if adoption.get_absolute_url() in html:
            named.add(name)
            assert ("Inconclusive" in html) is adoption.is_closed
        else:
            counted = status != Pilot.Status.DISCARDED  # a discarded card is in no list
            assert ("1 council has adopted this pilot." in html) is counted
            assert "Inconclusive" not in html

    if status == Pilot.Status.DISCARDED:
        assert named == set()
    elif status == Pilot.Status.PLANNED:
        assert named == BRENT  # a planned card is its own council's until sign-off
    else:
        assert named == SEES_BRENT[visibility]


@pytest.mark.parametrize("visibility", list(Visibility))
def test_each_person_sees_the_source_named_only_if_they_may_see_it(
    make_pilot, brent, carol, clients, visibility
):
    source = make_pilot(Pilot.Status.COMPLETED, visibility=visibility, title="Bin texts")
    # Running, so signed off: seen beyond Brent.
    adoption = adaptation(source, carol, Pilot.Status.RUNNING, Visibility.PUBLIC)

    named = {name for name in PEOPLE if "Bin texts</a> (Barnet)" in page(clients, name, adoption)}

    assert named == SEES_BARNET[visibility]
    for name in set(PEOPLE) - named:
        # Outside Brent, whoever may not see the source may not see the copy either.
        if name in BRENT:
            assert "Adapted from a pilot in another council" in page(clients, name, adoption)
        else:
            assert clients[name].get(adoption.get_absolute_url()).status_code == 404
