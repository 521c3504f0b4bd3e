"""Every person × visibility × pilot status for the outcome pages."""

import pytest
from django.urls import reverse

from councils.models import Visibility
from outcomes.models import Outcome
from pilots.models import Pilot

from .. import surfaces
from ..pilots.factories import OutcomeFactory
from ..pilots.helpers import LEAD_OR_MANAGER, PEOPLE, answers, expected_codes, seen_by

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

STATUSES = [status.value for status in Pilot.Status]
VISIBILITIES = [level.value for level in Visibility]
grid = pytest.mark.parametrize(
    "status,visibility", [(s, v) for s in STATUSES for v in VISIBILITIES]
)
CLOSED = {Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY}
MEMBERS_OUTSIDE_BARNET = {"carol", "brent_manager", "dan"}


@grid
def test_an_outcome_is_seen_by_whoever_can_see_its_pilot(clients, make_pilot, status, visibility):
    pilot = make_pilot(status, visibility)

    got = answers(clients, reverse("outcomes:detail", kwargs={"pilot_pk": pilot.pk}))

    # Open pilots have no outcome yet: a 404 for everyone.
    readers = seen_by(visibility, status) if status in CLOSED else set()
    assert got == {name: 200 if name in readers else 404 for name in PEOPLE}


@grid
@pytest.mark.parametrize("ending", ["completed", "stopped_early"])
def test_only_the_lead_and_managers_write_the_outcome_of_a_running_pilot(
    clients, make_pilot, status, visibility, ending
):
    pilot = make_pilot(status, visibility)
    url = reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk}) + f"?ending={ending}"

    got = answers(clients, url)

    # Once the outcome is published, they are told so (200), not refused.
    allowed = LEAD_OR_MANAGER if status in {Pilot.Status.RUNNING, *CLOSED} else set()
    assert got == expected_codes((visibility, status), allowed)


@grid
def test_posting_an_outcome_follows_the_same_grid(clients, make_pilot, status, visibility):
    pilot = make_pilot(status, visibility)
    url = reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk}) + "?ending=completed"

    got = answers(clients, url, method="post")

    # Allowed people get the form back with errors (200): an empty post publishes nothing.
    # Once the outcome is published, they are told so (200) and nothing changes.
    allowed = LEAD_OR_MANAGER if status in {Pilot.Status.RUNNING, *CLOSED} else set()
    assert got == expected_codes((visibility, status), allowed)
    assert Pilot.objects.get(pk=pilot.pk).status == status


@grid
def test_search_lists_feeds_and_digests_show_an_outcome_to_whoever_can_see_its_pilot(
    clients, people, make_pilot, status, visibility
):
    pilot = make_pilot(status, visibility, title=f"Zqxgrid {status} {visibility}")
    learned = f"Zqxlearned {status} {visibility}"
    # Open and discarded cards get an outcome too, so that only the rule can hide it.
    if status in CLOSED:
        Outcome.objects.filter(pilot=pilot).update(learned=learned)
    else:
        OutcomeFactory(pilot=pilot, learned=learned)
    seen = seen_by(visibility, status)
    in_feeds = "visitor" in seen

    for person in PEOPLE:
        client = clients[person]
        listed = client.get(reverse("outcomes:list")).content.decode()
        assert (pilot.title in listed) is (person in seen), person
        assert (pilot.title in surfaces.browse(client, "experiments", "zqxlearned")) is (
            person in seen
        ), person
        assert (learned in surfaces.feeds(client)) is in_feeds, person
        in_digest = person in seen and person in MEMBERS_OUTSIDE_BARNET
        assert (learned in surfaces.digest(people[person])) is in_digest, person


OTHER_COUNCILS = "Only the pilot’s lead and managers at Barnet can record its outcome."
GENERAL_WORDS = "Ask a manager at your council"


@pytest.mark.parametrize("name", ["outcomes:write", "pilots:complete", "pilots:stop_early"])
def test_staff_elsewhere_are_told_only_barnets_lead_and_managers_record_its_outcome(
    clients, make_pilot, name
):
    pilot = make_pilot(Pilot.Status.RUNNING, Visibility.COUNCILS)
    key = "pilot_pk" if name == "outcomes:write" else "pk"
    url = reverse(name, kwargs={key: pilot.pk})

    for person in ["carol", "brent_manager", "dan"]:
        response = clients[person].get(url)
        page = response.content.decode()
        assert response.status_code == 403, person
        assert OTHER_COUNCILS in page, person
        # Nobody at their own council can give them the right.
        assert GENERAL_WORDS not in page and "if you think you should" not in page, person


def test_barnets_own_staff_are_told_to_ask_a_manager_at_barnet(clients, make_pilot):
    pilot = make_pilot(Pilot.Status.RUNNING)

    response = clients["amir"].get(reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk}))

    page = response.content.decode()
    assert response.status_code == 403
    assert OTHER_COUNCILS in page
    assert "Ask a manager at Barnet if you think you should have access." in page


def test_the_lead_of_a_card_not_yet_running_gets_no_reason_that_is_not_true(clients, make_pilot):
    pilot = make_pilot(Pilot.Status.PLANNED)

    response = clients["alice"].get(reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk}))

    assert response.status_code == 403
    assert OTHER_COUNCILS not in response.content.decode()
