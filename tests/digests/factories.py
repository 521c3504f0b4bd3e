from councils.models import Visibility
from ideas.models import Idea
from pilots.models import Pilot

from ..pilots.factories import IdeaFactory, OutcomeFactory, PilotFactory

__all__ = ["IdeaFactory", "OutcomeFactory", "PilotFactory", "shared_idea", "started_pilot"]


def shared_idea(author, when, **kwargs):
    """An idea submitted by `author` at `when`, shared with partner councils by default."""
    status = Idea.Status.SUBMITTED
    return shared(IdeaFactory, author, author=author, status=status, submitted_at=when, **kwargs)


def started_pilot(lead, when, **kwargs):
    """A pilot `lead` started at `when`, shared with partner councils by default."""
    status = Pilot.Status.RUNNING
    return shared(PilotFactory, lead, lead=lead, status=status, started_at=when, **kwargs)


def shared(factory_class, person, **fields):
    fields.setdefault("visibility", Visibility.PARTNERS)
    return factory_class(council=person.membership.council, **fields)
