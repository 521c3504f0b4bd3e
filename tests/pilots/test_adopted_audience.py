"""An adoption never widens the original's audience (DESIGN.md "Visibility"): outside the
adopting council, a copy is seen only by those who may see the pilot it was adapted from,
checked live, through every list, search, facet, feed and count."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from councils.models import Visibility
from outcomes.models import Outcome
from pilots.models import Pilot
from pilots.services import adopt_pilot

from .. import surfaces
from .factories import OutcomeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

TITLE = "Zqxcopied collection of bulky waste"
COPIED = "Zqxcopied hypothesis about bulky waste"
OUTSIDERS = ["dan", "nina", "visitor"]


def every_surface(client, user):
    """The text of every list, search, feed, count and download a person can reach, and
    their digest."""
    searches = [
        reverse("explore:experiments") + "?q=bulky+waste",
        reverse("explore:experiments") + "?q=zqxcopied",
        reverse("explore:ideas") + "?q=bulky+waste",
    ]
    pages = "".join(client.get(url).content.decode() for url in searches)
    # The search box and the "Printed from" line repeat what was searched for: that is
    # not the copy's text.
    pages = pages.replace('value="zqxcopied"', "").replace("?q=zqxcopied", "")
    lists = surfaces.every_list(client) + surfaces.downloads(client)
    return (pages + lists + surfaces.digest(user)).lower()


@pytest.fixture
def widened_copy(make_pilot, carol, brent_manager):
    """Barnet's partners-only pilot, adopted by Brent, whose manager signs its copy off for
    the public, and closes it with an outcome."""
    source = make_pilot(
        Pilot.Status.COMPLETED, Visibility.PARTNERS, title=TITLE, hypothesis=COPIED
    )
    copy = adopt_pilot(pilot=source, by=carol)
    copy.sign_off(by=brent_manager, audience=Visibility.PUBLIC)
    OutcomeFactory(pilot=copy, learned="Zqxcopied learning")
    copy.complete(by=carol)
    cache.clear()
    return source, copy


def test_a_copy_widened_to_the_public_stays_hidden_from_outsiders_of_the_original(
    widened_copy, clients, people
):
    _source, copy = widened_copy
    assert copy.visibility == Visibility.PUBLIC
    outcome_url = reverse("outcomes:detail", kwargs={"pilot_pk": copy.pk})
    for person in OUTSIDERS:
        client = clients[person]
        assert client.get(copy.get_absolute_url()).status_code == 404, person
        assert client.get(outcome_url).status_code == 404, person
        assert "zqxcopied" not in every_surface(client, people[person]), person
    for person in ["carol", "brent_manager", "alice", "bob"]:
        assert clients[person].get(copy.get_absolute_url()).status_code == 200, person
        assert "zqxcopied" in every_surface(clients[person], people[person]), person


def test_a_non_partners_digest_holds_none_of_the_copy_a_partners_does(widened_copy, people):
    """Brent's copy started, was adopted and published its outcome inside the period."""
    assert "zqxcopied" not in surfaces.digest(people["dan"]).lower()
    partners_digest = surfaces.digest(people["alice"])
    assert "Zqxcopied learning" in partners_digest
    assert TITLE in partners_digest


def test_counts_never_include_a_copy_the_person_may_not_see(widened_copy, people):
    _source, copy = widened_copy
    for person in OUTSIDERS:
        user = people[person]
        if user is None:
            from django.contrib.auth.models import AnonymousUser

            user = AnonymousUser()
        assert not Pilot.objects.visible_to(user).filter(pk=copy.pk).exists()
        assert not Outcome.objects.visible_to(user).filter(pilot=copy).exists()


def test_narrowing_the_original_later_narrows_the_copy_for_all_but_its_council(
    widened_copy, people, clients, bob
):
    source, copy = widened_copy
    assert clients["carol"].get(copy.get_absolute_url()).status_code == 200
    source.change_audience(by=bob, audience=Visibility.COUNCIL, reason="A resident was named.")
    cache.clear()

    # Brent staff still see their own copy; Barnet still sees the original and the copy
    # (it may see the original); nobody else sees either.
    assert clients["carol"].get(copy.get_absolute_url()).status_code == 200
    assert clients["brent_manager"].get(copy.get_absolute_url()).status_code == 200
    assert clients["alice"].get(copy.get_absolute_url()).status_code == 200
    assert clients["carol"].get(source.get_absolute_url()).status_code == 404


def test_a_chain_of_adoptions_is_checked_all_the_way_back(
    make_pilot, carol, brent_manager, dan, clients, people
):
    from councils.models import Membership

    from ..conftest import member

    source = make_pilot(Pilot.Status.COMPLETED, Visibility.PARTNERS)
    brent_copy = adopt_pilot(pilot=source, by=carol)
    brent_copy.sign_off(by=brent_manager, audience=Visibility.PUBLIC)
    leeds_manager = member(
        "lee@leeds.gov.uk", "Lee Lane", dan.membership.council, Membership.Role.MANAGER
    )
    # Dan (Leeds) cannot see Barnet's original, so he cannot see Brent's copy to adopt it.
    assert clients["dan"].get(brent_copy.get_absolute_url()).status_code == 404
    # Were Barnet to share more widely, Leeds could adopt the copy, and its copy would be
    # seen outside Leeds only while the whole chain is.
    source.change_audience(by=people["bob"], audience=Visibility.PUBLIC, reason="Shared.")
    leeds_copy = adopt_pilot(pilot=brent_copy, by=dan)
    leeds_copy.sign_off(by=leeds_manager, audience=Visibility.PUBLIC)
    cache.clear()
    assert clients["visitor"].get(leeds_copy.get_absolute_url()).status_code == 200
    source.change_audience(by=people["bob"], audience=Visibility.PARTNERS, reason="Narrowed.")
    cache.clear()
    assert clients["visitor"].get(leeds_copy.get_absolute_url()).status_code == 404
    assert clients["nina"].get(leeds_copy.get_absolute_url()).status_code == 404
    assert clients["dan"].get(leeds_copy.get_absolute_url()).status_code == 200  # his own
    assert clients["carol"].get(leeds_copy.get_absolute_url()).status_code == 200


@pytest.fixture
def public_copy(make_pilot, carol, brent_manager):
    """Barnet's public pilot, adopted by Brent and signed off for the public, with an outcome."""
    source = make_pilot(Pilot.Status.COMPLETED, Visibility.PUBLIC, title=TITLE, hypothesis=COPIED)
    copy = adopt_pilot(pilot=source, by=carol)
    copy.sign_off(by=brent_manager, audience=Visibility.PUBLIC)
    OutcomeFactory(pilot=copy, learned="Zqxcopied learning")
    copy.complete(by=carol)
    return source, copy


def test_narrowing_the_original_later_narrows_the_copy_everywhere_but_in_its_council(
    public_copy, clients, people, bob
):
    source, copy = public_copy
    for person in OUTSIDERS:
        assert clients[person].get(copy.get_absolute_url()).status_code == 200, person
        assert "zqxcopied learning" in every_surface(clients[person], people[person]), person

    source.change_audience(by=bob, audience=Visibility.PARTNERS, reason="A resident was named.")

    for person in OUTSIDERS:
        assert clients[person].get(copy.get_absolute_url()).status_code == 404, person
        assert "zqxcopied" not in every_surface(clients[person], people[person]), person
    # The public feed no longer carries the copy's learning, but its council and the
    # original's still find it.
    for person in ["carol", "brent_manager", "alice"]:
        assert clients[person].get(copy.get_absolute_url()).status_code == 200, person
        assert "zqxcopied" in every_surface(clients[person], people[person]), person
