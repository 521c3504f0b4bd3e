"""Status tags take the width their words need. GOV.UK Frontend caps a tag at 160px, so
"Signed off, starts 11 January" and "Waiting for sign-off" broke over two or three
lines with room beside them (frontend/scss/ideabank.scss)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from outcomes.models import Outcome
from pilots.models import Pilot

from ..pilots.factories import OutcomeFactory, PilotFactory
from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.usefixtures("privileged_people_have_mfa"),
]

# Each tag in the page's main part: its words, and how many lines they take.
TAG_LINES = """() => [...document.querySelectorAll('main .govuk-tag')].map(tag => [
  tag.textContent.trim(),
  Math.round(tag.getBoundingClientRect().height / parseFloat(getComputedStyle(tag).lineHeight)),
])"""


def test_a_status_tag_keeps_to_one_line_where_there_is_room(
    transactional_db, live_server, browser, alice, barnet
):
    later = timezone.localdate() + datetime.timedelta(days=40)
    PilotFactory(council=barnet, lead=alice, status=Pilot.Status.RUNNING, start_date=later)
    PilotFactory(council=barnet, lead=alice, sign_off_requested_at=timezone.now())
    OutcomeFactory(
        pilot=PilotFactory(council=barnet, lead=alice, status=Pilot.Status.COMPLETED),
        verdict=Outcome.Verdict.PARTLY_WORKED,
    )
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    sign_in(context, live_server, alice)
    page = context.new_page()

    for name in ["pilots:list", "explore:experiments"]:
        page.set_viewport_size({"width": 1100, "height": 900})
        page.goto(live_server.url + reverse(name))
        tags = dict(page.evaluate(TAG_LINES))
        assert "Waiting for sign\N{NON-BREAKING HYPHEN}off" in tags
        assert any(words.startswith("Signed off, starts ") for words in tags)
        assert {words: lines for words, lines in tags.items() if lines != 1} == {}, name

        # On a phone they may wrap again, but never widen the page.
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, name


# How many lines "sign-off" takes in each tag that says it.
SIGN_OFF_LINES = """() => [...document.querySelectorAll('main .govuk-tag')]
  .filter(tag => /sign.off/.test(tag.textContent)).map(tag => {
    const text = tag.firstChild;
    const start = text.data.search(/sign.off/);
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + "sign-off".length);
    return new Set([...range.getClientRects()].map(line => Math.round(line.top))).size;
  })"""


def test_waiting_for_sign_off_never_breaks_at_its_hyphen(
    transactional_db, live_server, browser, alice, barnet
):
    PilotFactory(council=barnet, lead=alice, sign_off_requested_at=timezone.now())
    context = browser.new_context()
    sign_in(context, live_server, alice)
    page = context.new_page()

    for name in ["pilots:list", "notifications:my_work"]:
        page.goto(live_server.url + reverse(name))
        broken = []
        # Narrow to wide: some widths leave room for "Waiting for sign-" but not "off".
        for width in range(300, 1000, 10):
            page.set_viewport_size({"width": width, "height": 800})
            lines = page.evaluate(SIGN_OFF_LINES)
            assert lines, name
            if max(lines) > 1:
                broken.append(width)
        assert broken == [], name
