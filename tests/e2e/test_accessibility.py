"""WCAG 2.2 AA checks in Chromium: axe on every page, keyboard only, and 320 CSS px wide."""

import datetime
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from councils.models import Visibility
from digests.services import unsubscribe_token
from ideas.models import Idea
from outcomes.models import Outcome
from pilots.models import Pilot

from ..conftest import member
from ..ideas.factories import IdeaFactory, idea_in_status
from ..pilots.factories import OutcomeFactory, PilotFactory
from .conftest import axe_version, axe_violations, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.usefixtures("privileged_people_have_mfa"),
]

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}
# Links the navigation and footer lead to that are not pages to check.
NOT_PAGES = re.compile(r"^/(admin/|feeds/|healthz)|\.(xml|atom|csv|json)$")


def nav_links(page, base, where):
    """Same-site pages linked from `where`: "header" (with the service navigation) or "footer"."""
    hrefs = page.eval_on_selector_all(
        f"{where} a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    paths = set()
    for href in hrefs:
        parts = urlsplit(urljoin(base, href))
        if parts.netloc == urlsplit(base).netloc and not NOT_PAGES.search(parts.path):
            paths.add(parts.path)
    return paths


TOO_WIDE = """() => [...document.querySelectorAll('main *')]
  .filter(el => el.getBoundingClientRect().right > 320
    && !el.closest('.app-table-wrapper, .govuk-visually-hidden'))
  .slice(-3).map(el => el.tagName + '.' + el.className + ' ' + (el.textContent || '').slice(0, 40))
"""


def check_page(page, url):
    """axe violations and the width at 320 CSS px of one page."""
    page.set_viewport_size(WIDE)
    response = page.goto(url)
    problems = []
    if response is None or response.status >= 400:
        problems.append(f"HTTP {response and response.status}")
    problems += [
        f"axe {v['id']} ({v['impact']}): {v['help']} at {v['targets']}"
        for v in axe_violations(page)
    ]
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        problems.append(f"scrolls sideways at 320px: {width}px wide, {page.evaluate(TOO_WIDE)}")
    return problems


@pytest.fixture
def cast(barnet, brent, west_london_alliance):
    staff = member("alice@barnet.gov.uk", "Alice Adeyemi", barnet)
    manager = member("bob@barnet.gov.uk", "Bob Birch", barnet, "manager")
    admin = member("erin@barnet.gov.uk", "Erin Evans", barnet, "council_admin")
    partner = member("carol@brent.gov.uk", "Carol Chen", brent)
    submitted = idea_in_status(
        Idea.Status.SUBMITTED, author=staff, reviewer=manager, title="Text reminders for bins"
    )
    accepted = idea_in_status(
        Idea.Status.ACCEPTED,
        author=staff,
        reviewer=manager,
        title="Shared minibuses for day centres",
        name_display=Idea.NameDisplay.COUNCIL,
    )
    IdeaFactory(author=staff, title="A draft about parks")
    planned = PilotFactory(
        council=barnet,
        lead=staff,
        idea=accepted,
        title="Shared minibuses",
        sign_off_requested_at=timezone.now(),  # waiting in the managers' review queue
    )
    no_pilot_yet = idea_in_status(
        Idea.Status.ACCEPTED, author=staff, reviewer=manager, title="Pop-up libraries"
    )
    running = PilotFactory(
        council=barnet, lead=staff, title="Library late nights", status=Pilot.Status.RUNNING
    )
    stopped = PilotFactory(
        council=barnet,
        lead=staff,
        title="Bin day texts",
        status=Pilot.Status.STOPPED_EARLY,
        visibility=Visibility.PUBLIC,
    )
    OutcomeFactory(pilot=stopped, verdict=Outcome.Verdict.DID_NOT_WORK)
    return {
        "visitor": None,
        "staff": staff,
        "manager": manager,
        "council admin": admin,
        "partner staff": partner,
        "submitted": submitted,
        "accepted": accepted,
        "no_pilot_yet": no_pilot_yet,
        "planned": planned,
        "running": running,
        "stopped": stopped,
    }


def journey_pages(cast):
    """The pages the journey visits, by the persona who visits them."""
    submitted, planned, running, stopped = (
        cast[name] for name in ("submitted", "planned", "running", "stopped")
    )
    return {
        "visitor": [
            reverse("account_signup"),
            reverse("account_login"),
            reverse("account_reset_password"),
            reverse("digests:unsubscribe", args=[unsubscribe_token(cast["partner staff"])]),
            reverse("explore:experiments"),
            stopped.get_absolute_url(),
            reverse("outcomes:detail", args=[stopped.pk]),
            reverse("accounts:closed"),
        ],
        "staff": [
            reverse("accounts:close"),
            reverse("ideas:create"),
            submitted.get_absolute_url(),
            reverse("ideas:edit", args=[submitted.pk]),
            reverse("explore:similar_to_idea", args=[submitted.pk]),
            running.get_absolute_url(),
            reverse("pilots:add_update", args=[running.pk]),
            reverse("outcomes:write", args=[running.pk]) + "?ending=stopped_early",
            reverse("digests:preferences"),
            reverse("ideas:mine"),
            planned.get_absolute_url(),
        ],
        "manager": [
            reverse("ideas:review_queue"),
            reverse("ideas:review", args=[submitted.pk]),
            cast["accepted"].get_absolute_url(),
            reverse("pilots:edit", args=[planned.pk]),
            reverse("pilots:sign_off", args=[planned.pk]),
            reverse("pilots:discard", args=[planned.pk]),
            reverse("pilots:create", args=[cast["no_pilot_yet"].pk]),
            reverse("ideas:audience", args=[submitted.pk]),
            reverse("pilots:audience", args=[running.pk]),
            reverse("pilots:awaiting"),
            reverse("people:list", args=["barnet"]),
            reverse("people:close", args=["barnet", cast["staff"].membership.pk]),
        ],
        "council admin": [
            reverse("members:list", args=["barnet"]),
            reverse("members:requests", args=["barnet"]),
            reverse("members:domains", args=["barnet"]),
            reverse("members:audit", args=["barnet"]),
            reverse("members:audit", args=["barnet"]) + "?kind=nonsense",
        ],
        "partner staff": [
            reverse("explore:experiments") + "?q=bin&verdict=did_not_work",
            reverse("explore:ideas"),
            stopped.get_absolute_url(),
            reverse("outcomes:detail", args=[stopped.pk]),
            reverse("pilots:adopt", args=[stopped.pk]),
            reverse("pilots:list"),
            reverse("outcomes:list"),
        ],
    }


def test_every_page_passes_axe_and_fits_320px_for_every_persona(
    transactional_db, live_server, browser, cast, run_dir
):
    base = live_server.url
    checked, failures = {}, {}
    footer_pages_checked = set()
    for persona, pages in journey_pages(cast).items():
        context = browser.new_context()
        if cast[persona] is not None:
            sign_in(context, live_server, cast[persona])
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{base}/")
        # The footer's pages (accessibility, cookies, privacy, credits, open data) differ
        # between personas only in the header, which their other pages check: once each.
        footer_pages = nav_links(page, base, "footer") - footer_pages_checked
        footer_pages_checked |= footer_pages
        to_check = {"/", *nav_links(page, base, "header"), *footer_pages, *pages}
        for path in sorted(to_check):
            problems = check_page(page, f"{base}{path}")
            checked.setdefault(persona, []).append(path)
            if problems:
                failures[f"{persona} {path}"] = problems
        version = axe_version(page)
        context.close()

    page_count = sum(len(paths) for paths in checked.values())
    unique = len({urlsplit(p).path for paths in checked.values() for p in paths})
    summary = (
        f"axe-core {version} on {datetime.date.today().isoformat()}: {page_count} page checks "
        f"({unique} distinct pages) as {len(checked)} personas ({', '.join(checked)}); "
        f"{sum(len(v) for v in failures.values())} problems"
    )
    print("\n" + summary)
    (run_dir / "accessibility.txt").write_text(
        summary
        + "\n\n"
        + "\n".join(f"{persona}: {' '.join(paths)}" for persona, paths in checked.items())
        + "\n",
        encoding="utf-8",
    )
    assert not failures, "\n".join(
        f"{where}:\n  " + "\n  ".join(problems) for where, problems in failures.items()
    )


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, id: el.id, text: (el.innerText || el.value || '').trim().slice(0, 60),
    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none',
  };
}"""


class Keyboard:
    """Moves focus with Tab and Shift+Tab only, checking each focused element shows it."""

    def __init__(self, page):
        self.page = page

    def tab_to(self, matches, *, backwards=False, limit=60):
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            focused = self.page.evaluate(FOCUS_STYLE)
            if focused is None:
                continue
            assert focused["visible"], f"no visible focus on {focused}"
            if matches(focused):
                return focused
        raise AssertionError("Tab never reached the element")

    def tab_to_id(self, element_id, **kwargs):
        return self.tab_to(lambda f: f["id"] == element_id, **kwargs)

    def tab_to_text(self, text, **kwargs):
        return self.tab_to(lambda f: f["text"] == text, **kwargs)

    def choose_radio(self, option_id):
        """A radio group is one Tab stop; the arrow keys move within it, Space checks."""
        group = option_id.rsplit("_", 1)[0] + "_"
        self.tab_to(lambda f: f["id"].startswith(group))
        for _ in range(8):
            if self.page.evaluate("document.activeElement.id") == option_id:
                break
            self.page.keyboard.press("ArrowDown")
        self.page.keyboard.press("Space")
        assert self.page.evaluate(f"document.getElementById('{option_id}').checked")

    def press_to_navigate(self, key):
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def type_into(self, element_id, text):
        self.tab_to_id(element_id)
        self.page.keyboard.type(text)


def test_a_person_signs_up_and_submits_an_idea_with_the_keyboard_alone(
    transactional_db, live_server, page, barnet, brent, west_london_alliance, step, settings
):
    settings.SITE_URL = live_server.url
    page.set_default_timeout(10_000)
    keys = Keyboard(page)
    password = "a long and unguessable passphrase 42"

    with step("1 keyboard: sign up"):
        page.goto(f"{live_server.url}{reverse('account_signup')}")
        keys.type_into("id_email", "kim@barnet.gov.uk")
        keys.type_into("id_password1", password)
        keys.type_into("id_password2", password)
        keys.tab_to_text("Create account")
        keys.press_to_navigate("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    with step("1 keyboard: confirm the email address"):
        [message] = mail.outbox
        [link] = [u for u in re.findall(r"https?://\S+", message.body) if "confirm-email" in u]
        page.goto(link)
        keys.tab_to_text("Confirm email address")
        keys.press_to_navigate("Space")
        expect(page.get_by_role("navigation", name="Menu")).to_contain_text("Barnet")

    with step("2 keyboard: submit an idea, correcting the error from the summary"):
        keys.tab_to_text("Submit an idea")
        keys.press_to_navigate("Enter")
        keys.type_into("id_title", "Keyboard-only idea")
        keys.type_into("id_proposal", "Try it in one ward first.")
        keys.choose_radio("id_cost_band_1")
        keys.choose_radio("id_requested_visibility_1")
        keys.choose_radio("id_name_display_1")
        keys.tab_to_text("Save as draft")
        keys.tab_to_text("Submit", backwards=True)
        keys.press_to_navigate("Enter")
        expect(page.locator(".govuk-error-summary")).to_be_focused()
        keys.tab_to_text("Describe the problem your idea solves")
        page.keyboard.press("Enter")
        expect(page.locator("#id_problem")).to_be_focused()
        page.keyboard.type("People forget things.")
        keys.tab_to_text("Submit")
        keys.press_to_navigate("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Keyboard-only idea")
        idea = Idea.objects.get(title="Keyboard-only idea")
        assert idea.status == Idea.Status.SUBMITTED
        # Asked for; its own council alone sees it until a manager approves.
        assert idea.requested_visibility == Visibility.PARTNERS
        assert idea.visibility == Visibility.COUNCIL
        assert idea.name_display == Idea.NameDisplay.COUNCIL
