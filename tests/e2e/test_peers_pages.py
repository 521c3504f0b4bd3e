"""axe and 320 CSS px for the pages of issue 18 (councils like yours, the "did not work"
register, evidence that grows with replication), and the warning while writing an idea."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from councils.models import CouncilProfile, SimilarCouncil, Visibility
from outcomes.models import Outcome
from pilots.models import Pilot

from ..factories import CouncilFactory
from ..pilots.factories import PilotFactory, closed_pilot, measured
from .conftest import sign_in
from .test_trust_pages import check, problems_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.usefixtures("privileged_people_have_mfa"),
]

LESSON = "The address lookup could not handle flats."


def closed(council, lead, verdict, **outcome):
    """Closed a month ago, and stopped, if it was, for the LESSON."""
    pilot = {
        "title": outcome.pop("title", "Bin day texts"),
        "summary": outcome.pop("summary", "Texts the evening before bin day."),
        "closed_at": timezone.now() - datetime.timedelta(days=30),
    }
    return closed_pilot(council, lead, verdict, stop_reason=LESSON, pilot=pilot, **outcome)


@pytest.fixture
def peers_world(alice, bob, carol, dan, barnet, brent, leeds):
    CouncilProfile.objects.create(
        council=barnet,
        deprivation_score=0.4,
        deprivation_quintile=3,
        density=4500,
        rural_urban=CouncilProfile.RuralUrban.URBAN,
        emissions=CouncilProfile.Emissions.URBAN_MAINSTREAM,
    )
    SimilarCouncil.objects.create(
        council=barnet, similar=brent, rank=1, distance=0.05, reasons=["deprivation"]
    )
    SimilarCouncil.objects.create(council=barnet, similar=leeds, rank=2, distance=0.2, reasons=[])
    camden = CouncilFactory(short_name="Camden", code="CMD")
    W = Outcome.Verdict
    chatbot = closed(
        leeds, dan, W.STOPPED_EARLY, title="Chatbot for missed bin reports",
        summary="A chatbot takes missed bin reports.",
    )  # fmt: skip
    original = closed(barnet, alice, W.WORKED, evidence_level=2, **measured(14, 10))
    closed(brent, carol, W.WORKED, source=original, evidence_level=3, **measured(12, 9))
    closed(camden, dan, W.WORKED, source=original, visibility=Visibility.COUNCIL)
    return {
        "chatbot": chatbot,
        "original": original,
        "card": PilotFactory(
            council=barnet,
            lead=alice,
            title="Missed bin chatbot",
            summary="Residents report missed bins to a chatbot.",
            visibility=Visibility.PARTNERS,
        ),  # fmt: skip
        "running": PilotFactory(
            council=barnet,
            lead=alice,
            status=Pilot.Status.RUNNING,
            title="Garden waste texts",
            summary="Texts about garden waste.",
            visibility=Visibility.PARTNERS,
        ),  # fmt: skip
        "brents": PilotFactory(
            council=brent,
            lead=carol,
            status=Pilot.Status.RUNNING,
            title="Missed bin chatbot with a callback",
            summary="A chatbot, then a call back.",
            visibility=Visibility.PARTNERS,
        ),  # fmt: skip
    }


def test_the_peer_pages_pass_axe_and_fit_320px(
    transactional_db, live_server, browser, alice, bob, dan, peers_world
):
    base = live_server.url
    world = peers_world
    failures = {}

    visitor = browser.new_context().new_page()
    for path in ("/councils/barnet/", reverse("explore:did_not_work")):
        check(visitor, base + path, failures)

    dan_context = browser.new_context()
    sign_in(dan_context, live_server, dan)
    dan_page = dan_context.new_page()
    check(dan_page, base + world["original"].get_absolute_url(), failures)
    expect(dan_page.locator("#replication-heading")).to_have_text("Where it was repeated")
    expect(dan_page.locator("svg[role=img]")).to_have_count(1)
    assert "Camden" not in dan_page.content()
    check(dan_page, base + world["original"].outcome.get_absolute_url(), failures)
    check(dan_page, base + reverse("explore:did_not_work") + "?q=chatbot", failures)

    alice_context = browser.new_context()
    sign_in(alice_context, live_server, alice)
    alice_page = alice_context.new_page()
    for url in (
        "/councils/barnet/",
        world["running"].get_absolute_url(),
        reverse("pilots:adopt", args=[world["brents"].pk]),
        reverse("outcomes:write", args=[world["running"].pk]),
    ):
        check(alice_page, base + url, failures)
    alice_page.get_by_label("Unit").fill("days")
    alice_page.get_by_role("button", name="Complete the pilot and publish the outcome").click()
    expect(alice_page.locator(".govuk-error-summary")).to_contain_text("Enter what was measured")
    found = problems_on(alice_page)
    if found:
        failures["the outcome form with errors"] = found

    bob_context = browser.new_context()
    sign_in(bob_context, live_server, bob)
    bob_page = bob_context.new_page()
    check(bob_page, base + reverse("pilots:sign_off", args=[world["card"].pk]), failures)
    expect(bob_page.locator("[data-failed-elsewhere]")).to_contain_text(
        f"Stopped early at Leeds in {timezone.now().year}:"
    )

    assert not failures, "\n".join(
        f"{where}:\n  " + "\n  ".join(found) for where, found in failures.items()
    )


def test_writing_an_idea_like_a_stopped_pilot_shows_the_warning_before_submitting(
    transactional_db, live_server, browser, alice, peers_world
):
    context = browser.new_context()
    sign_in(context, live_server, alice)
    page = context.new_page()
    page.goto(live_server.url + reverse("ideas:create"))

    page.get_by_label("Title").fill("A chatbot for missed bin reports")

    warning = page.locator("[data-failed-elsewhere]")
    expect(warning).to_contain_text("Stopped early at Leeds in")
    expect(warning).to_contain_text(LESSON)
    expect(warning.get_by_role("link")).to_have_attribute(
        "href", peers_world["chatbot"].get_absolute_url()
    )
    # Not a barrier: the idea can still be saved.
    expect(page.get_by_role("button", name="Save as draft")).to_be_enabled()
    assert problems_on(page) == []
