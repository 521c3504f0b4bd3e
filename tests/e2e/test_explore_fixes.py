"""In Chromium: ledger charts keep their text size and their tables show every column, the
browse lists skip past their filters, and the "already tried" list opened on its own is a
whole page that passes axe, while the idea form still fetches the fragment."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ..explore.conftest import make_pilot
from ..explore.test_ledger import cast, themes  # noqa: F401  (the hand-worked world)
from .conftest import sign_in
from .test_trust_pages import problems_on

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

CHART_WIDTH = 600  # ideabank.lib.charts.WIDTH


def test_ledger_charts_keep_their_size_and_their_tables_show_every_column(
    transactional_db,
    live_server,
    page,
    cast,  # noqa: F811  (the fixture imported above)
):
    for width in (1100, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{reverse('explore:ledger')}")
        svg = page.locator("#chart-verdicts svg")
        assert svg.bounding_box()["width"] == CHART_WIDTH, width  # 14px text stays 14px
        table = page.locator("#chart-verdicts table")
        if width == 1100:  # full width below the chart: no column hidden off to the side
            wrapper = page.locator("#chart-verdicts .app-table-wrapper").last
            assert table.evaluate("t => t.scrollWidth") <= wrapper.evaluate("w => w.clientWidth")
            expect(table.get_by_role("columnheader", name="It did not work")).to_be_visible()
        assert table.get_by_role("columnheader").count() == 6


def test_the_skip_link_takes_a_phone_past_the_filters_to_the_results(
    transactional_db,
    live_server,
    page,
    cast,  # noqa: F811
):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{reverse('explore:experiments')}")
    page.get_by_role("link", name="Skip to results").click()

    expect(page.locator("#results")).to_be_focused()
    assert page.locator("#results").bounding_box()["y"] < 100  # scrolled to it


def test_the_already_tried_list_is_a_page_when_opened_and_a_panel_in_the_idea_form(
    transactional_db, live_server, browser, alice, carol
):
    make_pilot(carol.membership.council, carol, title="Reminder texts for bin collections")
    context = browser.new_context()
    sign_in(context, live_server, alice)
    page = context.new_page()

    page.goto(f"{live_server.url}{reverse('explore:similar')}?title=bin+reminder+texts")
    assert page.title().startswith("Pilots like your idea")
    assert problems_on(page) == []

    page.goto(f"{live_server.url}{reverse('ideas:create')}")
    page.get_by_label("Title").fill("Texts to remind people of bin day")
    panel = page.locator("[data-already-tried]")
    expect(panel).to_contain_text("Reminder texts for bin collections")
    assert panel.locator("h1, header, footer").count() == 0  # the fragment, not a page
