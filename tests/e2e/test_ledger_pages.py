"""axe and 320 CSS px for the ledger and dashboard pages: a council's, a partnership's and
the country's, for a member and a visitor, with figures and charts on them."""

import pytest
from django.urls import reverse

from ..explore.test_ledger import cast, themes  # noqa: F401  (the hand-worked world)
from .conftest import sign_in
from .test_trust_pages import check

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_each_dashboard_page_passes_axe_and_fits_320px(
    transactional_db,
    live_server,
    browser,
    cast,  # noqa: F811  (the fixture imported above)
    alice,
):
    paths = [
        reverse("explore:council_ledger", args=["barnet"]),
        reverse("explore:partnership_ledger", args=["west-london-alliance"]),
        reverse("explore:ledger"),
        reverse("explore:council_ledger", args=["barnet"]) + "?year=2025&theme=waste",
    ]
    failures = {}
    alice_context = browser.new_context()
    sign_in(alice_context, live_server, alice)
    for page in (alice_context.new_page(), browser.new_context().new_page()):
        for path in paths:
            check(page, f"{live_server.url}{path}", failures)
            # Each chart is drawn, with its table, and no script is needed to see it.
            assert page.locator("svg[role=img]").count() == 4
            assert page.locator("table.app-chart__table").count() >= 3
    assert failures == {}
