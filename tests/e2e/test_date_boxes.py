"""The pilot card's date boxes in Chromium: the error summary's link lands on the box at
fault, only that box is marked, and a month typed as a name is saved."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ..pilots.factories import PilotFactory
from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_a_missing_month_is_shown_linked_and_then_typed_as_a_name(
    transactional_db, live_server, browser, alice, barnet
):
    pilot = PilotFactory(council=barnet, lead=alice, title="Library late nights")
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    sign_in(context, live_server, alice)
    page = context.new_page()
    page.goto(live_server.url + reverse("pilots:edit", args=[pilot.pk]))

    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("7")
    start.get_by_label("Month").fill("")
    start.get_by_label("Year").fill("2031")
    end = page.get_by_role("group", name="End date")
    for box, value in (("Day", "30"), ("Month", "6"), ("Year", "2031")):
        end.get_by_label(box).fill(value)
    page.get_by_role("button", name="Save the card").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Start date must include a month")
    assert page.locator("#id_start_date_month.govuk-input--error").count() == 1
    assert page.locator("#id_start_date.govuk-input--error").count() == 0
    assert page.locator("#id_start_date_year.govuk-input--error").count() == 0
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Start date must include a month").click()
    expect(page.locator("#id_start_date_month")).to_be_focused()

    page.locator("#id_start_date_month").fill("March")
    page.get_by_role("button", name="Save the card").click()

    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    pilot.refresh_from_db()
    assert (pilot.start_date, pilot.end_date) == (
        datetime.date(2031, 3, 7),
        datetime.date(2031, 6, 30),
    )
    context.close()
