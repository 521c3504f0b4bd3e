"""The words of the pilots' own emails: the audience as pages say it, the verdict mid-sentence."""

import pytest
from django.core import mail

from outcomes.models import Outcome
from pilots.tasks import notify_pilot_signed_off

from ..pilots.factories import publish, publish_stopped_early

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def email_to(person):
    (message,) = [message for message in mail.outbox if message.to == [person.email]]
    return message, message.alternatives[0][0]


def test_the_sign_off_email_says_who_can_see_the_pilot_as_its_page_does(
    alice, alices_pilot, run_on_commit
):
    with run_on_commit():
        notify_pilot_signed_off(alices_pilot.pk)

    text, html = email_to(alice)
    assert "Who can see it: Staff of Barnet and its partner councils." in text.body
    assert "Who can see it: Staff of Barnet and its partner councils." in html
    assert "My council and our partner councils" not in text.body + html


@pytest.mark.parametrize(
    ("verdict", "words"),
    [
        (Outcome.Verdict.DID_NOT_WORK, "it did not work"),
        (Outcome.Verdict.WORKED, "it worked"),
        (Outcome.Verdict.INCONCLUSIVE, "inconclusive"),
    ],
)
def test_the_outcome_email_gives_the_verdict_in_lower_case_mid_sentence(
    alice, alices_pilot, run_on_commit, verdict, words
):
    with run_on_commit():
        publish(alices_pilot, alice, verdict=verdict)

    text, html = email_to(alice)
    assert text.subject.endswith(f"has closed: {words}")
    assert f"its outcome is published: {words}." in text.body
    assert f"its outcome is published: {words}." in html


def test_the_adopting_council_reads_the_verdict_in_lower_case(
    alice, brent_manager, alices_pilot, run_on_commit
):
    from pilots.services import adopt_pilot

    adopt_pilot(pilot=alices_pilot, by=brent_manager)
    with run_on_commit():
        publish(alices_pilot, alice, verdict=Outcome.Verdict.PARTLY_WORKED)

    text, _html = email_to(brent_manager)
    assert text.subject.endswith("has an outcome: it partly worked")
    assert "has published its outcome: it partly worked." in text.body


def test_the_stopped_early_email_gives_the_verdict_in_lower_case(
    alice, alices_pilot, run_on_commit
):
    with run_on_commit():
        publish_stopped_early(alices_pilot, alice, "A stop criterion was met.")

    text, _html = email_to(alice)
    assert "its outcome is published: stopped early." in text.body
