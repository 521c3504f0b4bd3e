"""A council's partners come from the cache, and a change to a partnership narrows what its
former partners see at once, whichever way the change is made."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Partnership, Visibility
from councils.visibility import partner_council_ids

from ..explore.conftest import make_pilot
from ..factories import PartnershipFactory


def leave_by_removing(partnership, brent):
    partnership.councils.remove(brent)


def leave_from_the_councils_side(partnership, brent):
    brent.partnerships.remove(partnership)


def leave_by_clearing(partnership, brent):
    partnership.councils.clear()


def leave_by_clearing_the_councils_side(partnership, brent):
    brent.partnerships.clear()


def leave_by_deleting_the_partnership(partnership, brent):
    Partnership.objects.filter(pk=partnership.pk).delete()


@pytest.mark.parametrize(
    "leave",
    [
        leave_by_removing,
        leave_from_the_councils_side,
        leave_by_clearing,
        leave_by_clearing_the_councils_side,
        leave_by_deleting_the_partnership,
    ],
)
def test_carol_stops_seeing_barnets_partners_pilot_as_soon_as_brent_leaves(
    client_for, alice, carol, west_london_alliance, leave
):
    pilot = make_pilot(alice.membership.council, alice, visibility=Visibility.PARTNERS)
    client = client_for(carol)
    assert client.get(pilot.get_absolute_url()).status_code == 200  # partners now cached
    leave(west_london_alliance, carol.membership.council)
    assert client.get(pilot.get_absolute_url()).status_code == 404


def test_dan_sees_barnets_partners_pilot_as_soon_as_leeds_joins(
    client_for, alice, dan, barnet, leeds
):
    pilot = make_pilot(alice.membership.council, alice, visibility=Visibility.PARTNERS)
    client = client_for(dan)
    assert client.get(pilot.get_absolute_url()).status_code == 404  # no partners, cached
    PartnershipFactory(councils=[barnet, leeds])
    assert client.get(pilot.get_absolute_url()).status_code == 200


def test_a_councils_partners_are_read_once_then_from_the_cache(barnet, brent, leeds):
    PartnershipFactory(councils=[barnet, brent])
    with CaptureQueriesContext(connection) as first:
        assert partner_council_ids(barnet) == {barnet.pk, brent.pk}
    with CaptureQueriesContext(connection) as again:
        assert partner_council_ids(barnet) == {barnet.pk, brent.pk}
    assert (len(first), len(again)) == (1, 0)
    assert partner_council_ids(leeds) == {leeds.pk}
