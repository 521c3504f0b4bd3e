"""The experiment card suggests comparison councils for its measure: councils like the
pilot's that are not running the same kind of pilot (as far as the reader may see)."""

import pytest

from councils.models import SimilarCouncil, Visibility
from pilots.models import Pilot

from ..factories import CouncilFactory
from .factories import PilotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

CARD = {"title": "Texts before bin day", "summary": "Bin day texts the evening before."}


@pytest.fixture
def like_barnet(barnet, brent, leeds):
    """Barnet's most similar councils, nearest first: Brent, Leeds, Wigan."""
    wigan = CouncilFactory(short_name="Wigan", code="WGN")
    for rank, (council, reasons) in enumerate(
        [(brent, ["deprivation"]), (leeds, ["density"]), (wigan, [])], start=1
    ):
        SimilarCouncil.objects.create(
            council=barnet, similar=council, rank=rank, distance=rank / 10, reasons=reasons
        )
    return wigan


def names(response):
    return [like.council.short_name for like in response.context["comparison_councils"]]


def test_similar_councils_already_running_a_pilot_like_it_are_left_out(
    make_pilot, clients, carol, brent, like_barnet
):
    card = make_pilot(Pilot.Status.RUNNING, **CARD)
    PilotFactory(council=brent, lead=carol, status=Pilot.Status.RUNNING, **CARD)

    response = clients["alice"].get(card.get_absolute_url())

    assert names(response) == ["Leeds", "Wigan"]
    html = response.content.decode()
    assert "Councils to compare with" in html
    assert "are not running a pilot like this one" in html
    assert card.success_measure[:30] in html
    assert "/councils/leeds/" in html
    assert "Leeds</a>: similar population density" in html


def test_a_council_in_the_pilots_lineage_is_not_a_comparison(
    make_pilot, clients, carol, brent, like_barnet
):
    card = make_pilot(Pilot.Status.RUNNING, title="Library opening hours", summary="Later.")
    PilotFactory(
        council=brent, lead=carol, adapted_from=card, status="running", title="Something else"
    )

    response = clients["alice"].get(card.get_absolute_url())

    assert names(response) == ["Leeds", "Wigan"]


def test_a_pilot_the_reader_may_not_see_does_not_change_the_suggestions(
    make_pilot, clients, dan, leeds, like_barnet
):
    card = make_pilot(Pilot.Status.RUNNING, **CARD)
    PilotFactory(
        council=leeds, lead=dan, status=Pilot.Status.RUNNING, visibility=Visibility.COUNCIL, **CARD
    )

    response = clients["alice"].get(card.get_absolute_url())

    assert names(response) == ["Brent", "Leeds", "Wigan"]


def test_a_closed_pilot_suggests_no_comparison_councils(make_pilot, clients, like_barnet):
    card = make_pilot(Pilot.Status.COMPLETED, **CARD)

    response = clients["alice"].get(card.get_absolute_url())

    assert response.context["comparison_councils"] == []
    assert "Councils to compare with" not in response.content.decode()
