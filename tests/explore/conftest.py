"""A small world to explore: pilots and ideas at every visibility, in three councils.

Everything private carries MARKER in its words, so a test can prove it never
leaks to someone who may not see it.
"""

import pytest

from councils.models import Visibility
from ideas.models import Idea, Theme
from outcomes.models import Outcome
from pilots.models import Pilot

from ..ideas.factories import IdeaFactory
from ..pilots.factories import OutcomeFactory, PilotFactory

MARKER = "zqxcanary"


def make_pilot(council, lead, *, visibility=Visibility.PUBLIC, outcome=None, themes=(), **kwargs):
    """A pilot; `outcome` (a dict of Outcome fields) also closes it with its outcome."""
    status = Pilot.Status.COMPLETED if outcome is not None else kwargs.pop("status", "running")
    pilot = PilotFactory(
        council=council,
        lead=lead,
        visibility=visibility,
        status=status,
        themes=list(themes),
        **kwargs,
    )
    if outcome is not None:
        OutcomeFactory(pilot=pilot, **outcome)
    return pilot


def make_idea(author, *, visibility=Visibility.PUBLIC, status=Idea.Status.SUBMITTED, **kwargs):
    return IdeaFactory(author=author, visibility=visibility, status=status, **kwargs)


@pytest.fixture
def theme(db):
    return Theme.objects.get_or_create(slug="waste-and-recycling", defaults={"name": "Waste"})[0]


@pytest.fixture
def world(alice, bob, carol, dan, theme):
    """Barnet's public, partners-only and council-only work, plus Brent's and Leeds's."""
    return {
        "public_pilot": make_pilot(
            alice.membership.council,
            alice,
            title="Text reminders before bin day",
            summary="Texts the evening before collection.",
            outcome={"verdict": Outcome.Verdict.WORKED, "evidence_level": 3},
            themes=[theme],
        ),
        "partners_pilot": make_pilot(
            alice.membership.council,
            alice,
            visibility=Visibility.PARTNERS,
            title=f"Partners pilot {MARKER}",
            hypothesis=f"We believe {MARKER} helps.",
            outcome={"verdict": Outcome.Verdict.DID_NOT_WORK, "learned": f"{MARKER} learning"},
            themes=[theme],
        ),
        "council_pilot": make_pilot(
            alice.membership.council,
            alice,
            visibility=Visibility.COUNCIL,
            title=f"Council pilot {MARKER}",
            summary=f"Summary {MARKER}",
            outcome={
                "verdict": Outcome.Verdict.INCONCLUSIVE,
                "evidence_level": 5,
                "learned": f"We learned {MARKER}",
            },
        ),
        "brent_pilot": make_pilot(
            carol.membership.council, carol, title="Brent pilot on missed collections"
        ),
        "leeds_pilot": make_pilot(
            dan.membership.council,
            dan,
            visibility=Visibility.COUNCILS,
            title="Leeds pilot for staff of any council",
        ),
        "public_idea": make_idea(alice, title="Compost bins for flats", themes=[theme]),
        "partners_idea": make_idea(
            alice, visibility=Visibility.PARTNERS, title=f"Partners idea {MARKER}"
        ),
        "council_idea": make_idea(
            alice, visibility=Visibility.COUNCIL, problem=f"The problem is {MARKER}"
        ),
        "draft_idea": make_idea(
            alice, status=Idea.Status.DRAFT, title=f"Draft {MARKER}", proposal=MARKER
        ),
        "leeds_idea": make_idea(dan, visibility=Visibility.COUNCILS, title="Leeds idea"),
    }
