import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea
from outcomes.models import Outcome
from pilots.models import Pilot

from ..html import assert_well_formed_page
from .conftest import MARKER, make_idea, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

HOME = reverse("home")


def funnel_numbers(html):
    """The numbers drawn in the SVG chart and the numbers in the table beside it."""
    svg = re.search(r"<svg class=\"app-funnel\".*?</svg>", html, re.S).group(0)
    tables = "".join(
        re.findall(r"<table class=\"govuk-table app-funnel-table\">.*?</table>", html, re.S)
    )
    drawn = [int(value) for value in re.findall(r"<rect [^>]*data-value=\"(\d+)\"", svg)]
    tabled = [int(value) for value in re.findall(r"<td [^>]*data-value=\"(\d+)\"", tables)]
    return drawn, tabled


def test_a_member_sees_their_councils_numbers(client_for, alice, bob, carol, dan, barnet):
    make_idea(alice, status=Idea.Status.SUBMITTED)
    make_idea(alice, status=Idea.Status.IN_REVIEW)
    make_idea(alice, status=Idea.Status.ACCEPTED)
    make_idea(alice, status=Idea.Status.DRAFT)
    running = make_pilot(barnet, alice, status=Pilot.Status.RUNNING)
    make_pilot(barnet, alice, status=Pilot.Status.RUNNING, end_date=running.start_date)
    overdue = Pilot.objects.filter(pk=running.pk)
    overdue.update(start_date="2020-01-01", end_date="2020-02-01")
    make_pilot(barnet, alice, outcome={"verdict": Outcome.Verdict.DID_NOT_WORK})
    make_pilot(carol.membership.council, carol, adapted_from=running)
    # Leeds's council-only adoption is invisible to alice, so it is not counted.
    make_pilot(dan.membership.council, dan, adapted_from=running, visibility=Visibility.COUNCIL)

    response = client_for(alice).get(HOME)

    numbers = response.context["numbers"]
    assert (numbers["waiting"], numbers["running"], numbers["outcomes"]) == (2, 2, 1)
    assert (numbers["awaiting"], numbers["adopted"]) == (1, 1)
    # The overdue pilot is a link to where the council page lists it.
    assert f'href="/councils/{barnet.slug}/#awaiting">1</a>' in response.content.decode()
    assert (numbers["shared"], numbers["reviewed"], numbers["pilots"]) == (3, 1, 3)
    assert numbers["verdict_did_not_work"] == 1


def test_the_funnel_chart_draws_the_same_numbers_as_its_table(client_for, alice, barnet):
    make_idea(alice, status=Idea.Status.ACCEPTED)
    make_idea(alice, status=Idea.Status.SUBMITTED)
    make_pilot(barnet, alice, outcome={"verdict": Outcome.Verdict.WORKED})
    make_pilot(barnet, alice, outcome={"verdict": Outcome.Verdict.STOPPED_EARLY})

    html = client_for(alice).get(HOME).content.decode()

    drawn, tabled = funnel_numbers(html)
    assert drawn == tabled == [2, 1, 2, 2, 1, 0, 0, 1, 0]
    assert 'role="img"' in html
    assert '<title id="funnel-title">' in html


def test_the_funnel_has_no_inline_styles_or_scripts_the_policy_would_block(client_for, alice):
    html = client_for(alice).get(HOME).content.decode()

    svg = re.search(r"<svg class=\"app-funnel\".*?</svg>", html, re.S).group(0)
    assert "style=" not in svg
    assert "<script" not in svg
    assert " on" not in re.sub(r"\s+", " ", svg).replace(" one", "")


def test_a_member_sees_the_latest_from_partner_councils_only(client_for, alice, carol, dan):
    make_idea(carol, title="Brent shares with partners", visibility=Visibility.PARTNERS)
    make_idea(dan, title="Leeds shares with councils", visibility=Visibility.COUNCILS)
    make_pilot(carol.membership.council, carol, title="Brent outcome", outcome={})

    html = client_for(alice).get(HOME).content.decode()

    assert "Brent shares with partners" in html
    assert "Brent outcome" in html
    assert "Leeds shares with councils" not in html


def test_a_partner_who_hides_their_name_is_not_named_on_the_home_page(client_for, alice, carol):
    make_idea(carol, title="Quiet Brent idea", name_display=Idea.NameDisplay.COUNCIL)

    html = client_for(alice).get(HOME).content.decode()

    assert "Quiet Brent idea" in html
    assert "Carol Chen" not in html
    assert "a member of staff at Brent" in html


def test_the_member_home_has_a_search_box_and_one_heading(client_for, alice):
    response = client_for(alice).get(HOME)

    assert_well_formed_page(response.content)
    assert f'action="{reverse("explore:experiments")}"' in response.content.decode()


def test_a_visitor_sees_what_councils_have_made_public(client, alice, world):
    response = client.get(HOME)

    html = response.content.decode()
    assert response.context["numbers"] == {"ideas": 1, "pilots": 2, "outcomes": 1}
    assert "Text reminders before bin day" in html
    assert MARKER not in html
    assert_well_formed_page(html)
    assert f'href="{reverse("explore:feed")}"' in html


def test_the_public_numbers_are_counted_once_then_kept_for_a_few_minutes(client, alice):
    client.get(HOME)
    make_idea(alice, title="Another public idea")

    assert client.get(HOME).context["numbers"]["ideas"] == 0
    cache.clear()
    assert client.get(HOME).context["numbers"]["ideas"] == 1


def test_someone_without_a_council_gets_the_public_home(client_for, nina, world):
    response = client_for(nina).get(HOME)

    assert response.status_code == 200
    assert "numbers" in response.context
    assert MARKER not in response.content.decode()


def test_dan_whose_council_has_no_partners_is_pointed_to_other_councils_not_partners(
    client_for, alice, dan
):
    make_idea(alice, title="Barnet shares with every council", visibility=Visibility.COUNCILS)
    make_pilot(alice.membership.council, alice, title="Barnet outcome", outcome={})
    make_idea(alice, title="Barnet partners only", visibility=Visibility.PARTNERS)

    html = client_for(dan).get(HOME).content.decode()

    assert "partner councils" not in html.lower()
    assert "Leeds is not in a partnership on Idea Bank yet" in html
    assert "Latest outcomes from other councils" in html
    assert "Barnet shares with every council" in html
    assert "Barnet outcome" in html
    assert "Barnet partners only" not in html


def test_a_member_with_partners_still_hears_only_about_partner_councils(client_for, alice):
    html = client_for(alice).get(HOME).content.decode()
    assert "Latest outcomes from partner councils" in html
    assert "is not in a partnership" not in html
