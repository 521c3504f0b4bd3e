import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas.models import TransitionNotAllowed
from pilots.forms import card_digest
from pilots.models import Pilot, PilotEvent, PilotSignOff

from ..html import assert_well_formed_page
from .helpers import has_error_summary

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def sign_off_url(pilot):
    return reverse("pilots:sign_off", kwargs={"pk": pilot.pk})


def test_the_sign_off_page_lists_the_limits_being_signed(make_pilot, clients):
    pilot = make_pilot(budget_cap=Decimal("7500"), max_exposure="300 households in Hale ward")

    response = clients["bob"].get(sign_off_url(pilot))

    page = response.content.decode()
    assert "By signing off you give permission for this pilot to fail within these limits." in page
    # Whole pounds without pence; the label has no "(£)" beside a value with its £ sign.
    assert '<dt class="govuk-summary-list__key">Most it may spend</dt>' in page
    assert '<dd class="govuk-summary-list__value">£7,500</dd>' in page
    assert "(£)" not in page
    assert "300 households in Hale ward" in page
    assert pilot.stop_criteria in page
    assert pilot.rollback_plan in page
    assert_well_formed_page(response)
    # Its audience is chosen already (the card's), so the question is not "optional".
    assert "Who can see this pilot once it is signed off?</legend>" in page


def test_a_manager_signs_off_and_the_pilot_starts_running(make_pilot, clients, bob):
    pilot = make_pilot()

    response = clients["bob"].post(sign_off_url(pilot), {"card": card_digest(pilot)})

    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.status == Pilot.Status.RUNNING
    assert pilot.started_at is not None
    event = PilotEvent.objects.get(pilot=pilot)
    assert (event.actor, event.from_status, event.to_status) == (bob, "planned", "running")


def test_the_sign_off_records_the_limits_as_they_were_signed(make_pilot, clients, bob):
    pilot = make_pilot(
        budget_cap=Decimal("7500.00"),
        start_date=datetime.date(2030, 1, 6),
        end_date=datetime.date(2030, 3, 31),
        max_exposure="300 households in Hale ward",
        stop_criteria="More than 5 complaints in a week",
        rollback_plan="Switch the texts off; letters continue",
    )

    clients["bob"].post(sign_off_url(pilot), {"card": card_digest(pilot)})
    # Even a change behind the site's back does not rewrite what was signed.
    Pilot.objects.filter(pk=pilot.pk).update(budget_cap=Decimal("1"))

    record = PilotSignOff.objects.get(pilot=pilot)
    assert record.signed_by == bob
    assert record.limits == {
        "start_date": "2030-01-06",
        "end_date": "2030-03-31",
        "budget_cap": "7500.00",
        "max_exposure": "300 households in Hale ward",
        "stop_criteria": "More than 5 complaints in a week",
        "rollback_plan": "Switch the texts off; letters continue",
    }


def test_the_pilot_page_shows_who_signed_when_and_the_limits_as_signed(make_pilot, clients, bob):
    pilot = make_pilot(budget_cap=Decimal("7500.00"))
    pilot.sign_off(by=bob)
    Pilot.objects.filter(pk=pilot.pk).update(budget_cap=Decimal("1"))

    page = clients["carol"].get(pilot.get_absolute_url()).content.decode()

    assert "Signed-off limits" in page
    assert "A manager at Barnet signed off this pilot on" in page  # person_label, capitalised
    assert '<dd class="govuk-summary-list__value">£7,500</dd>' in page
    assert "£7,500.00" not in page


def test_a_card_changed_after_the_manager_opened_the_page_is_not_signed_off(make_pilot, clients):
    pilot = make_pilot()
    digest_seen = card_digest(pilot)
    Pilot.objects.filter(pk=pilot.pk).update(budget_cap=Decimal("90000"))

    response = clients["bob"].post(sign_off_url(pilot), {"card": digest_seen})

    assert response.status_code == 200
    assert has_error_summary(response)
    assert "The card changed after you opened this page" in response.content.decode()
    assert '<dd class="govuk-summary-list__value">£90,000</dd>' in response.content.decode()
    assert Pilot.objects.get(pk=pilot.pk).status == Pilot.Status.PLANNED
    assert not PilotSignOff.objects.exists()


def test_an_incomplete_card_cannot_be_signed_off(make_pilot, clients):
    pilot = make_pilot(hypothesis="", rollback_plan="")

    page = clients["bob"].get(sign_off_url(pilot)).content.decode()
    response = clients["bob"].post(sign_off_url(pilot), {"card": card_digest(pilot)})

    assert "You cannot sign off this card yet." in page
    assert "The card has no “hypothesis” yet" in page
    assert has_error_summary(response)
    assert Pilot.objects.get(pk=pilot.pk).status == Pilot.Status.PLANNED


def test_a_card_whose_end_date_has_passed_cannot_be_signed_off(make_pilot, clients):
    today = timezone.localdate()
    pilot = make_pilot(
        start_date=today - datetime.timedelta(days=30), end_date=today - datetime.timedelta(days=1)
    )

    response = clients["bob"].post(sign_off_url(pilot), {"card": card_digest(pilot)})

    assert "The end date has passed" in response.content.decode()
    assert Pilot.objects.get(pk=pilot.pk).status == Pilot.Status.PLANNED


def test_staff_and_the_lead_cannot_sign_off(make_pilot, clients):
    pilot = make_pilot()

    for name in ["alice", "amir", "carol", "brent_manager"]:
        clients[name].post(sign_off_url(pilot), {"card": card_digest(pilot)})

    assert Pilot.objects.get(pk=pilot.pk).status == Pilot.Status.PLANNED


def test_a_pilot_cannot_be_signed_off_twice(make_pilot, bob):
    pilot = make_pilot()
    pilot.sign_off(by=bob)

    with pytest.raises(TransitionNotAllowed):
        Pilot.objects.get(pk=pilot.pk).sign_off(by=bob)
    assert PilotSignOff.objects.filter(pilot=pilot).count() == 1
