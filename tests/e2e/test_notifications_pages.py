"""axe and 320 CSS px on the notifications page, My work, the notification settings and a
page with a Follow button, each with content on it; then following and marking read in a
real browser."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import NotificationKind
from notifications.models import Follow, Notification
from pilots.models import PilotUpdate

from ..conftest import member
from ..ideas.factories import IdeaFactory
from ..pilots.factories import OutcomeFactory, PilotFactory, overdue_pilot, quiet_pilot
from .conftest import sign_in
from .test_accessibility import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.usefixtures("privileged_people_have_mfa"),
]


@pytest.fixture
def people(barnet, brent, west_london_alliance):
    alice = member("alice@barnet.gov.uk", "Alice Adeyemi", barnet)
    bob = member("bob@barnet.gov.uk", "Bob Birch", barnet, "manager")
    carol = member("carol@brent.gov.uk", "Carol Chen", brent)
    card = {"council": barnet, "lead": alice, "created_by": bob, "visibility": "partners"}
    running = PilotFactory(title="Text reminders for bin day", status="running", **card)
    PilotUpdate.objects.create(pilot=running, author=alice, body="Going well")
    overdue_pilot(2, title="Overdue street lighting pilot", **card)
    quiet_pilot(40, title="Quiet library pilot", **card)
    PilotFactory(title="Card waiting for sign-off", **card).ask_for_sign_off(by=alice)
    idea = IdeaFactory(author=alice, status="in_review", title="Shared parking bays")
    for n, (kind, message, subject) in enumerate(
        [
            (NotificationKind.DECISION, "Your idea was accepted", {"idea": idea}),
            (NotificationKind.COMMENT, "New comment on your idea", {"idea": idea}),
            (NotificationKind.QUESTION, "New question about a pilot", {"pilot": running}),
        ]
    ):
        target = next(iter(subject.values()))
        Notification.objects.create(
            recipient=alice,
            kind=kind,
            message=message,
            url=target.get_absolute_url(),
            key=f"e2e:{n}",
            read_at=timezone.now() if n == 0 else None,
            **subject,
        )
    return {"alice": alice, "bob": bob, "carol": carol, "running": running}


def test_the_notifications_pages_pass_axe_and_fit_320px(
    transactional_db, live_server, browser, people
):
    base = live_server.url
    pages = {
        "alice": [
            reverse("notifications:list"),
            reverse("notifications:my_work"),
            reverse("accounts:profile"),
        ],
        "bob": [reverse("notifications:my_work"), reverse("notifications:list")],
        "carol": [
            people["running"].get_absolute_url(),
            reverse("explore:council", args=["barnet"]),
        ],
    }
    failures = {}
    for persona, paths in pages.items():
        context = browser.new_context()
        sign_in(context, live_server, people[persona])
        page = context.new_page()
        page.set_default_timeout(10_000)
        for path in paths:
            problems = check_page(page, f"{base}{path}")
            if problems:
                failures[f"{persona} {path}"] = problems
        context.close()
    assert failures == {}


# Each table on the page: how much wider it is than the region it scrolls in.
TABLE_OVERFLOW = """() => Object.fromEntries(
  [...document.querySelectorAll('main .app-table-wrapper')].map(region => [
    region.getAttribute('aria-label'), region.scrollWidth - region.clientWidth,
  ]))"""


def test_on_a_phone_my_work_shows_what_to_do_without_scrolling_sideways(
    transactional_db, live_server, browser, people
):
    finished = PilotFactory(
        title="Finished pilot",
        status="completed",
        council=people["running"].council,
        lead=people["alice"],
        created_by=people["bob"],
    )
    OutcomeFactory(pilot=finished)
    actions = {
        "alice": [
            "Publish the outcome of Overdue street lighting pilot",
            "Add an update to Quiet library pilot",
        ],
        "bob": ["Publish the outcome of Overdue street lighting pilot"],
    }
    for persona, links in actions.items():
        context = browser.new_context(viewport={"width": 375, "height": 800})
        sign_in(context, live_server, people[persona])
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(live_server.url + reverse("notifications:my_work"))

        overflow = page.evaluate(TABLE_OVERFLOW)
        assert overflow and {label: px for label, px in overflow.items() if px > 0} == {}
        for name in links:
            box = page.get_by_role("link", name=name).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (persona, name)
        context.close()


def test_carol_follows_a_pilot_and_alice_marks_her_notifications_read(
    transactional_db, live_server, browser, people
):
    base = live_server.url
    context = browser.new_context()
    sign_in(context, live_server, people["carol"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}{people['running'].get_absolute_url()}")
    page.get_by_role("button", name="Follow this pilot").click()
    expect(page.get_by_role("button", name="Stop following this pilot")).to_be_visible()
    assert Follow.objects.filter(user=people["carol"], pilot=people["running"]).exists()
    context.close()

    context = browser.new_context()
    sign_in(context, live_server, people["alice"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}{reverse('notifications:list')}")
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation).to_contain_text("Notifications (2 unread)")
    page.get_by_role("button", name="Mark all as read").click()
    expect(navigation.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    assert not Notification.objects.filter(read_at=None).exists()
    context.close()
