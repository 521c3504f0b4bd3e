"""Correcting an answered check-in: the pilot's lead and its council's managers change
figures that were wrong; every page and the ledger show the new ones, and the council's
audit log keeps who changed them and what they were."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from ideas.models import TransitionNotAllowed
from outcomes.services import correct_benefits, record_benefits

from ..html import assert_well_formed_page
from ..pilots.helpers import has_error_summary

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

FIXED = {"realised_cashable": "1,500", "realised_cost_avoided": "0", "note": "Finance report"}


@pytest.fixture
def answered(outcome, alice):
    six = outcome.check_ins.get(months=6)
    return record_benefits(
        check_in=six,
        by=alice,
        realised_cashable=Decimal(15000),
        realised_cost_avoided=Decimal(300),
        note="Budget report (typed one 0 too many)",
    )


def correct_url(check_in):
    kwargs = {"pilot_pk": check_in.outcome.pilot_id, "months": check_in.months}
    return reverse("outcomes:correct_check_in", kwargs=kwargs)


def test_the_lead_sees_the_recorded_figures_and_corrects_them(answered, clients, alice):
    page = clients["alice"].get(correct_url(answered))

    assert page.status_code == 200
    assert_well_formed_page(page)
    assert "Correct the savings after 6 months" in page.text
    assert 'value="15000' in page.text and "typed one 0 too many" in page.text

    response = clients["alice"].post(correct_url(answered), FIXED)

    assert response.status_code == 302
    answered.refresh_from_db()
    assert (answered.realised_cashable, answered.realised_cost_avoided, answered.note) == (
        Decimal(1500),
        Decimal(0),
        "Finance report",
    )
    outcome_page = clients["carol"].get(answered.outcome.get_absolute_url()).text
    assert "£1,500" in outcome_page and "£15,000" not in outcome_page
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SAVINGS_CORRECTED)
    assert (event.actor, event.subject, event.council_name) == (alice, "Bin texts", "Barnet")
    assert event.detail == "after 6 months: was £15,000 cashable, £300 cost avoided"


def test_wrong_figures_come_back_with_the_error_and_change_nothing(answered, clients):
    response = clients["bob"].post(correct_url(answered), {**FIXED, "realised_cashable": "-1"})

    assert has_error_summary(response)
    assert "Cashable saving must be £0 or more" in response.text
    answered.refresh_from_db()
    assert answered.realised_cashable == Decimal(15000)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.SAVINGS_CORRECTED).exists()


@pytest.mark.parametrize(
    "person,expected",
    [
        ("alice", 302),
        ("bob", 302),
        ("erin", 302),
        ("amir", 403),
        ("carol", 403),
        ("dan", 404),
        ("visitor", 302),
    ],
)
def test_only_the_lead_and_managers_correct_figures(answered, clients, person, expected):
    response = clients[person].post(correct_url(answered), FIXED)

    assert response.status_code == expected
    if person == "visitor":
        assert "/accounts/login/" in response.url
    answered.refresh_from_db()
    corrected = answered.realised_cashable == Decimal(1500)
    assert corrected is (person in {"alice", "bob", "erin"})


def test_a_check_in_not_answered_yet_has_nothing_to_correct(outcome, clients, alice):
    twelve = outcome.check_ins.get(months=12)

    assert clients["alice"].get(correct_url(twelve)).status_code == 404
    with pytest.raises(TransitionNotAllowed):
        correct_benefits(check_in=twelve, by=alice, realised_cashable=1, realised_cost_avoided=1)


@pytest.mark.parametrize("person,offered", [("alice", True), ("bob", True), ("carol", False)])
def test_only_those_who_may_correct_are_offered_the_link(answered, clients, person, offered):
    page = clients[person].get(answered.outcome.get_absolute_url()).text

    assert (correct_url(answered) in page) is offered
    assert "£15,000" in page


@pytest.mark.postgres
def test_a_correction_locks_the_check_in_and_not_its_pilot_or_council(answered, alice):
    with CaptureQueriesContext(connection) as captured:
        correct_benefits(
            check_in=answered, by=alice, realised_cashable=1500, realised_cost_avoided=0
        )

    locks = [q["sql"] for q in captured.captured_queries if "FOR UPDATE" in q["sql"]]
    assert len(locks) == 1
    assert locks[0].endswith('FOR UPDATE OF "outcomes_benefitcheckin"')
