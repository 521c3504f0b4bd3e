"""axe and 320 CSS px for the pages issue 12 changed outside the idea and pilot workflow:
feedback, joining a council, digest settings without partners, and two-step verification."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from playwright.sync_api import expect

from ideabank.lib.totp import give_authenticator, new_secret

from ..factories import DEFAULT_PASSWORD
from .conftest import axe_violations, sign_in
from .test_accessibility import TOO_WIDE

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

WIDTHS = (1280, 320)


def problems_on(page):
    """axe violations at 1280 and 320 CSS px, and sideways scrolling at 320."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        problems += [
            f"{width}px axe {v['id']} ({v['impact']}): {v['help']} at {v['targets']}"
            for v in axe_violations(page)
        ]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > 320:
        too_wide = page.evaluate(TOO_WIDE)
        problems.append(f"scrolls sideways at 320px: {scroll_width}px wide, {too_wide}")
    return problems


def check(page, url, failures):
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(url)
    assert response is not None and response.status < 400, url
    found = problems_on(page)
    if found:
        failures[url] = found


def test_the_changed_pages_pass_axe_and_fit_320px(
    transactional_db, live_server, browser, nina, dan, bob, barnet, leeds, step, settings
):
    base = live_server.url
    failures = {}

    visitor = browser.new_context().new_page()
    check(visitor, f"{base}{reverse('pages:feedback')}", failures)

    nina_context = browser.new_context()
    sign_in(nina_context, live_server, nina)
    nina_page = nina_context.new_page()
    check(nina_page, f"{base}{reverse('join:request')}", failures)
    with step("nina asks Barnet to add her", page=nina_page):
        nina_page.get_by_label("Council").select_option(label="Barnet")
        nina_page.get_by_label("Why you need access (optional)").fill("Libraries team")
        nina_page.get_by_role("button", name="Send request").click()
        expect(nina_page.locator(".govuk-notification-banner")).to_contain_text(
            "the Idea Bank team will decide"
        )
        failures.update(
            {f"{base} after asking": found for found in [problems_on(nina_page)] if found}
        )
    check(nina_page, f"{base}{reverse('digests:preferences')}", failures)

    dan_context = browser.new_context()
    sign_in(dan_context, live_server, dan)
    dan_page = dan_context.new_page()
    for path in ("/", reverse("digests:preferences")):
        check(dan_page, f"{base}{path}", failures)
        assert "partner councils" not in dan_page.content().lower()

    bob_context = browser.new_context()
    bob_page = bob_context.new_page()
    Authenticator.objects.filter(user=bob).delete()
    give_authenticator(bob, new_secret())
    with step("bob is between his password and his code", page=bob_page):
        bob_page.goto(f"{base}{reverse('account_login')}")
        bob_page.get_by_label("Email address", exact=True).fill(bob.email)
        bob_page.get_by_label("Password").fill(DEFAULT_PASSWORD)
        bob_page.get_by_role("button", name="Sign in").click()
        expect(bob_page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
        header = bob_page.locator("header")
        expect(header).not_to_contain_text("Sign in")
        expect(header).not_to_contain_text("Create an account")
        found = problems_on(bob_page)
        if found:
            failures["mfa_authenticate"] = found
    bob_context.close()

    bob_context = browser.new_context()
    sign_in(bob_context, live_server, bob)
    bob_page = bob_context.new_page()
    for name in ("mfa_index", "mfa_activate_totp", "mfa_generate_recovery_codes"):
        check(bob_page, f"{base}{reverse(name)}", failures)

    assert not failures, "\n".join(
        f"{where}:\n  " + "\n  ".join(found) for where, found in failures.items()
    )
