"""Whoever may not change a card is told why: another council's staff that only Barnet's
lead and managers can, not that a card they never could change is now locked."""

import pytest
from django.urls import reverse

from pilots.models import Pilot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

ONLY_BARNET = "Only the pilot’s lead and managers at Barnet can change its card."


def edit_page(client, pilot):
    return client.get(reverse("pilots:edit", kwargs={"pk": pilot.pk}))


def test_a_partner_councils_staff_are_told_only_barnet_can_change_the_card(make_pilot, clients):
    # A card before sign-off is Barnet's alone (404 elsewhere); once signed off, partners see it.
    response = edit_page(clients["carol"], make_pilot(status=Pilot.Status.RUNNING))

    page = response.content.decode()
    assert response.status_code == 403
    assert ONLY_BARNET in page
    assert "can no longer change" not in page and "Ask a manager" not in page


def test_barnets_own_staff_are_told_whom_to_ask(make_pilot, clients):
    response = edit_page(clients["amir"], make_pilot())

    page = response.content.decode()
    assert response.status_code == 403
    assert ONLY_BARNET in page and "Ask a manager at Barnet" in page


def test_the_lead_of_a_signed_off_card_is_told_it_is_locked(make_pilot, clients):
    response = edit_page(clients["alice"], make_pilot(status=Pilot.Status.RUNNING))

    assert response.status_code == 403
    assert "This card can no longer change" in response.content.decode()
