import pytest

from councils.models import Membership
from pilots.models import Pilot

from ..conftest import member, people_by_name
from .factories import OutcomeFactory, PilotFactory


@pytest.fixture
def amir(barnet, west_london_alliance):
    """Staff at Barnet who does not lead the pilots in these tests."""
    return member("amir@barnet.gov.uk", "Amir Aziz", barnet, Membership.Role.STAFF)


@pytest.fixture
def people(request):
    names = ["alice", "amir", "bob", "erin", "carol", "brent_manager", "dan", "nina"]
    return people_by_name(request, [*names, "platform_admin", "visitor"])


@pytest.fixture
def clients(people, client_for):
    """One signed-in client per person, made once per test."""
    return {name: client_for(user) for name, user in people.items()}


@pytest.fixture
def make_pilot(barnet, alice, bob):
    """A Barnet pilot led by alice; closed pilots come with their outcome, as they must."""

    def make(status=Pilot.Status.PLANNED, visibility="partners", **kwargs):
        card = {"council": barnet, "lead": alice, "created_by": bob, "visibility": visibility}
        pilot = PilotFactory(status=status, **{**card, **kwargs})
        if status in {Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY}:
            OutcomeFactory(pilot=pilot)
        return pilot

    return make
