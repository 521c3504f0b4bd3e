import pytest
from django.urls import reverse

from pilots.models import Pilot, PilotUpdate

from ..html import assert_well_formed_page
from .helpers import has_error_summary

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def update_url(pilot):
    return reverse("pilots:add_update", kwargs={"pk": pilot.pk})


def test_the_lead_adds_an_update_to_a_running_pilot(make_pilot, clients, alice):
    pilot = make_pilot(Pilot.Status.RUNNING)

    response = clients["alice"].post(update_url(pilot), {"body": "Week 1: 300 texts sent."})

    assert response.status_code == 302
    update = PilotUpdate.objects.get(pilot=pilot)
    assert (update.author, update.body) == (alice, "Week 1: 300 texts sent.")


def test_updates_are_shown_newest_first(make_pilot, clients):
    pilot = make_pilot(Pilot.Status.RUNNING)
    clients["alice"].post(update_url(pilot), {"body": "First week"})
    clients["bob"].post(update_url(pilot), {"body": "Second week"})

    html = clients["carol"].get(pilot.get_absolute_url()).content.decode()

    assert html.index("Second week") < html.index("First week")
    # Another council sees a manager's role, not their name (ideas.permissions.person_label).
    assert "Bob Birch" not in html
    # The byline begins with it: "A manager at Barnet, 7 December 2026".
    assert "A manager at Barnet, " in html


def test_an_empty_update_is_refused_with_an_error_summary(make_pilot, clients):
    pilot = make_pilot(Pilot.Status.RUNNING)

    response = clients["alice"].post(update_url(pilot), {"body": "  "})

    assert has_error_summary(response)
    assert "Enter the update" in response.content.decode()
    assert not PilotUpdate.objects.exists()


@pytest.mark.parametrize("status", ["planned", "completed", "stopped_early"])
def test_updates_are_only_added_while_running(make_pilot, clients, status):
    pilot = make_pilot(status)

    response = clients["alice"].post(update_url(pilot), {"body": "Too early or too late"})

    assert response.status_code == 403
    assert not PilotUpdate.objects.exists()


def test_staff_who_do_not_lead_the_pilot_cannot_add_updates(make_pilot, clients):
    pilot = make_pilot(Pilot.Status.RUNNING, visibility="public")

    for name in ["amir", "carol", "brent_manager", "dan", "nina", "platform_admin"]:
        clients[name].post(update_url(pilot), {"body": "Not mine to write"})

    assert not PilotUpdate.objects.exists()


def test_the_update_page_has_one_h1_and_labelled_inputs(make_pilot, clients):
    pilot = make_pilot(Pilot.Status.RUNNING)

    assert_well_formed_page(clients["alice"].get(update_url(pilot)))
