import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Visibility
from ideas.models import Idea, Theme, TransitionNotAllowed
from pilots import services
from pilots.models import Pilot

from ..conftest import member
from ..html import assert_well_formed_page
from ..ideas.factories import idea_in_status
from .factories import AcceptedIdeaFactory
from .helpers import answers, expected_codes, new_card_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def create_pilot_from_idea(*, idea, by):
    """The service as the card form calls it: the pre-filled card, saved unchanged."""
    return services.create_pilot_from_idea(
        idea=idea, by=by, card=services.card_from_idea(idea, by=by), themes=idea.themes.all()
    )


@pytest.fixture
def theme(db):
    return Theme.objects.create(name="Waste", slug="waste-test")


def test_the_card_is_prefilled_from_the_idea(barnet, alice, bob, theme):
    idea = AcceptedIdeaFactory(
        council=barnet,
        author=alice,
        title="Text bin reminders",
        problem="People miss collections.",
        proposal="Send a text the evening before.",
        cost_band=Idea.CostBand.FROM_10K_TO_50K,
        visibility=Visibility.COUNCILS,
        themes=[theme],
    )

    pilot = create_pilot_from_idea(idea=idea, by=bob)

    today = timezone.localdate()
    assert pilot.status == Pilot.Status.PLANNED
    assert (pilot.council, pilot.idea, pilot.title) == (barnet, idea, "Text bin reminders")
    assert pilot.summary == "People miss collections.\n\nSend a text the evening before."
    assert list(pilot.themes.all()) == [theme]
    assert pilot.visibility == Visibility.COUNCILS
    assert pilot.lead == alice
    assert pilot.created_by == bob
    assert (pilot.start_date, pilot.end_date) == (today, today + datetime.timedelta(days=90))
    assert pilot.budget_cap == Decimal("50000")


@pytest.mark.parametrize(
    "band,budget",
    [
        (Idea.CostBand.NONE, "0"),
        (Idea.CostBand.UNDER_10K, "10000"),
        (Idea.CostBand.FROM_50K_TO_250K, "250000"),
        (Idea.CostBand.OVER_250K, "0"),
    ],
)
def test_the_budget_cap_starts_at_the_cost_bands_upper_bound(barnet, alice, bob, band, budget):
    idea = AcceptedIdeaFactory(council=barnet, author=alice, cost_band=band)

    assert create_pilot_from_idea(idea=idea, by=bob).budget_cap == Decimal(budget)


def test_the_manager_leads_when_the_author_has_left_the_council(barnet, brent, bob):
    former = member("former@barnet.gov.uk", "Fay Former", brent)
    idea = AcceptedIdeaFactory(council=barnet, author=former)

    assert create_pilot_from_idea(idea=idea, by=bob).lead == bob


def test_a_long_problem_and_proposal_are_shortened_to_fit_the_summary(barnet, alice, bob):
    idea = AcceptedIdeaFactory(
        council=barnet, author=alice, problem="p" * 4000, proposal="q" * 4000
    )

    pilot = create_pilot_from_idea(idea=idea, by=bob)

    assert len(pilot.summary) == 3000
    assert pilot.summary.endswith("…")


@pytest.mark.parametrize(
    "status",
    [Idea.Status.SUBMITTED, Idea.Status.IN_REVIEW, Idea.Status.DECLINED, Idea.Status.PARKED],
)
def test_only_an_accepted_idea_becomes_a_pilot(barnet, alice, bob, status):
    idea = AcceptedIdeaFactory(council=barnet, author=alice, status=status)

    with pytest.raises(TransitionNotAllowed):
        create_pilot_from_idea(idea=idea, by=bob)
    assert not Pilot.objects.exists()


def test_staff_cannot_create_a_pilot_through_the_service(barnet, alice):
    idea = AcceptedIdeaFactory(council=barnet, author=alice)

    with pytest.raises(TransitionNotAllowed):
        create_pilot_from_idea(idea=idea, by=alice)


def test_an_idea_accepted_through_its_workflow_becomes_a_pilot(barnet, alice, bob, clients):
    idea = idea_in_status(Idea.Status.ACCEPTED, author=alice, reviewer=bob)

    response = clients["bob"].post(
        reverse("pilots:create", kwargs={"idea_pk": idea.pk}),
        new_card_post(idea.title, idea.author_id),
    )

    pilot = Pilot.objects.get(idea=idea)
    assert response.status_code == 302
    assert response.url == pilot.get_absolute_url()


def test_creating_twice_gives_one_pilot(barnet, alice, bob, clients):
    idea = AcceptedIdeaFactory(council=barnet, author=alice)
    url = reverse("pilots:create", kwargs={"idea_pk": idea.pk})

    clients["bob"].post(url, new_card_post(idea.title, idea.author_id))
    second = clients["bob"].post(url, new_card_post(idea.title, idea.author_id))

    pilot = Pilot.objects.get(idea=idea)
    assert second.url == pilot.get_absolute_url()


@pytest.mark.parametrize("status", [Idea.Status.ACCEPTED, Idea.Status.IN_REVIEW])
@pytest.mark.parametrize("visibility", [level.value for level in Visibility])
def test_only_managers_of_the_ideas_council_may_create_from_an_accepted_idea(
    barnet, alice, clients, status, visibility
):
    idea = AcceptedIdeaFactory(council=barnet, author=alice, status=status, visibility=visibility)
    url = reverse("pilots:create", kwargs={"idea_pk": idea.pk})

    got = answers(clients, url)

    allowed = {"bob", "erin"} if status == Idea.Status.ACCEPTED else set()
    assert got == expected_codes(visibility, allowed)


def test_the_confirmation_page_has_one_h1(barnet, alice, clients):
    idea = AcceptedIdeaFactory(council=barnet, author=alice)

    response = clients["bob"].get(reverse("pilots:create", kwargs={"idea_pk": idea.pk}))

    assert_well_formed_page(response)


def test_the_idea_page_snippet_shows_the_button_only_when_allowed(barnet, alice, rf):
    from django.template.loader import render_to_string

    idea = AcceptedIdeaFactory(council=barnet, author=alice)
    request = rf.get("/")

    shown = render_to_string(
        "pilots/_idea_pilot_link.html", {"idea": idea, "can_create_pilot": True}, request
    )
    hidden = render_to_string(
        "pilots/_idea_pilot_link.html", {"idea": idea, "can_create_pilot": False}, request
    )

    assert reverse("pilots:create", kwargs={"idea_pk": idea.pk}) in shown
    assert "Start a pilot" not in hidden
