import pytest
from django.urls import reverse

from councils.models import Visibility

from .factories import AcceptedIdeaFactory, PilotFactory

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def test_bob_is_offered_to_start_a_pilot_from_an_accepted_idea(client_for, alice, bob, barnet):
    idea = AcceptedIdeaFactory(council=barnet, author=alice)
    page = client_for(bob).get(idea.get_absolute_url()).content.decode()
    assert reverse("pilots:create", kwargs={"idea_pk": idea.pk}) in page


def test_alice_and_carol_are_not_offered_to_start_a_pilot(client_for, alice, carol, barnet):
    idea = AcceptedIdeaFactory(council=barnet, author=alice, visibility=Visibility.PARTNERS)
    create_url = reverse("pilots:create", kwargs={"idea_pk": idea.pk})
    for person in (alice, carol):
        assert create_url not in client_for(person).get(idea.get_absolute_url()).content.decode()


def test_the_idea_page_links_to_its_pilot_once_started(client_for, alice, bob, barnet):
    idea = AcceptedIdeaFactory(council=barnet, author=alice)
    pilot = PilotFactory(council=barnet, idea=idea, lead=alice, created_by=bob)
    page = client_for(alice).get(idea.get_absolute_url()).content.decode()
    assert pilot.get_absolute_url() in page
    assert reverse("pilots:create", kwargs={"idea_pk": idea.pk}) not in page


def test_carol_does_not_see_a_council_only_pilot_of_a_shared_idea(
    client_for, alice, bob, carol, barnet
):
    idea = AcceptedIdeaFactory(council=barnet, author=alice, visibility=Visibility.PARTNERS)
    pilot = PilotFactory(
        council=barnet, idea=idea, lead=alice, created_by=bob, visibility=Visibility.COUNCIL
    )
    page = client_for(carol).get(idea.get_absolute_url()).content.decode()
    assert pilot.get_absolute_url() not in page
    assert pilot.title not in page
