"""Every payload in xss_payloads.txt saved in every user text field; every page
and email that shows them parsed: nothing executable may come from user input."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from councils.models import Membership, Visibility
from ideas.models import Idea
from pilots.models import Pilot, PilotUpdate
from pilots.services import adopt_pilot

from ..factories import MembershipFactory, PartnershipFactory, UserFactory
from ..ideas.factories import CommentFactory, idea_in_status
from ..pilots.factories import OutcomeFactory, PilotFactory

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "xss_payloads.txt").read_text().splitlines()
    if line and not line.startswith("#")
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background"}
# A card's long text fields; its title and team are short, and given their own payloads.
PILOT_TEXT_FIELDS = [name for name in Pilot.TEXT_FIELDS if name not in {"title", "team"}]
DANGEROUS_TAGS = {"iframe", "frame", "object", "embed", "base", "applet"}


def chunks(items, limit):
    """Payloads joined by newlines, each chunk at most `limit` characters."""
    chunk, size = [], 0
    for item in items:
        if chunk and size + len(item) + 1 > limit:
            yield chunk
            chunk, size = [], 0
        chunk.append(item)
        size += len(item) + 1
    if chunk:
        yield chunk


class Executable(HTMLParser):
    """Script elements without the response's nonce, event handlers, script URLs."""

    def __init__(self, nonce):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            cleaned = "".join(ch for ch in value if ch > " ").lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.found.append(f"<{tag} {name}={value[:40]}>")
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src") or ""
            if not (
                src.startswith("/static/")
                or (self.nonce and attributes.get("nonce") == self.nonce)
            ):
                self.found.append(f"<script src={src[:40]}>")
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta refresh>")


def executable_parts(html, csp_header=""):
    nonce = None
    for source in csp_header.replace(";", " ").split():
        if source.startswith("'nonce-"):
            nonce = source[len("'nonce-") : -1]
    parser = Executable(nonce)
    parser.feed(html)
    return parser.found


@pytest.fixture
def payload_world(alice, bob, carol, erin, barnet, brent, django_capture_on_commit_callbacks):
    """The payloads in every text field people type into, on public objects."""
    ideas, pilots, people = [], [], []
    with django_capture_on_commit_callbacks(execute=True):
        for n, chunk in enumerate(chunks(PAYLOADS, 2000)):
            joined = "\n".join(chunk)
            person = UserFactory(
                email=f"writer{n}@barnet.gov.uk",
                full_name=chunk[0][:150],
                job_title=chunk[-1][:150],
            )
            MembershipFactory(user=person, council=barnet, role=Membership.Role.STAFF)
            people.append(person)
            idea = idea_in_status(
                Idea.Status.IN_REVIEW,
                author=person,
                reviewer=bob,
                visibility=Visibility.PUBLIC,
                title=chunk[1 % len(chunk)][:150],
                problem=joined,
                proposal=joined,
                expected_benefit=joined,
                who_benefits=joined[:300],
            )
            # Shared as a lesson with everyone, so every viewer reads the payloads.
            idea.decline(by=bob, feedback=joined, audience=Visibility.PUBLIC)
            CommentFactory(idea=idea, author=carol, body=joined)
            ideas.append(idea)
            card = {
                "council": barnet,
                "lead": person,
                "visibility": Visibility.PUBLIC,
                **dict.fromkeys(PILOT_TEXT_FIELDS, joined),
            }
            pilot = PilotFactory(
                status=Pilot.Status.RUNNING,
                title=chunk[2 % len(chunk)][:150],
                team=joined[:500],
                **card,
            )
            PilotUpdate.objects.create(pilot=pilot, author=person, body=joined)
            adopt_pilot(pilot=pilot, by=carol)
            done = PilotFactory(
                status=Pilot.Status.COMPLETED,
                title=chunk[3 % len(chunk)][:150],
                stop_reason=joined,
                **card,
            )
            OutcomeFactory(
                pilot=done,
                expected_result=joined,
                measured_result=joined,
                learned=joined,
                do_differently=joined,
            )
            pilots += [pilot, done]
            PartnershipFactory(
                name=chunk[0][:150], description=joined, councils=[barnet, brent]
            ).save()
    # Titles and names are short: give every payload its own idea title as well.
    for payload in PAYLOADS:
        idea_in_status(
            Idea.Status.SUBMITTED, author=alice, reviewer=bob, visibility=Visibility.PUBLIC,
            title=payload[:150],
        )  # fmt: skip
    return {"ideas": ideas, "pilots": pilots, "people": people}


def pages_to_parse(world):
    urls = ["/", reverse("ideas:list"), reverse("pilots:list"), reverse("outcomes:list")]
    urls += [f"{reverse('ideas:list')}?page={n}" for n in range(2, len(PAYLOADS) // 20 + 3)]
    urls += [reverse("councils:partnerships"), "/councils/barnet/", "/browse/experiments/"]
    urls += ["/browse/ideas/", "/feeds/outcomes/"]
    for idea in world["ideas"]:
        urls += [reverse("ideas:detail", args=[idea.pk])]
    for pilot in world["pilots"]:
        urls += [reverse("pilots:detail", args=[pilot.pk])]
        if pilot.status == Pilot.Status.COMPLETED:
            urls += [reverse("outcomes:detail", args=[pilot.pk])]
    return urls


def test_no_payload_becomes_executable_on_any_page_or_email(
    payload_world, client_for, alice, bob, carol, erin
):
    viewers = {"visitor": Client(), "carol": client_for(carol), "bob": client_for(bob)}
    findings = []
    parsed = 0
    for name, client in viewers.items():
        for url in pages_to_parse(payload_world):
            response = client.get(url)
            if response.status_code == 404 and not url.startswith(("/ideas/", "/pilots/")):
                continue  # a page another app has not shipped yet
            assert response.status_code == 200, (url, response.status_code)
            parsed += 1
            found = executable_parts(
                response.content.decode(), response.get("Content-Security-Policy", "")
            )
            findings += [f"{url} as {name}: {item}" for item in found]
    for url in (
        reverse("ideas:review_queue"),
        reverse("ideas:review_queue") + "?status=declined",
        "/councils/barnet/members/",
        reverse("pilots:awaiting"),
    ):
        client = client_for(erin)
        response = client.get(url)
        parsed += 1
        found = executable_parts(response.content.decode(), response["Content-Security-Policy"])
        findings += [f"{url} as erin: {item}" for item in found]
    for person in payload_world["people"][:2]:
        response = client_for(person).get(reverse("accounts:profile"))
        parsed += 1
        found = executable_parts(response.content.decode(), response["Content-Security-Policy"])
        findings += [f"profile: {item}" for item in found]
    emails = 0
    for message in mail.outbox:
        for body, kind in getattr(message, "alternatives", []):
            if kind == "text/html":
                emails += 1
                findings += [
                    f"email {message.subject[:40]}: {item}" for item in executable_parts(body)
                ]
    print(
        f"\nXSS: {len(PAYLOADS)} payloads in every text field; {parsed} pages and "
        f"{emails} HTML emails parsed; executable results: {len(findings)}"
    )
    assert emails > 0
    assert findings == []
