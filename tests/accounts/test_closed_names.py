"""After Alice closes her account, what she wrote stays, and shows "a former member of
staff at Barnet" on every surface: pages, lists, feeds and digests."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import close_account
from councils.models import Visibility
from digests.tasks import start_digests
from ideas.models import Idea
from pilots.models import Pilot

from ..ideas.factories import IdeaFactory, take_to_status, talked_about
from ..pilots.factories import OutcomeFactory, PilotFactory

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

FORMER = "a former member of staff at Barnet"
HER_NAME = ("Alice Adeyemi", "Adeyemi", "alice@barnet.gov.uk")


@pytest.fixture
def alices_work(alice, bob, carol):
    """A public idea that shows her name to everyone, her comment, and her pilot and outcome."""
    idea = IdeaFactory(author=alice, title="Text reminders for bins", visibility=Visibility.PUBLIC)
    take_to_status(idea, Idea.Status.ACCEPTED, reviewer=bob, feedback="Let us try it.")
    talked_about(idea, by=carol)
    pilot = PilotFactory(
        idea=idea,
        lead=alice,
        council=idea.council,
        title="Bin reminder pilot",
        visibility=Visibility.PUBLIC,
        status=Pilot.Status.COMPLETED,
    )
    OutcomeFactory(pilot=pilot, published_at=timezone.now())
    return idea, pilot


def pages(client, idea, pilot):
    urls = {
        "idea": reverse("ideas:detail", args=[idea.pk]),
        "ideas": reverse("ideas:list"),
        "explore ideas": reverse("explore:ideas"),
        "explore experiments": reverse("explore:experiments"),
        "pilot": reverse("pilots:detail", args=[pilot.pk]),
        "outcome": reverse("outcomes:detail", args=[pilot.pk]),
        "feed": reverse("explore:feed"),
        "council feed": reverse("explore:council_feed", kwargs={"slug": "barnet"}),
        "home": reverse("home"),
    }
    return {name: client.get(url) for name, url in urls.items()}


@pytest.mark.parametrize("viewer", ["bob", "carol", "dan", "visitor"])
def test_alices_name_is_nowhere_once_she_closes_her_account(
    request, client_for, alices_work, alice, dan, viewer
):
    idea, pilot = alices_work
    client = client_for(None if viewer == "visitor" else request.getfixturevalue(viewer))
    # Seen once before, so a cached list would still hold her name.
    before = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert "Alice Adeyemi" in before
    client.get(reverse("explore:ideas"))

    close_account(person=alice, by=alice)

    after = {}
    for name, response in pages(client, idea, pilot).items():
        assert response.status_code == 200, name
        after[name] = response.content.decode()
        for part in HER_NAME:
            assert part not in after[name], (name, part)
    for name in ("idea", "ideas", "explore ideas"):
        assert FORMER in after[name], name
    # The pilot's lead row starts with it.
    assert "A former member of staff at Barnet" in after["pilot"]


def test_her_idea_keeps_its_comments_and_history(client_for, alices_work, alice, bob):
    idea, _pilot = alices_work

    close_account(person=alice, by=alice)

    page = client_for(bob).get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert "Text reminders for bins" in page
    assert "Happy to talk to anyone about this." in page
    assert "Let us try it." in page
    assert "Bob Birch" in page
    assert FORMER in page


def test_her_name_is_not_in_carols_digest(
    alice, carol, django_capture_on_commit_callbacks, mailoutbox
):
    from digests.services import period_bounds

    _key, start, _end = period_bounds("weekly", timezone.now())
    IdeaFactory(
        author=alice,
        title="Shared bins for flats",
        status=Idea.Status.SUBMITTED,
        submitted_at=start + timezone.timedelta(days=2),
        visibility=Visibility.PARTNERS,
        name_display=Idea.NameDisplay.EVERYONE,
    )
    close_account(person=alice, by=alice)

    with django_capture_on_commit_callbacks(execute=True):
        start_digests("weekly")

    [message] = [message for message in mailoutbox if message.to == [carol.email]]
    html = message.alternatives[0].content
    assert "Shared bins for flats" in message.body
    assert FORMER in message.body
    for part in HER_NAME:
        assert part not in message.body
        assert part not in html
    assert not [message for message in mailoutbox if "closed.invalid" in message.to[0]]
