"""Every person × visibility × pilot status for the outcome pages."""

import pytest
from django.urls import reverse

from councils.models import Visibility
from pilots.models import Pilot

from ..pilots.helpers import LEAD_OR_MANAGER, PEOPLE, answers, expected_codes, seen_by

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

STATUSES = [status.value for status in Pilot.Status]
VISIBILITIES = [level.value for level in Visibility]
grid = pytest.mark.parametrize(
    "status,visibility", [(s, v) for s in STATUSES for v in VISIBILITIES]
)
CLOSED = {Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY}


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

    allowed = LEAD_OR_MANAGER if status == Pilot.Status.RUNNING else set()
    assert got == expected_codes((visibility, status), allowed)


@grid
def test_posting_an_outcome_follows_the_same_grid(clients, make_pilot, status, visibility):
    pilot = make_pilot(status, visibility)
    url = reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk}) + "?ending=completed"

    got = answers(clients, url, method="post")

    # Allowed people get the form back with errors (200): an empty post publishes nothing.
    allowed = LEAD_OR_MANAGER if status == Pilot.Status.RUNNING else set()
    assert got == expected_codes((visibility, status), allowed)
    assert Pilot.objects.get(pk=pilot.pk).status == status
