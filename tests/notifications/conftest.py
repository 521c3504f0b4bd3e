import pytest

from councils.models import Visibility
from ideas.models import Idea
from notifications.models import Notification
from pilots.models import Pilot

from ..ideas.factories import IdeaFactory
from ..pilots.factories import PilotFactory


@pytest.fixture
def alices_idea(alice):
    """Alice's idea in review, shared with partner councils."""
    return IdeaFactory(author=alice, status=Idea.Status.IN_REVIEW, visibility=Visibility.PARTNERS)


@pytest.fixture
def alices_pilot(alice, bob, barnet):
    """A running Barnet pilot led by Alice, shared with partner councils."""
    return PilotFactory(
        council=barnet,
        lead=alice,
        created_by=bob,
        status=Pilot.Status.RUNNING,
        visibility=Visibility.PARTNERS,
    )


def notified(person, kind=None):
    """The messages of `person`'s notifications (of `kind`), oldest first."""
    rows = Notification.objects.filter(recipient=person).order_by("pk")
    if kind is not None:
        rows = rows.filter(kind=kind)
    return [row.message for row in rows]


def emails_to(mailoutbox, person):
    return [message for message in mailoutbox if message.to == [person.email]]
