"""A real Chromium (Debian's; Playwright never downloads its own) against Django's live server.

Playwright's sync API runs an event loop in the test thread, so Django's
"async unsafe" guard would refuse the ORM calls the tests make between steps.
"""

import contextlib
import datetime
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from councils.models import Membership, Visibility

from ..conftest import member
from ..pilots.factories import OutcomeFactory, PilotFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VENDOR = Path(__file__).parent / "vendor"
AXE_SCRIPT = (VENDOR / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "e2e"
RUN_NAME = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def playwright(playwright):
    """pytest-playwright's, closing before it stops the database connections made meanwhile.

    Between calls, Playwright's sync API leaves its asyncio loop marked as running in
    the test thread, and Django keeps separate connections for a thread with a running
    loop. Every test after the first browser test in this process uses those; once
    Playwright stops, Django sees the thread's other connections again and closes only
    them, and the test database could not be dropped ("is being accessed by other users").
    """
    yield playwright
    connections.close_all()


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-playwright's fallback fixture, which pytest 9 warns about
    (a session fixture defined as an instance method); the tests use live_server.url.
    """
    return None


@pytest.fixture(scope="session")
def run_dir():
    """This run's screenshots: test-artifacts/e2e/<timestamp>/ (gitignored)."""
    path = ARTIFACTS / RUN_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path


class Steps:
    """Numbered, named steps that leave a screenshot whether they pass or fail."""

    def __init__(self, folder, page):
        self.folder = folder
        self.page = page
        self.count = 0

    def shot(self, name):
        self.count += 1
        slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
        path = self.folder / f"{self.count:02d}-{slug}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    @contextlib.contextmanager
    def __call__(self, name, page=None):
        if page is not None:
            self.page = page
        try:
            yield
        except BaseException:
            path = self.shot(f"{name}-FAILED")
            print(f"\nE2E STEP FAILED: {name!r} (screenshot: {path}, page: {self.page.url})")
            raise
        self.shot(name)


@pytest.fixture
def step(request, run_dir, page):
    """`with step("3 manager accepts"):` names the step a failure happened in."""
    folder = run_dir / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return Steps(folder, page)


def axe_violations(page):
    """Run axe-core on the page for the WCAG 2.0/2.1/2.2 A and AA tags."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # A nonce CSP blocks add_script_tag; evaluate runs outside the page's CSP.
        page.evaluate(AXE_SCRIPT)
    options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}})
    result = page.evaluate(f"async () => await axe.run(document, {options})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def axe_version(page):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("axe.version")


def closed_pilot_outcome(lead, title, **outcome_fields):
    """The outcome of a completed pilot that `lead` ran, shared with partner councils."""
    pilot = PilotFactory(
        council=lead.membership.council,
        lead=lead,
        visibility=Visibility.PARTNERS,
        status="completed",
        title=title,
    )
    return OutcomeFactory(pilot=pilot, **outcome_fields)


def sign_in(context, live_server, user):
    """Give a browser context the session cookie of `user`, as signing in would."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


@pytest.fixture
def partner_cast(barnet, brent, west_london_alliance):
    """Barnet (with a manager and an admin) and Brent, partners in the West London Alliance."""
    return {
        "manager": member("bob@barnet.gov.uk", "Bob Birch", barnet, Membership.Role.MANAGER),
        "admin": member("erin@barnet.gov.uk", "Erin Evans", barnet, Membership.Role.COUNCIL_ADMIN),
        "partner": member("carol@brent.gov.uk", "Carol Chen", brent),
    }
