import pytest
from django.urls import reverse

from councils.models import Visibility
from outcomes.models import Outcome

from ..html import assert_well_formed_page
from .conftest import make_idea, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

SIMILAR = reverse("explore:similar")


def test_while_writing_an_idea_similar_pilots_from_other_councils_are_shown(
    client_for, alice, carol, dan, barnet
):
    make_pilot(
        carol.membership.council,
        carol,
        title="Reminder texts for bin collections",
        outcome={"verdict": Outcome.Verdict.DID_NOT_WORK, "evidence_level": 2},
    )
    make_pilot(barnet, alice, title="Barnet's own bin reminder texts")
    make_pilot(
        dan.membership.council,
        dan,
        title="Library opening hours",
        summary="Open later on Thursdays.",
        hypothesis="We believe later hours bring more readers.",
    )

    response = client_for(alice).get(
        SIMILAR, {"title": "Texts about bin collections", "problem": "Missed bins"}
    )

    html = response.content.decode()
    assert "Reminder texts for bin collections" in html
    assert "It did not work" in html
    assert "Evidence level 2" in html
    assert "Library opening hours" not in html
    # Barnet's own earlier pilot is there too, labelled as such; Brent's is not.
    own = html.split("Barnet&#x27;s own bin reminder texts")[1].split("</li>")[0]
    assert "Earlier pilot at your council" in own
    assert html.count("Earlier pilot at your council") == 1


def test_no_more_than_five_similar_pilots_are_shown(client_for, alice, carol, brent):
    for number in range(7):
        make_pilot(brent, carol, title=f"Bin reminder texts {number}")

    response = client_for(alice).get(SIMILAR, {"title": "Bin reminder texts"})

    assert len(response.context["pilots"]) == 5


def test_similar_pilots_never_include_what_the_person_cannot_see(client_for, alice, dan, barnet):
    make_pilot(barnet, alice, title="Bin reminder texts", visibility=Visibility.PARTNERS)

    response = client_for(dan).get(SIMILAR, {"title": "Bin reminder texts"})

    assert response.context["pilots"] == []
    assert "We have not found a pilot like this yet." in response.content.decode()


def test_the_similar_fragment_needs_a_signed_in_person(client, db):
    assert client.get(SIMILAR, {"title": "bins"}).status_code == 302


@pytest.mark.parametrize(
    "query", [{}, {"title": ""}, {"title": "a" * 10_000}, {"title": "%00 & | !"}, {"problem": "x"}]
)
def test_odd_input_to_the_similar_fragment_is_never_an_error(client_for, alice, query):
    assert client_for(alice).get(SIMILAR, query).status_code == 200


def test_an_idea_page_links_to_similar_pilots_and_that_page_lists_them(
    client_for, alice, carol, brent
):
    idea = make_idea(alice, title="Texts before bin day", problem="Missed bin collections")
    make_pilot(brent, carol, title="Bin day texts", outcome={})
    similar_url = reverse("explore:similar_to_idea", args=[idea.pk])

    idea_page = client_for(carol).get(idea.get_absolute_url()).content.decode()
    similar_page = client_for(carol).get(similar_url)

    assert similar_url in idea_page
    assert "Bin day texts" in similar_page.content.decode()
    assert_well_formed_page(similar_page.content)


def test_the_idea_form_loads_the_script_that_shows_similar_pilots(client_for, alice):
    html = client_for(alice).get(reverse("ideas:create")).content.decode()

    assert '<script type="module" src="/static/js/already_tried.js"></script>' in html
    assert f'data-url="{SIMILAR}"' in html


def test_after_saving_a_draft_the_author_can_see_similar_pilots(client_for, alice):
    response = client_for(alice).post(
        reverse("ideas:create"),
        {
            "title": "Bin texts",
            "action": "draft",
            "cost_band": "none",
            "requested_visibility": "partners",
            "name_display": "everyone",
        },
        follow=True,
    )

    assert response.redirect_chain, response.content.decode()[:2000]
    idea = response.context["idea"]
    assert reverse("explore:similar_to_idea", args=[idea.pk]) in response.content.decode()


def test_an_ideas_similar_pilots_page_labels_its_councils_earlier_pilots_but_not_its_own(
    client_for, alice, bob, carol, barnet, brent
):
    from ..pilots.factories import AcceptedIdeaFactory

    idea = AcceptedIdeaFactory(author=alice, title="Texts before bin day", problem="Missed bins")
    make_pilot(barnet, alice, title="Bin day texts from this idea", idea=idea)
    make_pilot(barnet, alice, title="Bin day texts tried last year", outcome={})
    make_pilot(brent, carol, title="Bin day texts at Brent", outcome={})

    html = client_for(carol).get(reverse("explore:similar_to_idea", args=[idea.pk])).text

    assert "Bin day texts from this idea" not in html
    earlier = html.split("Bin day texts tried last year")[1].split("</li>")[0]
    assert "Earlier pilot at Barnet, this idea’s council" in earlier
    brents = html.split("Bin day texts at Brent")[1].split("</li>")[0]
    assert "Earlier pilot" not in brents


def test_the_similar_pilots_panel_sits_above_the_submit_button(client_for, alice):
    html = client_for(alice).get(reverse("ideas:create")).content.decode()

    assert html.index("data-already-tried") < html.index('value="submit"')


def test_the_similar_list_opened_in_the_browser_is_a_whole_page(client_for, alice, carol):
    make_pilot(carol.membership.council, carol, title="Reminder texts for bin collections")

    response = client_for(alice).get(
        SIMILAR, {"title": "Texts about bins"}, headers={"Sec-Fetch-Mode": "navigate"}
    )

    html = response.content.decode()
    assert_well_formed_page(response.content)
    assert '<html lang="en-gb"' in html
    assert "<title>Pilots like your idea" in html
    assert "Reminder texts for bin collections" in html
    assert "Sec-Fetch-Mode" in response["Vary"]


def test_the_similar_page_opened_with_nothing_typed_says_what_it_is_for(client_for, alice):
    response = client_for(alice).get(SIMILAR, headers={"Sec-Fetch-Mode": "navigate"})

    assert_well_formed_page(response.content)
    assert "shows pilots like it as you type its title" in response.content.decode()


@pytest.mark.parametrize("mode", [None, "cors", "same-origin"])
def test_the_similar_list_fetched_by_the_idea_form_is_still_a_fragment(client_for, alice, mode):
    headers = {"Sec-Fetch-Mode": mode} if mode else {}

    html = client_for(alice).get(SIMILAR, {"title": "bins"}, headers=headers).content.decode()

    assert "<html" not in html
    assert "Already tried" in html
