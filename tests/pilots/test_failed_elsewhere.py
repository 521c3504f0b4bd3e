"""Before adopting a pilot or signing off a card, a person sees the pilots they may see that
closely resemble it and did not work or were stopped early, without being stopped."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Visibility
from outcomes.models import Outcome
from pilots.models import Pilot

from .factories import OutcomeFactory, PilotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

LESSON = "The address lookup could not handle flats."
WARNING = f"Stopped early at Leeds in 2025: {LESSON}"


def assert_warns_of(html, stopped):
    """The page warns of the `stopped` pilot elsewhere, with its lesson and a link to it."""
    assert WARNING in html
    assert stopped.get_absolute_url() in html


def stopped_pilot(council, lead, *, visibility=Visibility.PUBLIC, **kwargs):
    pilot = PilotFactory(
        council=council,
        lead=lead,
        visibility=visibility,
        status=Pilot.Status.STOPPED_EARLY,
        stop_reason=LESSON,
        closed_at=timezone.make_aware(datetime.datetime(2025, 11, 3, 12)),
        **{"title": "Chatbot for missed bin reports", "summary": "A chatbot takes reports."}
        | kwargs,
    )
    OutcomeFactory(pilot=pilot, verdict=Outcome.Verdict.STOPPED_EARLY, learned="Flats matter.")
    return pilot


@pytest.fixture
def leeds_chatbot(leeds, dan):
    return stopped_pilot(leeds, dan)


def barnet_card(make_pilot, **kwargs):
    return make_pilot(
        title="Missed bin chatbot", summary="Residents report missed bins to a chatbot.", **kwargs
    )


def test_the_sign_off_page_warns_of_a_resembling_pilot_stopped_elsewhere(
    make_pilot, clients, leeds_chatbot
):
    card = barnet_card(make_pilot)

    html = clients["bob"].get(reverse("pilots:sign_off", args=[card.pk])).content.decode()

    assert_warns_of(html, leeds_chatbot)
    # A warning, not a barrier: the sign-off button is still there.
    assert "Sign off and start the pilot" in html


def test_the_adopt_page_warns_of_a_resembling_pilot_stopped_elsewhere(
    clients, carol, brent, leeds_chatbot
):
    brents = PilotFactory(
        council=brent,
        lead=carol,
        visibility=Visibility.PARTNERS,
        status=Pilot.Status.RUNNING,
        title="Missed bin chatbot with a callback",
        summary="A chatbot, then a call back.",
    )

    html = clients["alice"].get(reverse("pilots:adopt", args=[brents.pk])).content.decode()

    assert_warns_of(html, leeds_chatbot)
    assert "Adopt this pilot</button>" in html


def test_a_pilot_that_did_not_work_at_your_own_council_is_named_as_yours(
    make_pilot, clients, barnet, alice
):
    stopped_pilot(barnet, alice, visibility=Visibility.COUNCIL)
    card = barnet_card(make_pilot)

    html = clients["bob"].get(reverse("pilots:sign_off", args=[card.pk])).content.decode()

    assert f"Stopped early at your council in 2025: {LESSON}" in html


def test_a_pilot_that_did_not_work_elsewhere_says_where_and_when(make_pilot, clients, leeds, dan):
    pilot = PilotFactory(
        council=leeds,
        lead=dan,
        visibility=Visibility.PUBLIC,
        status=Pilot.Status.COMPLETED,
        closed_at=timezone.make_aware(datetime.datetime(2025, 11, 3, 12)),
        title="Chatbot for missed bin reports",
        summary="A chatbot takes reports.",
    )
    OutcomeFactory(pilot=pilot, verdict=Outcome.Verdict.DID_NOT_WORK, learned="Flats matter.")
    card = barnet_card(make_pilot)

    html = clients["bob"].get(reverse("pilots:sign_off", args=[card.pk])).content.decode()

    assert "Did not work at Leeds in 2025: Flats matter." in html


def test_no_warning_for_a_pilot_the_person_may_not_see(make_pilot, clients, leeds, dan):
    stopped_pilot(leeds, dan, visibility=Visibility.COUNCIL)
    card = barnet_card(make_pilot)

    html = clients["bob"].get(reverse("pilots:sign_off", args=[card.pk])).content.decode()

    assert LESSON not in html
    assert "did not work" not in html


def test_no_warning_for_a_resembling_pilot_that_worked(make_pilot, clients, leeds, dan):
    worked = PilotFactory(
        council=leeds, lead=dan, visibility=Visibility.PUBLIC, status=Pilot.Status.COMPLETED,
        title="Chatbot for missed bin reports", summary="A chatbot takes reports.",
    )  # fmt: skip
    OutcomeFactory(pilot=worked, verdict=Outcome.Verdict.WORKED, learned=LESSON)
    card = barnet_card(make_pilot)

    html = clients["bob"].get(reverse("pilots:sign_off", args=[card.pk])).content.decode()

    assert LESSON not in html


def test_no_warning_for_a_failed_pilot_that_shares_one_word(make_pilot, clients, leeds, dan):
    stopped_pilot(leeds, dan, title="Library chatbot", summary="Answers about opening hours.")
    card = barnet_card(make_pilot)

    html = clients["bob"].get(reverse("pilots:sign_off", args=[card.pk])).content.decode()

    assert LESSON not in html


def test_a_card_is_not_warned_about_itself(clients, barnet, alice, bob):
    itself = stopped_pilot(barnet, alice, visibility=Visibility.COUNCIL)
    # Its adoption page (refused for its own council) and any other page never name it.
    from pilots.resemblance import failures_resembling

    found = failures_resembling(
        Pilot.objects.visible_to(bob), itself.title, itself.summary, exclude_pk=itself.pk
    )

    assert found == []
