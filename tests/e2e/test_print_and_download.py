"""A visitor downloads the experiments as CSV from the page, and prints a pilot and its
outcome, each on one A4 page, with no navigation and with the page's address."""

import csv
import io
import re

import pytest
from django.urls import reverse

from councils.models import Visibility
from outcomes.models import Outcome

from ..explore.conftest import make_pilot
from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_a_visitor_downloads_the_list_and_prints_a_pilot_and_its_outcome_on_one_page(
    transactional_db, live_server, page, alice, settings
):
    settings.SITE_URL = live_server.url
    pilot = make_pilot(
        alice.membership.council,
        alice,
        visibility=Visibility.PUBLIC,
        title="Text reminders before bin day",
        outcome={"verdict": Outcome.Verdict.WORKED, "evidence_level": 3},
    )
    page.goto(live_server.url + reverse("explore:experiments"))
    assert axe_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as CSV").click()
    lines = list(csv.reader(io.StringIO(download_info.value.path().read_text("utf-8-sig"))))
    assert lines[4][:2] == ["Experiment", "Link"]
    assert lines[5][0] == "Text reminders before bin day"

    for url in (pilot.get_absolute_url(), pilot.outcome.get_absolute_url()):
        page.goto(live_server.url + url)
        page.emulate_media(media="print")

        assert not page.locator("header.govuk-template__header").is_visible()
        assert not page.locator("footer").is_visible()
        assert page.get_by_text(f"Printed from {live_server.url}{url}").is_visible()
        assert pdf_pages(page.pdf(format="A4")) == 1, url
        page.emulate_media(media="screen")
        assert not page.get_by_text("Printed from").is_visible()
