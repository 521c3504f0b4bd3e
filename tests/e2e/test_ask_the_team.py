"""Ask the team, in Chromium: Brent asks Barnet about a pilot, Barnet's lead finds it on the
notifications page (the emailed link leads to the same place) and replies on the site, and
both comment; axe finds nothing on the new pages."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from councils.models import Membership, Visibility
from pilots.models import Pilot

from ..conftest import member
from ..pilots.factories import OutcomeFactory, PilotFactory
from .conftest import axe_violations, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.usefixtures("privileged_people_have_mfa"),
]

URL_IN_TEXT = re.compile(r"https?://\S+")
QUESTION = "Did residents opt in to the texts, or did you text everyone?"
REPLY = "Everyone on the round, with a way to opt out. Only 3 did."


def new_page(browser):
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    return page


def assert_no_axe_violations(page):
    assert axe_violations(page) == [], page.url


def test_brent_asks_barnet_about_a_pilot_and_barnets_lead_replies(
    transactional_db, live_server, browser, step, partner_cast, settings
):
    url = live_server.url
    settings.SITE_URL = url
    manager, partner = partner_cast["manager"], partner_cast["partner"]
    barnet = manager.membership.council
    lead = member("alice@barnet.gov.uk", "Alice Adeyemi", barnet, Membership.Role.STAFF)
    pilot = PilotFactory(
        council=barnet,
        lead=lead,
        created_by=manager,
        title="Bin day texts",
        visibility=Visibility.PARTNERS,
        status=Pilot.Status.COMPLETED,
    )
    OutcomeFactory(pilot=pilot)
    mail.outbox.clear()

    carol = new_page(browser)
    sign_in(carol.context, live_server, partner)
    with step("Carol finds the ask link on the outcome", carol):
        carol.goto(url + reverse("outcomes:detail", args=[pilot.pk]))
        assert_no_axe_violations(carol)
        carol.get_by_role("link", name="Ask Barnet about this pilot").click()
        expect(carol.get_by_role("heading", level=1)).to_have_text("Ask Barnet about this pilot")
        assert_no_axe_violations(carol)
    with step("An empty question comes back with an error", carol):
        carol.get_by_role("button", name="Send your question").click()
        expect(carol.locator(".govuk-error-summary")).to_contain_text("Enter your question")
        assert_no_axe_violations(carol)
    with step("Carol sends her question", carol):
        carol.get_by_label("Your question").fill(QUESTION)
        carol.get_by_role("button", name="Send your question").click()
        expect(carol.locator(".govuk-notification-banner")).to_contain_text(
            "Your question has been sent to the team at Barnet"
        )
        expect(carol.locator("main")).to_contain_text(QUESTION)
        assert_no_axe_violations(carol)

    to_lead = [m for m in mail.outbox if m.to == [lead.email]]
    assert len(to_lead) == 1
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(
        [lead.email, manager.email, partner_cast["admin"].email]
    )
    assert partner.email not in to_lead[0].body
    link = next(u for u in URL_IN_TEXT.findall(to_lead[0].body) if "/questions/" in u)

    alice = new_page(browser)
    sign_in(alice.context, live_server, lead)
    with step("Barnet's lead finds the question on their notifications page", alice):
        alice.goto(url + reverse("home"))
        alice.get_by_role("link", name=re.compile(r"Notifications \(1")).click()
        item = alice.locator(".app-notification", has_text="New question about a pilot")
        expect(item).to_contain_text("Bin day texts")
        assert_no_axe_violations(alice)
        item.get_by_role("link", name="Bin day texts").click()
        expect(alice.locator("main")).to_contain_text(QUESTION)
        # The page and the email lead to the same conversation.
        assert alice.url == link.split("#")[0]
    with step("Barnet's lead replies", alice):
        expect(alice.locator("main")).to_contain_text("A member of staff at Brent")
        assert partner.email not in alice.content()
        alice.get_by_label("Your reply").fill(REPLY)
        alice.get_by_role("button", name="Send your reply").click()
        expect(alice.locator("main")).to_contain_text(REPLY)
        assert_no_axe_violations(alice)

    to_carol = [m for m in mail.outbox if m.to == [partner.email]]
    assert len(to_carol) == 1 and REPLY in to_carol[0].body
    assert lead.email not in to_carol[0].body

    with step("Carol reads the reply and comments on the pilot", carol):
        carol.goto(url + pilot.get_absolute_url())
        carol.locator("#questions").scroll_into_view_if_needed()
        carol.get_by_role("link", name=re.compile("Did residents opt in")).click()
        expect(carol.locator("main")).to_contain_text(REPLY)
        carol.goto(url + pilot.get_absolute_url())
        carol.get_by_label("Add a comment").fill("Thank you, @Bea Brooks we should try this.")
        carol.get_by_role("button", name="Add comment").click()
        expect(carol.locator("main")).to_contain_text("Thank you")
        assert_no_axe_violations(carol)

    with step("The lead opens the hide page of the comment", alice):
        alice.goto(url + pilot.get_absolute_url())
        alice.get_by_role("link", name="Hide this comment").click()
        expect(alice.get_by_role("heading", level=1)).to_have_text("Hide a comment")
        assert_no_axe_violations(alice)
        alice.goto(url + reverse("pilots:comment", args=[pilot.pk]))
        assert_no_axe_violations(alice)
