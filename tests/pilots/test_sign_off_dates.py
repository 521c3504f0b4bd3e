"""What the sign-off and pilot pages say about when a pilot starts and who sees a card:
a card signed off to start later, one whose start date has passed, a card before
sign-off, and a card copied from another council's pilot."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pilots.forms import card_digest
from pilots.models import Pilot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def sign_off_url(pilot):
    return reverse("pilots:sign_off", kwargs={"pk": pilot.pk})


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_card_that_starts_later_is_signed_off_without_starting_it_now(make_pilot, clients):
    pilot = make_pilot(start_date=datetime.date(2031, 1, 11), end_date=datetime.date(2031, 3, 1))
    card = clients["bob"].get(pilot.get_absolute_url()).content.decode()
    assert ">Sign off</a>" in card and "Sign off and start" not in card
    page = clients["bob"].get(sign_off_url(pilot)).content.decode()
    assert (
        "Nobody can change the card after you sign it off. The pilot starts on 11 January 2031."
        in page
    )
    assert ">Sign off the pilot</button>" in page and "Sign off and start" not in page

    response = clients["bob"].post(sign_off_url(pilot), {"card": card_digest(pilot)}, follow=True)
    page = response.content.decode()
    assert "Signed off. The pilot starts on 11 January 2031." in page
    assert "Signed off. Signed off" not in page
    assert "signed it off, to start on 11 January 2031" in page
    # Nothing to complete before it starts; it can still be stopped.
    assert reverse("pilots:complete", args=[pilot.pk]) not in page
    assert reverse("pilots:stop_early", args=[pilot.pk]) in page


def test_a_card_whose_start_date_has_passed_says_so_before_sign_off(make_pilot, clients):
    pilot = make_pilot(start_date=in_days(-10), end_date=in_days(30))
    page = clients["bob"].get(sign_off_url(pilot)).content.decode()
    assert "has passed. The pilot starts running today and still ends on" in page
    assert ">Sign off and start the pilot</button>" in page

    response = clients["bob"].post(sign_off_url(pilot), {"card": card_digest(pilot)}, follow=True)
    page = response.content.decode()
    assert "Signed off. The pilot is running." in page
    assert reverse("pilots:complete", args=[pilot.pk]) in page


def test_a_card_whose_start_date_has_passed_starts_on_the_day_it_is_signed_off(make_pilot, bob):
    pilot = make_pilot(start_date=in_days(-21), end_date=in_days(30))

    pilot.sign_off(by=bob)

    pilot.refresh_from_db()
    assert (pilot.start_date, pilot.end_date) == (in_days(0), in_days(30))
    signed = pilot.sign_off_record.limits
    assert (signed["start_date"], signed["end_date"]) == (str(in_days(0)), str(in_days(30)))


def test_a_past_sign_off_keeps_a_start_date_on_or_after_its_day(make_pilot, bob):
    pilot = make_pilot(start_date=in_days(-40), end_date=in_days(30))

    pilot.sign_off(by=bob, today=in_days(-40))

    pilot.refresh_from_db()
    assert pilot.start_date == in_days(-40)


def test_a_card_before_sign_off_says_only_its_council_sees_it_for_now(make_pilot, clients):
    pilot = make_pilot(visibility="partners")
    page = clients["alice"].get(pilot.get_absolute_url()).content.decode()
    assert (
        "Staff of Barnet and its partner councils, once a manager signs it off. "
        "Until then, only Barnet." in page
    )
    clients["bob"].post(sign_off_url(pilot), {"card": card_digest(pilot)})
    page = clients["alice"].get(pilot.get_absolute_url()).content.decode()
    assert "Until then, only Barnet." not in page
    assert "Staff of Barnet and its partner councils" in page


def test_an_adopted_card_asks_for_the_councils_own_figures(make_pilot, carol, clients):
    source = make_pilot(Pilot.Status.RUNNING, "partners")
    clients["carol"].post(reverse("pilots:adopt", args=[source.pk]))
    adopted = Pilot.objects.get(adapted_from=source)
    page = clients["carol"].get(adopted.get_absolute_url()).content.decode()
    assert "This card began as a copy of the pilot it adopts." in page
    assert (
        "This card began as a copy"
        not in clients["alice"].get(source.get_absolute_url()).content.decode()
    )


def test_the_signed_limits_speak_as_the_card_does(make_pilot, bob, clients):
    pilot = make_pilot(start_date=in_days(0), end_date=in_days(30))
    pilot.sign_off(by=bob)

    page = clients["carol"].get(pilot.get_absolute_url()).content.decode()

    limits = page.split("Signed-off limits")[1].split("</dl>")[0]
    assert "When we will stop" in limits and "How we will undo it" in limits
    assert "you will" not in limits
