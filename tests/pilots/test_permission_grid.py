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


PLANNED, RUNNING = Pilot.Status.PLANNED, Pilot.Status.RUNNING
# Who may change a pilot on each page, and in which status; the ones that act at once
# redirect (302) instead of showing a form.
CHANGES = [
    pytest.param("pilots:edit", LEAD_OR_MANAGER, PLANNED, 200, id="edit-the-card"),
    pytest.param("pilots:sign_off", MANAGERS, PLANNED, 200, id="sign-off"),
    pytest.param("pilots:add_update", LEAD_OR_MANAGER, RUNNING, 200, id="add-an-update"),
    pytest.param("pilots:complete", LEAD_OR_MANAGER, RUNNING, 302, id="complete"),
    pytest.param("pilots:stop_early", LEAD_OR_MANAGER, RUNNING, 302, id="stop-early"),
]


@grid
@pytest.mark.parametrize("route,who,while_status,ok", CHANGES)
def test_only_the_lead_or_managers_change_a_pilot_and_only_in_the_status_the_change_needs(
    clients, make_pilot, status, visibility, route, who, while_status, ok
):
    pilot = make_pilot(status, visibility)

    got = answers(clients, reverse(route, kwargs={"pk": pilot.pk}))

    allowed = who if status == while_status else set()
    assert got == expected_codes((visibility, status), allowed, ok=ok)


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
