import pytest

from councils.models import Visibility
from ideas.models import Idea
from pilots.models import Pilot, PilotUpdate

from .factories import AcceptedIdeaFactory, PilotFactory

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def running_pilot_led_by_its_hidden_author(alice, bob, barnet):
    idea = AcceptedIdeaFactory(
        council=barnet,
        author=alice,
        visibility=Visibility.PARTNERS,
        name_display=Idea.NameDisplay.COUNCIL,
    )
    pilot = PilotFactory(
        council=barnet, idea=idea, lead=alice, created_by=bob, visibility=Visibility.PARTNERS
    )
    pilot.sign_off(by=bob)
    PilotUpdate.objects.create(pilot=pilot, author=alice, body="Week one went to plan.")
    return pilot


def test_carol_never_sees_the_name_of_a_lead_who_hid_it_on_her_idea(
    client_for, alice, bob, carol, barnet
):
    pilot = running_pilot_led_by_its_hidden_author(alice, bob, barnet)
    page = client_for(carol).get(pilot.get_absolute_url()).content.decode()
    assert pilot.status == Pilot.Status.RUNNING
    assert "Alice" not in page
    # The lead row and her update begin with it, so it starts with a capital.
    assert "A member of staff at Barnet" in page


def test_bob_sees_his_colleagues_name_on_the_pilot(client_for, alice, bob, barnet):
    pilot = running_pilot_led_by_its_hidden_author(alice, bob, barnet)
    page = client_for(bob).get(pilot.get_absolute_url()).content.decode()
    assert "Alice Adeyemi" in page
