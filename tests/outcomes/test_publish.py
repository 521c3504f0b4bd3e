"""Closing a pilot: never without an outcome, and a refused form changes nothing."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ideas.models import TransitionNotAllowed
from outcomes.models import Outcome
from pilots.models import Pilot, PilotEvent

from ..html import assert_well_formed_page
from ..pilots.factories import publish, publish_stopped_early
from ..pilots.helpers import has_error_summary

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

VALID = {
    "verdict": "did_not_work",
    "expected_result": "Missed collections fall by a fifth.",
    "measured_result": "No change: 14 per 1,000 before and after.",
    "learned": "Most missed bins were access problems, not forgotten days.",
    "do_differently": "Survey the causes before choosing the fix.",
    "recommend": "with_changes",
    "evidence_level": "2",
    "actual_cost": "£1,250.50",
    "yearly_saving": "",
    "people_reached": "2000",
}


def write_url(pilot, ending="completed"):
    return reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk}) + f"?ending={ending}"


def assert_nothing_changed(pilot):
    pilot = Pilot.objects.get(pk=pilot.pk)
    assert pilot.status == Pilot.Status.RUNNING
    assert pilot.stop_reason == ""
    assert not Outcome.objects.filter(pilot=pilot).exists()
    assert not PilotEvent.objects.filter(pilot=pilot).exists()


# The model and the service


def test_a_pilot_cannot_be_completed_without_an_outcome(running, bob):
    with pytest.raises(TransitionNotAllowed, match="without its outcome"):
        running.complete(by=bob)

    assert_nothing_changed(running)


def test_a_pilot_cannot_be_stopped_early_without_an_outcome(running, bob):
    with pytest.raises(TransitionNotAllowed, match="without its outcome"):
        running.stop_early(by=bob, reason="Complaints passed the limit.")

    assert_nothing_changed(running)


def test_publishing_writes_the_outcome_and_completes_the_pilot(running, alice):
    outcome = publish(running, by=alice)

    pilot = Pilot.objects.get(pk=running.pk)
    assert outcome.pilot == pilot
    assert outcome.written_by == alice
    assert pilot.status == Pilot.Status.COMPLETED
    assert pilot.closed_at is not None
    assert PilotEvent.objects.get(pilot=pilot).to_status == Pilot.Status.COMPLETED


def test_a_failed_close_leaves_no_outcome_behind(make_pilot, bob):
    planned = make_pilot(Pilot.Status.PLANNED)

    with pytest.raises(TransitionNotAllowed):
        publish_stopped_early(
            planned, by=bob, reason="We changed our minds.", recommend=Outcome.Recommendation.NO
        )

    planned.refresh_from_db()
    assert (planned.status, planned.stop_reason) == (Pilot.Status.PLANNED, "")
    assert not Outcome.objects.exists()


# The site


def test_the_lead_completes_a_pilot_through_the_outcome_form(running, clients):
    response = clients["alice"].post(write_url(running), VALID)

    outcome = Outcome.objects.get(pilot=running)
    assert response.url == outcome.get_absolute_url()
    assert outcome.actual_cost == Decimal("1250.50")
    assert outcome.yearly_saving is None
    assert outcome.people_reached == 2000
    assert Pilot.objects.get(pk=running.pk).status == Pilot.Status.COMPLETED


def test_a_manager_stops_a_pilot_early_with_a_reason(running, clients):
    data = {**VALID, "verdict": "stopped_early", "stop_reason": "Complaints passed the limit."}

    clients["bob"].post(write_url(running, "stopped_early"), data)

    pilot = Pilot.objects.get(pk=running.pk)
    assert pilot.status == Pilot.Status.STOPPED_EARLY
    assert pilot.stop_reason == "Complaints passed the limit."
    assert pilot.outcome.verdict == Outcome.Verdict.STOPPED_EARLY


def test_the_complete_and_stop_buttons_lead_to_the_outcome_form(running, clients):
    complete = clients["alice"].get(reverse("pilots:complete", kwargs={"pk": running.pk}))
    stop = clients["alice"].post(reverse("pilots:stop_early", kwargs={"pk": running.pk}))

    assert complete.url == write_url(running, "completed")
    assert stop.url == write_url(running, "stopped_early")
    assert_nothing_changed(running)


def verdict_input(html, value):
    return re.search(rf'<input type="radio" name="verdict" value="{value}"[^>]*>', html).group(0)


def test_stopping_early_chooses_no_result_for_them(running, clients):
    stopping = clients["alice"].get(write_url(running, "stopped_early")).content.decode()
    completing = clients["alice"].get(write_url(running, "completed")).content.decode()

    assert "checked" not in verdict_input(stopping, "stopped_early")
    assert 'name="stop_reason"' in stopping
    assert 'name="stop_reason"' not in completing


def test_each_way_of_closing_offers_only_the_results_that_fit_it(running, clients):
    stopping = clients["alice"].get(write_url(running, "stopped_early")).content.decode()
    completing = clients["alice"].get(write_url(running, "completed")).content.decode()

    def offered(html):
        return re.findall(r'<input type="radio" name="verdict" value="([^"]+)"', html)

    assert offered(completing) == ["worked", "partly_worked", "did_not_work", "inconclusive"]
    assert offered(stopping) == ["partly_worked", "did_not_work", "stopped_early", "inconclusive"]
    assert "What had you found by the time you stopped?" in stopping
    assert "What happened?" in completing


def test_a_pilot_stopped_early_cannot_claim_it_worked(running, clients):
    data = {**VALID, "verdict": "worked", "stop_reason": "Complaints passed the limit."}
    response = clients["alice"].post(write_url(running, "stopped_early"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert has_error_summary(response)
    assert "Select what you had found by the time you stopped. If the pilot worked" in html
    assert 'href="#id_verdict_0"' in html
    assert_nothing_changed(running)


def test_stopping_early_needs_a_reason(running, clients):
    response = clients["alice"].post(
        write_url(running, "stopped_early"), {**VALID, "verdict": "stopped_early"}
    )

    assert has_error_summary(response)
    assert "Enter why the pilot stopped early" in response.content.decode()
    assert_nothing_changed(running)


def test_a_completed_pilot_cannot_claim_it_stopped_early(running, clients):
    response = clients["alice"].post(write_url(running), {**VALID, "verdict": "stopped_early"})

    assert response.status_code == 200
    assert has_error_summary(response)
    assert "choose “Stop early” on the pilot page instead" in response.content.decode()
    assert_nothing_changed(running)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("actual_cost", "-1", "Actual cost must be £0 or more"),
        ("actual_cost", "a lot", "Actual cost must be an amount in pounds"),
        ("actual_cost", "1e5", "Actual cost must be an amount in pounds"),
        ("actual_cost", "10000000000", "Actual cost must be under £10 billion"),
        ("cost_avoided", "1e5", "Cost avoided must be an amount in pounds"),
        ("cost_avoided", "10000000000", "Cost avoided must be under £10 billion"),
        ("actual_cost", "", "Enter the actual cost"),
        ("yearly_saving", "-500", "Estimated saving must be £0 or more"),
        ("evidence_level", "0", "Select an evidence level from 1 to 5"),
        ("evidence_level", "6", "Select an evidence level from 1 to 5"),
        ("evidence_level", "", "Select how strong the evidence is"),
        ("people_reached", "-3", "People reached must be 0 or more"),
        ("verdict", "blame", "Select what happened"),
        ("learned", "", "Enter what you learned"),
    ],
)
def test_a_refused_outcome_shows_a_govuk_error_and_changes_nothing(
    running, clients, field, value, message
):
    response = clients["alice"].post(write_url(running), {**VALID, field: value})

    html = response.content.decode()
    assert response.status_code == 200
    assert has_error_summary(response)
    assert "<title>Error:" in html
    assert message in html
    assert f'href="#id_{field}' in html
    assert_nothing_changed(running)


def test_an_outcome_cannot_be_written_twice(running, clients):
    clients["alice"].post(write_url(running), VALID)

    second = clients["bob"].post(write_url(running), VALID)

    assert second.status_code == 200
    assert "already published" in second.content.decode()
    assert Outcome.objects.filter(pilot=running).count() == 1


def test_the_database_refuses_an_evidence_level_outside_1_to_5(running, alice):
    from django.db import IntegrityError

    from ..pilots.factories import OutcomeFactory

    with pytest.raises(IntegrityError):
        OutcomeFactory(pilot=running, evidence_level=6)


def test_the_outcome_form_has_one_h1_and_labelled_inputs(running, clients):
    for ending in ["completed", "stopped_early"]:
        assert_well_formed_page(clients["alice"].get(write_url(running, ending)))
