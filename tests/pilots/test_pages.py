import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea
from pilots.models import Pilot

from ..factories import CouncilFactory, UserFactory
from ..html import assert_well_formed_page
from ..ideas.factories import IdeaFactory
from .factories import OutcomeFactory, PilotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

LIST_URL = reverse("pilots:list")


def make_rows(count):
    """Pilots across councils, statuses and visibilities, some with outcomes."""
    statuses = [s for s in Pilot.Status if s not in Pilot.UNSIGNED]  # others see these
    for n in range(count):
        pilot = PilotFactory(
            council=CouncilFactory(),
            lead=UserFactory(),
            status=statuses[n % len(statuses)],
            visibility=[Visibility.PUBLIC, Visibility.COUNCILS][n % 2],
        )
        if pilot.is_closed:
            OutcomeFactory(pilot=pilot)


def queries_for(client, url):
    client.get(url)  # warm up: session, membership caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("person", ["carol", "visitor"])
def test_the_pilot_list_needs_the_same_queries_for_5_and_50_rows(
    clients, person, django_assert_max_num_queries
):
    make_rows(5)
    few = queries_for(clients[person], LIST_URL)
    make_rows(45)

    with django_assert_max_num_queries(few):
        response = clients[person].get(LIST_URL)

    assert len(response.context["pilots"]) == 25
    # Visitors see the public half of each batch: 3 of the first 5, 23 of the next 45.
    assert response.context["page_obj"].paginator.count == {"carol": 50, "visitor": 26}[person]


def test_the_pilot_list_shows_only_pilots_the_person_may_see(make_pilot, clients):
    for visibility in Visibility:
        make_pilot(Pilot.Status.RUNNING, visibility=visibility, title=f"Barnet {visibility.value}")

    seen = {p.title for p in clients["dan"].get(LIST_URL).context["pilots"]}

    assert seen == {"Barnet councils", "Barnet public"}


def test_the_pilot_list_is_paginated(clients):
    make_rows(30)

    page_two = clients["carol"].get(LIST_URL, {"page": 2})

    assert len(page_two.context["pilots"]) == 5


@pytest.mark.parametrize("status", list(Pilot.Status))
@pytest.mark.parametrize("person", ["alice", "bob", "carol", "visitor"])
def test_the_pilot_page_has_one_h1_for_every_status(make_pilot, clients, status, person):
    pilot = make_pilot(status, visibility=Visibility.PUBLIC)

    response = clients[person].get(pilot.get_absolute_url())

    assert_well_formed_page(response)


@pytest.mark.parametrize("name", ["pilots:list", "pilots:awaiting"])
def test_list_pages_have_one_h1(clients, name):
    assert_well_formed_page(clients["alice"].get(reverse(name)))


def test_the_pilot_page_shows_the_card_lead_status_and_buttons_for_the_lead(make_pilot, clients):
    pilot = make_pilot(Pilot.Status.PLANNED, hypothesis="We believe that texts help.")

    html = clients["alice"].get(pilot.get_absolute_url()).content.decode()

    assert "We believe that texts help." in html
    assert "Alice Adeyemi" in html
    assert "Planned" in html
    assert reverse("pilots:edit", kwargs={"pk": pilot.pk}) in html
    assert reverse("pilots:sign_off", kwargs={"pk": pilot.pk}) not in html


def test_the_pilot_page_shows_the_outcome_headline_and_the_history(make_pilot, clients, bob):
    pilot = make_pilot(Pilot.Status.PLANNED)
    pilot.sign_off(by=bob)
    OutcomeFactory(pilot=pilot, verdict="did_not_work", evidence_level=2, actual_cost="1200")
    pilot.complete(by=bob)

    html = clients["carol"].get(pilot.get_absolute_url()).content.decode()

    assert "It did not work" in html
    assert "Evidence level 2" in html
    assert "Cost £1,200</p>" in html  # whole pounds, without ".00"
    # Other councils see a colleague as their role at the council (one name rule:
    # ideas.permissions.person_label), as on the idea's timeline.
    assert "a manager at Barnet signed it off and it started running" in html
    assert "Bob Birch" not in html
    assert "from “Running” to “Completed”" in html


def pilot_reads(queries):
    """The queries that read pilots themselves (not a column of another query)."""
    return [query for query in queries if query["sql"].startswith('SELECT "pilots_pilot"')]


def test_an_idea_page_asks_for_pilots_only_when_the_idea_has_one(client_for, alice, barnet):
    lone, piloted = (
        IdeaFactory(author=alice, status=Idea.Status.IN_REVIEW, title=title)
        for title in ("Lone idea", "Piloted idea")
    )
    PilotFactory(
        council=barnet, lead=alice, idea=piloted, title="Texts before bin day", status="running"
    )
    client = client_for(alice)

    with CaptureQueriesContext(connection) as lone_page:
        lone_html = client.get(lone.get_absolute_url()).content.decode()
    with CaptureQueriesContext(connection) as piloted_page:
        piloted_html = client.get(piloted.get_absolute_url()).content.decode()

    assert pilot_reads(lone_page) == []
    assert len(pilot_reads(piloted_page)) == 1
    assert "Texts before bin day" in piloted_html
    assert "Texts before bin day" not in lone_html


def test_waiting_for_sign_off_never_breaks_at_its_hyphen_but_downloads_keep_a_plain_one(
    make_pilot, clients, alice
):
    waiting = make_pilot(title="Waiting card")
    waiting.ask_for_sign_off(by=alice)

    html = clients["alice"].get(LIST_URL).content.decode()

    assert ">Waiting for sign\N{NON-BREAKING HYPHEN}off</strong>" in html
    assert waiting.status_label == "Waiting for sign-off"
