import pytest

from councils.models import Membership
from pilots.models import Pilot

from ..conftest import member
from .factories import OutcomeFactory, PilotFactory


@pytest.fixture
def amir(barnet, west_london_alliance):
    """Staff at Barnet who does not lead the pilots in these tests."""
    return member("amir@barnet.gov.uk", "Amir Aziz", barnet, Membership.Role.STAFF)


@pytest.fixture
def people(alice, amir, bob, erin, carol, brent_manager, dan, nina, platform_admin):
    return {
        "alice": alice,
        "amir": amir,
        "bob": bob,
        "erin": erin,
        "carol": carol,
        "brent_manager": brent_manager,
        "dan": dan,
        "nina": nina,
        "platform_admin": platform_admin,
        "visitor": None,
    }


@pytest.fixture
def clients(people, client_for):
    """One signed-in client per person, made once per test."""
    return {name: client_for(user) for name, user in people.items()}


@pytest.fixture
def make_pilot(barnet, alice, bob):
    """A Barnet pilot led by alice; closed pilots come with their outcome, as they must."""

    def make(status=Pilot.Status.PLANNED, visibility="partners", **kwargs):
        pilot = PilotFactory(
            council=barnet,
            lead=alice,
            created_by=bob,
            status=status,
            visibility=visibility,
            **kwargs,
        )
        if status in {Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY}:
            OutcomeFactory(pilot=pilot)
        return pilot

    return make
