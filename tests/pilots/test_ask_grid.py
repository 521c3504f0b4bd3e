"""Who reads a conversation about a pilot: person × the pilot's audience × the asker's
council. The conversation page and the pilot page's list must agree with the rule."""

import pytest

from pilots import conversations
from pilots.models import Pilot

from ..surfaces import conversation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

READERS = {
    # (pilot audience, asker): who reads the conversation; everyone else gets 404.
    ("partners", "carol"): {"alice", "amir", "bob", "erin", "carol", "brent_manager"},
    ("councils", "carol"): {"alice", "amir", "bob", "erin", "carol", "brent_manager"},
    ("public", "carol"): {"alice", "amir", "bob", "erin", "carol", "brent_manager"},
    ("councils", "dan"): {"alice", "amir", "bob", "erin", "dan"},
    ("public", "dan"): {"alice", "amir", "bob", "erin", "dan"},
}


@pytest.mark.parametrize(("audience", "asker"), list(READERS))
def test_only_the_two_councils_read_a_conversation_on_every_surface(
    make_pilot, people, clients, audience, asker
):
    pilot = make_pilot(Pilot.Status.RUNNING, audience)
    question = conversations.ask_question(
        pilot=pilot, by=people[asker], body=f"A question from {asker}"
    )
    seen = {}
    for person, client in clients.items():
        text, listed = conversation(client, question)
        seen[person] = text is not None
        assert listed == seen[person], person
        if text is not None:
            assert f"A question from {asker}" in text
    assert {person for person, yes in seen.items() if yes} == READERS[(audience, asker)]


def test_narrowing_the_pilot_hides_the_conversation_from_the_asker(
    make_pilot, people, clients, bob
):
    pilot = make_pilot(Pilot.Status.RUNNING, "partners")
    question = conversations.ask_question(pilot=pilot, by=people["carol"], body="Hello")
    pilot.change_audience(by=bob, audience="council", reason="Private for now")
    assert conversation(clients["carol"], question) == (None, False)
    assert conversation(clients["alice"], question)[0] is not None
