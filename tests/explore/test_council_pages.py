import datetime

import pytest
from django.urls import reverse

from councils.models import Visibility
from pilots.models import Pilot

from ..html import assert_well_formed_page
from .conftest import MARKER, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def titles(response):
    return {pilot.title for pilot in response.context["page_obj"].object_list}


def overdue(pilot):
    Pilot.objects.filter(pk=pilot.pk).update(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 2, 1)
    )
    return pilot


def test_a_council_page_lists_its_experiments_the_person_can_see(client_for, dan, carol, world):
    as_dan = client_for(dan).get("/councils/barnet/")
    as_carol = client_for(carol).get("/councils/barnet/")

    assert titles(as_dan) == {"Text reminders before bin day"}
    assert titles(as_carol) == {"Text reminders before bin day", world["partners_pilot"].title}


def test_a_council_page_filters_its_experiments(client_for, alice, world):
    response = client_for(alice).get("/councils/barnet/", {"verdict": "inconclusive"})

    assert titles(response) == {world["council_pilot"].title}
    assert "council" not in response.context["form"].fields


def test_a_council_page_lists_its_visible_pilots_awaiting_an_outcome(
    client_for, alice, dan, barnet
):
    late = overdue(make_pilot(barnet, alice, title="Late public pilot"))
    overdue(make_pilot(barnet, alice, title=f"Late {MARKER}", visibility=Visibility.COUNCIL))
    make_pilot(barnet, alice, title="Running on time")

    response = client_for(dan).get("/councils/barnet/")

    assert response.context["awaiting"] == [late]
    assert MARKER not in response.content.decode()


def test_a_partnership_page_lists_its_members_experiments_and_late_pilots(
    client_for, carol, dan, world
):
    overdue(world["brent_pilot"])

    response = client_for(carol).get("/partnerships/west-london-alliance/")

    assert world["leeds_pilot"].title not in titles(response)
    assert world["brent_pilot"].title in titles(response)
    assert world["partners_pilot"].title in titles(response)
    assert response.context["awaiting"] == [world["brent_pilot"]]


def test_a_partnership_page_can_be_narrowed_to_one_member_council(client_for, carol, world):
    response = client_for(carol).get("/partnerships/west-london-alliance/", {"council": "brent"})

    assert titles(response) == {world["brent_pilot"].title}


def test_council_and_partnership_pages_are_well_formed(client_for, dan, world):
    for url in ("/councils/barnet/", "/partnerships/west-london-alliance/"):
        assert_well_formed_page(client_for(dan).get(url, {"verdict": "great"}).content)


def test_the_old_council_urls_still_work(client, barnet, west_london_alliance):
    assert barnet.get_absolute_url() == "/councils/barnet/"
    assert west_london_alliance.get_absolute_url() == "/partnerships/west-london-alliance/"
    assert reverse("explore:council", args=["barnet"]) == "/councils/barnet/"
