"""Every person × visibility × pilot status, for each pilot page (DESIGN.md, STYLE.md "Tests").

Invisible is 404 (never confirm it exists), visible but not allowed is 403, and
visitors are sent to sign in before any page that changes something.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Visibility
from pilots.models import Pilot

from .. import surfaces
from .helpers import LEAD_OR_MANAGER, MANAGERS, PEOPLE, answers, expected_codes, seen_by

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

STATUSES = [status.value for status in Pilot.Status]
VISIBILITIES = [level.value for level in Visibility]
grid = pytest.mark.parametrize(
    "status,visibility", [(s, v) for s in STATUSES for v in VISIBILITIES]
)


@grid
def test_the_pilot_page_is_seen_exactly_by_those_the_visibility_allows(
    clients, make_pilot, status, visibility
):
    pilot = make_pilot(status, visibility)

    got = answers(clients, reverse("pilots:detail", kwargs={"pk": pilot.pk}))

    assert got == expected_codes(
        (visibility, status), seen_by(visibility, status), login_first=False
    )


@grid
def test_only_the_lead_and_managers_edit_the_card_and_only_while_planned(
    clients, make_pilot, status, visibility
):
    pilot = make_pilot(status, visibility)

    got = answers(clients, reverse("pilots:edit", kwargs={"pk": pilot.pk}))

    allowed = LEAD_OR_MANAGER if status == Pilot.Status.PLANNED else set()
    assert got == expected_codes((visibility, status), allowed)


@grid
def test_only_managers_of_the_council_sign_off_and_only_a_planned_pilot(
    clients, make_pilot, status, visibility
):
    pilot = make_pilot(status, visibility)

    got = answers(clients, reverse("pilots:sign_off", kwargs={"pk": pilot.pk}))

    allowed = MANAGERS if status == Pilot.Status.PLANNED else set()
    assert got == expected_codes((visibility, status), allowed)


@grid
def test_only_the_lead_and_managers_add_updates_and_only_while_running(
    clients, make_pilot, status, visibility
):
    pilot = make_pilot(status, visibility)

    got = answers(clients, reverse("pilots:add_update", kwargs={"pk": pilot.pk}))

    allowed = LEAD_OR_MANAGER if status == Pilot.Status.RUNNING else set()
    assert got == expected_codes((visibility, status), allowed)


@grid
@pytest.mark.parametrize("route", ["pilots:complete", "pilots:stop_early"])
def test_only_the_lead_and_managers_close_a_running_pilot(
    clients, make_pilot, status, visibility, route
):
    pilot = make_pilot(status, visibility)

    got = answers(clients, reverse(route, kwargs={"pk": pilot.pk}))

    allowed = LEAD_OR_MANAGER if status == Pilot.Status.RUNNING else set()
    assert got == expected_codes((visibility, status), allowed, ok=302)


@grid
def test_staff_of_other_councils_who_can_see_a_pilot_may_adopt_it(
    clients, make_pilot, status, visibility
):
    pilot = make_pilot(status, visibility)

    got = answers(clients, reverse("pilots:adopt", kwargs={"pk": pilot.pk}))

    assert got == expected_codes((visibility, status), {"carol", "brent_manager", "dan"})


@grid
def test_adopting_through_the_form_follows_the_same_grid_and_creates_only_allowed_copies(
    clients, make_pilot, status, visibility
):
    pilot = make_pilot(status, visibility)
    url = reverse("pilots:adopt", kwargs={"pk": pilot.pk})

    got = answers(clients, url, method="post")

    adopters = {"carol", "brent_manager", "dan"}
    assert got == expected_codes((visibility, status), adopters, ok=302)
    councils = set(pilot.adoptions.values_list("council__short_name", flat=True))
    expected_councils = set()
    if {"carol", "brent_manager"} & seen_by(visibility, status):
        expected_councils.add("Brent")
    if "dan" in seen_by(visibility, status):
        expected_councils.add("Leeds")
    assert councils == expected_councils


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_the_awaiting_outcome_list_is_for_council_members_only(clients, make_pilot, visibility):
    make_pilot(Pilot.Status.RUNNING, visibility)

    got = answers(clients, reverse("pilots:awaiting"))

    members = {"alice", "amir", "bob", "erin", "carol", "brent_manager", "dan"}
    assert got == {
        name: 302 if name == "visitor" else 200 if name in members else 403 for name in PEOPLE
    }


# Beyond the pilot's own pages: search, facets, feeds and digests say the same.

MEMBERS_OUTSIDE_BARNET = {"carol", "brent_manager", "dan"}
CLOSED = {Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY}


@grid
def test_search_facets_feeds_and_digests_agree_with_the_pilot_page(
    clients, people, make_pilot, status, visibility
):
    title = f"Zqxgrid {status} {visibility}"
    pilot = make_pilot(status, visibility, title=title)
    # As if every card had started in the digest's period: only the rule may hide it.
    Pilot.objects.filter(pk=pilot.pk).update(started_at=timezone.now())
    seen = seen_by(visibility, status)
    # Feeds are public whoever reads them: public pilots' published outcomes only.
    in_feeds = status in CLOSED and "visitor" in seen

    for person in PEOPLE:
        client = clients[person]
        page = surfaces.browse(client, "experiments", "zqxgrid")
        assert (title in page) is (person in seen), person
        assert surfaces.facet_count(page, "barnet") == (1 if person in seen else None), person
        assert surfaces.facet_count(page, status) == (1 if person in seen else None), person
        assert (title in surfaces.feeds(client)) is in_feeds, person
        # Barnet's own pilots are not news to Barnet.
        in_digest = person in seen and person in MEMBERS_OUTSIDE_BARNET
        assert (title in surfaces.digest(people[person])) is in_digest, person
