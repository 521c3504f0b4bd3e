"""'Already tried' and 'Similar pilots' rank by text match and by how alike the councils are,
and nothing hidden from the reader takes part in the ranking, the counts or the reasons."""

import pytest
from django.urls import reverse

from councils.models import SimilarCouncil, Visibility
from outcomes.models import Outcome

from .conftest import make_idea, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

SIMILAR = reverse("explore:similar")
TEXT = {"title": "Texts before missed bin collections", "summary": "Texts the night before."}
QUERY = {"title": "Texts before missed bin collections"}


@pytest.fixture
def brent_is_like_barnet(barnet, brent):
    """Brent is one of Barnet's most similar councils; Leeds is not."""
    return SimilarCouncil.objects.create(
        council=barnet, similar=brent, rank=1, distance=0.1, reasons=["deprivation", "density"]
    )


def main_part(response):
    """The page less what changes per request (the CSP nonce, the CSRF token)."""
    html = response.content.decode()
    return html[html.find("<main") : html.find("</main>")] if "<main" in html else html


def titles(response):
    return [pilot.title for pilot in response.context["pilots"]]


def test_of_two_equal_matches_the_one_from_a_similar_council_comes_first(
    client_for, alice, carol, dan, brent, leeds, brent_is_like_barnet
):
    # Brent's is older: on text and age alone, Leeds's would come first.
    make_pilot(brent, carol, **{**TEXT, "title": "Brent: " + TEXT["title"]}, outcome={})
    make_pilot(leeds, dan, **{**TEXT, "title": "Leeds: " + TEXT["title"]}, outcome={})

    response = client_for(alice).get(SIMILAR, QUERY)

    assert titles(response)[:2] == ["Brent: " + TEXT["title"], "Leeds: " + TEXT["title"]]


def test_without_a_similar_council_the_equal_matches_keep_their_text_order(
    client_for, alice, carol, dan, brent, leeds
):
    make_pilot(brent, carol, **{**TEXT, "title": "Brent: " + TEXT["title"]}, outcome={})
    make_pilot(leeds, dan, **{**TEXT, "title": "Leeds: " + TEXT["title"]}, outcome={})

    response = client_for(alice).get(SIMILAR, QUERY)

    assert titles(response)[:2] == ["Leeds: " + TEXT["title"], "Brent: " + TEXT["title"]]


def test_the_fragment_says_how_it_ranks_and_why_a_council_is_alike(
    client_for, alice, carol, brent, brent_is_like_barnet
):
    make_pilot(brent, carol, **TEXT, outcome={})

    html = client_for(alice).get(SIMILAR, QUERY).content.decode()

    assert "Ranked by how closely they match your idea and by how alike their councils" in html
    assert "A council like yours: similar deprivation, similar population density" in html


def test_an_ideas_similar_pilots_page_ranks_by_councils_like_the_ideas_council(
    client_for, alice, carol, dan, brent, leeds, brent_is_like_barnet
):
    idea = make_idea(alice, title=TEXT["title"], problem="Missed bins")
    make_pilot(brent, carol, **{**TEXT, "title": "Brent: " + TEXT["title"]}, outcome={})
    make_pilot(leeds, dan, **{**TEXT, "title": "Leeds: " + TEXT["title"]}, outcome={})

    response = client_for(dan).get(reverse("explore:similar_to_idea", args=[idea.pk]))

    assert titles(response)[:2] == ["Brent: " + TEXT["title"], "Leeds: " + TEXT["title"]]
    html = response.content.decode()
    assert "by how alike their councils are to Barnet" in html
    assert "A council like Barnet: similar deprivation" in html


def test_hidden_pilots_change_nothing_anyone_sees_in_the_ranking_counts_or_reasons(
    client_for, alice, carol, dan, bob, brent, leeds, barnet, brent_is_like_barnet
):
    make_pilot(brent, carol, **{**TEXT, "title": "Brent: " + TEXT["title"]}, outcome={})
    make_pilot(leeds, dan, **{**TEXT, "title": "Leeds: " + TEXT["title"]}, outcome={})
    idea = make_idea(alice, title=TEXT["title"], problem="Missed bins")
    pages = [
        (dan, SIMILAR, QUERY),
        (dan, reverse("explore:similar_to_idea", args=[idea.pk]), {}),
        (carol, SIMILAR, QUERY),
    ]
    before = [main_part(client_for(who).get(url, query)) for who, url, query in pages]

    # Better matches than any visible one, from councils dan and carol cannot see into.
    hidden_text = {"summary": TEXT["title"] + " " + TEXT["title"], "hypothesis": TEXT["title"]}
    for number in range(6):
        make_pilot(
            barnet,
            bob,
            visibility=Visibility.COUNCIL,
            title=f"{TEXT['title']} hidden {number}",
            outcome={"verdict": Outcome.Verdict.DID_NOT_WORK},
            **hidden_text,
        )
    SimilarCouncil.objects.create(council=leeds, similar=barnet, rank=1, distance=0.01)
    after = [main_part(client_for(who).get(url, query)) for who, url, query in pages]

    assert after[0] == before[0]
    assert after[1] == before[1]
    assert after[2] == before[2]
    assert "hidden 0" not in "".join(after)
