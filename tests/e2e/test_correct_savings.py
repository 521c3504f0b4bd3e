"""Barnet's lead corrects the savings recorded at a check-in, in Chromium; axe checks
the outcome page with its savings table and the correction page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from outcomes.models import BenefitCheckIn, Outcome
from outcomes.services import record_benefits, schedule_check_ins

from .conftest import axe_violations, closed_pilot_outcome, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.usefixtures("privileged_people_have_mfa"),
]


def test_the_lead_corrects_a_figure_typed_wrong(
    transactional_db, live_server, browser, alice, step
):
    outcome = closed_pilot_outcome(
        alice, "Council tax bills by email", recommend=Outcome.Recommendation.YES
    )
    pilot = outcome.pilot
    # Published seven months ago, so its six-month check-in is due and may be answered.
    Outcome.objects.filter(pk=outcome.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=212)
    )
    outcome.refresh_from_db()
    schedule_check_ins(outcome)
    record_benefits(
        check_in=outcome.check_ins.get(months=6),
        by=alice,
        realised_cashable=Decimal(185000),
        realised_cost_avoided=Decimal(3000),
        note="Printing and postage",
    )
    outcome_url = live_server.url + reverse("outcomes:detail", kwargs={"pilot_pk": pilot.pk})

    context = browser.new_context()
    sign_in(context, live_server, alice)
    page = context.new_page()
    step.page = page
    with step("the lead finds the figure on the outcome page"):
        page.goto(outcome_url)
        expect(page.get_by_text("£185,000")).to_be_visible()
        assert axe_violations(page) == []
        page.get_by_role("link", name="Correct the savings after 6 months").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Correct the savings after 6 months"
        )
        assert axe_violations(page) == []
    with step("the lead corrects it"):
        page.get_by_label("Cashable saving so far (£)").fill("18,500")
        page.get_by_role("button", name="Save the corrected figures").click()
        expect(page.get_by_text("Savings corrected.")).to_be_visible()
        expect(page.get_by_text("£18,500")).to_be_visible()
        assert page.url == outcome_url
    context.close()
    assert BenefitCheckIn.objects.get(months=6).realised_cashable == Decimal(18500)
