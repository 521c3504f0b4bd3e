from councils.models import Visibility
from ideas.models import Idea
from pilots.models import Pilot

from ..pilots.factories import IdeaFactory, OutcomeFactory, PilotFactory

__all__ = ["IdeaFactory", "OutcomeFactory", "PilotFactory", "shared_idea", "started_pilot"]


def shared_idea(author, when, **kwargs):
    """An idea submitted by `author` at `when`, shared with partner councils by default."""
    kwargs.setdefault("visibility", Visibility.PARTNERS)
    return IdeaFactory(
        author=author,
        council=author.membership.council,
        status=Idea.Status.SUBMITTED,
        submitted_at=when,
        **kwargs,
    )


def started_pilot(lead, when, **kwargs):
    kwargs.setdefault("visibility", Visibility.PARTNERS)
    return PilotFactory(
        lead=lead,
        council=lead.membership.council,
        status=Pilot.Status.RUNNING,
        started_at=when,
        **kwargs,
    )
