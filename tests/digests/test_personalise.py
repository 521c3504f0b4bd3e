"""A digest is rendered and encoded once per audience and personalised per person."""

import re
from email import message_from_bytes

import pytest
from django.core.mail.message import sanitize_address
from django.utils import timezone

from digests import services
from digests.content import audience_of
from digests.mail import (
    PLAIN_ADDRESS,
    DigestTemplate,
    PersonalisedEmail,
    sanitized_recipient,
    sanitized_sender,
)
from digests.models import DigestRun
from digests.services import (
    digest_builder,
    digest_message_id,
    digest_values,
    render_shared_blocks,
    start_digest_run,
    user_for_unsubscribe_token,
)
from digests.tasks import send_digest_batch

from ..conftest import member
from .conftest import local_smtp_server
from .factories import shared_idea

pytestmark = pytest.mark.django_db

DATE = "Mon, 23 Nov 2026 07:00:00 -0000"


@pytest.fixture
def run(last_week):
    day = timezone.timedelta(days=1)
    return DigestRun.objects.create(
        key="weekly:test", period="weekly", start=last_week - day, end=last_week + day
    )


@pytest.fixture
def brent_digest(alice, carol, last_week, run):
    """The template and build function of the digest Brent's staff share."""
    shared_idea(alice, last_week, title="Gritting routes & <b>bins</b> – “shared”")
    shared = render_shared_blocks(carol, audience_of(carol), run=run, today=timezone.localdate())
    build = digest_builder(run=run, shared=shared, date=DATE)
    return DigestTemplate(build), build


def unfolded(mime, name):
    """A header's value with the line breaks of folding taken out."""
    return " ".join(mime[name].split())


def bodies(mime):
    """The text and HTML parts of a received digest, with plain line ends."""
    return [
        part.get_payload(decode=True).decode().replace("\r\n", "\n") for part in mime.get_payload()
    ]


def as_sent(email):
    """The bytes an SMTP backend would send, with the random MIME boundary made fixed."""
    mime = email.message()
    data = mime.as_bytes(linesep="\r\n")
    boundary = message_from_bytes(data).get_boundary()
    return data.replace(boundary.encode(), b"BOUNDARY")


@pytest.mark.parametrize(
    ("full_name", "substituted"),
    [
        ("Carol Brent", True),
        ("", True),  # display name from the address
        ("Siân O’Brien", True),  # not ASCII, in parts that already are not
        ("Tom & Jerry <script>", True),  # escaped in the HTML part, as it is in the text
        ("x" * 150, True),  # the longest name the model allows
        ("Line\nbreak", False),  # built whole
    ],
)
def test_a_personalised_digest_is_byte_for_byte_the_one_built_whole(
    brent, carol, brent_digest, run, full_name, substituted
):
    template, build = brent_digest
    person = member("brenda@brent.gov.uk", full_name, brent)
    template.personalise(digest_values(carol, run=run))  # the first person is checked
    values = digest_values(person, run=run)
    email = template.personalise(values)
    assert isinstance(email, PersonalisedEmail) == substituted
    assert as_sent(email) == as_sent(build(values))


def test_everyone_sharing_a_digest_gets_their_own_name_link_and_headers(
    brent, carol, brent_digest, run
):
    template, _build = brent_digest
    people = [carol] + [member(f"b{n}@brent.gov.uk", f"Brent Person {n}", brent) for n in range(3)]
    for person in people:
        email = template.personalise(digest_values(person, run=run))
        assert isinstance(email, PersonalisedEmail)
        data = email.message().as_bytes(linesep="\r\n")
        mime = message_from_bytes(data)
        text, html = bodies(mime)
        assert mime["To"] == person.email
        assert mime["Message-ID"] == digest_message_id(run, person)
        link = re.fullmatch(r"<(\S+)>", unfolded(mime, "List-Unsubscribe")).group(1)
        assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert user_for_unsubscribe_token(link.rstrip("/").rsplit("/", 1)[1]) == person
        assert f"Hello {person.display_name}," in text
        assert f"Hello {person.display_name}," in html
        assert link in text
        assert link in html
        assert "Gritting routes &amp; &lt;b&gt;bins&lt;/b&gt;" in html
        # The object the locmem backend keeps says the same as the bytes.
        assert email.to == [person.email]
        assert email.body == text
        assert email.alternatives[0].content == html
        assert email.extra_headers["List-Unsubscribe"] == f"<{link}>"
        for other in people:
            if other != person:
                assert other.email.encode() not in data
        assert not re.search(rb"digest-(to|name|unsubscribe-url|message-id)-[0-9a-f]{16}", data)


def test_a_template_that_reads_more_about_the_person_is_turned_off_not_sent_wrong(
    brent, carol, brent_digest, run
):
    _template, build = brent_digest

    def build_with_email_in_body(values):
        email = build(values)
        email.body += f"\nSent to {getattr(values['person'], 'email', '')}\n"
        return email

    template = DigestTemplate(build_with_email_in_body)
    brenda = member("brenda@brent.gov.uk", "Brenda Brent", brent)
    for person in [carol, brenda]:
        values = digest_values(person, run=run)
        email = template.personalise(values)
        assert not isinstance(email, PersonalisedEmail)
        assert f"Sent to {person.email}" in email.body
        assert as_sent(email) == as_sent(build_with_email_in_body(values))
    assert template.segments is None


def test_a_name_that_cannot_be_substituted_is_built_whole(brent, carol, brent_digest, run):
    template, build = brent_digest
    template.personalise(digest_values(carol, run=run))
    odd = member("odd@brent.gov.uk", "Line\nbreak", brent)
    long = member("long@brent.gov.uk", "&" * 150, brent)  # 750 bytes once escaped
    for person in [odd, long]:
        values = digest_values(person, run=run)
        email = template.personalise(values)
        assert not isinstance(email, PersonalisedEmail)
        assert as_sent(email) == as_sent(build(values))
    assert template.segments is not None  # still used for everyone else


def test_a_batch_renders_each_shared_digest_once_not_once_per_person(
    alice, brent, carol, last_week, mailoutbox, monkeypatch
):
    for n in range(9):
        member(f"b{n}@brent.gov.uk", f"Brent Person {n}", brent)
    shared_idea(alice, last_week)
    builds = []
    real_build_email = services.build_email

    def counting_build_email(*args, **kwargs):
        builds.append(kwargs["to"])
        return real_build_email(*args, **kwargs)

    monkeypatch.setattr(services, "build_email", counting_build_email)
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    assert send_digest_batch(run.pk, first_id, last_id)["sent"] == 10
    # Once with stand-ins, once more to check the first person's copy: not ten times.
    assert len(builds) == 2
    assert all(isinstance(message, PersonalisedEmail) for message in mailoutbox)
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        run.deliveries.values_list("user__email", flat=True)
    )


class KeepingHandler:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.received.append((envelope.rcpt_tos, envelope.original_content))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    with local_smtp_server(KeepingHandler(), settings) as handler:
        yield handler


def test_over_smtp_each_person_receives_their_own_complete_digest(
    alice, brent, carol, last_week, smtp_server
):
    people = [carol] + [member(f"b{n}@brent.gov.uk", f"Brent Person {n}", brent) for n in range(4)]
    shared_idea(alice, last_week, title="Shared over SMTP")
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    assert send_digest_batch(run.pk, first_id, last_id)["sent"] == 5
    by_recipient = {to[0]: message_from_bytes(data) for to, data in smtp_server.received}
    assert sorted(by_recipient) == sorted(person.email for person in people)
    for person in people:
        mime = by_recipient[person.email]
        assert mime["To"] == person.email
        assert mime["Subject"] == "Idea Bank weekly digest: 1 new item from other councils"
        assert mime["Message-ID"] == digest_message_id(run, person)
        assert mime["Date"]
        text, html = bodies(mime)
        assert "Shared over SMTP" in text
        assert "Shared over SMTP" in html
        assert f"Hello {person.display_name}," in text
        link = re.fullmatch(r"<(\S+)>", unfolded(mime, "List-Unsubscribe")).group(1)
        assert link in text
        assert link in html
        assert user_for_unsubscribe_token(link.rstrip("/").rsplit("/", 1)[1]) == person


def test_a_name_that_is_not_ascii_in_an_ascii_digest_is_built_whole(alice, brent, last_week, run):
    shared_idea(alice, last_week, title="Plain title")
    plain = member("plain@brent.gov.uk", "Plain Name", brent)
    sian = member("sian@brent.gov.uk", "Siân Jones", brent)
    shared = render_shared_blocks(plain, audience_of(plain), run=run, today=timezone.localdate())
    build = digest_builder(run=run, shared=shared, date=DATE)
    template = DigestTemplate(build)
    assert template.seven_bit == {"text": True, "html": True}
    assert isinstance(template.personalise(digest_values(plain, run=run)), PersonalisedEmail)
    values = digest_values(sian, run=run)
    email = template.personalise(values)
    assert not isinstance(email, PersonalisedEmail)
    assert b"Content-Transfer-Encoding: 8bit" in as_sent(email)
    assert as_sent(email) == as_sent(build(values))


@pytest.mark.parametrize(
    "address",
    [
        "carol@brent.gov.uk",
        "Carol.Chen+digests@Brent.GOV.uk",
        "o_neil-2@council-a.example",
        "x@localhost",
        "a..b@brent.gov.uk",
        ".a@brent.gov.uk",
        "siân@brent.gov.uk",
        "carol@bücher.example",
        '"carol chen"@brent.gov.uk',
        "Carol <carol@brent.gov.uk>",
    ],
)
def test_the_recipient_shortcut_gives_what_django_would(address):
    assert sanitized_recipient(address, "utf-8") == sanitize_address(address, "utf-8")
    assert sanitized_sender(address, "utf-8") == sanitize_address(address, "utf-8")


def test_plain_addresses_take_the_shortcut():
    assert PLAIN_ADDRESS.fullmatch("Carol.Chen+digests@Brent.GOV.uk")
    for address in ["a..b@brent.gov.uk", "siân@brent.gov.uk", "carol@bücher.example"]:
        assert not PLAIN_ADDRESS.fullmatch(address)


def test_the_console_backend_prints_each_persons_own_digest(
    alice, brent, carol, last_week, settings, capsys
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    brenda = member("brenda@brent.gov.uk", "Brenda Brent", brent)
    shared_idea(alice, last_week, title="Shown on the console")
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    assert send_digest_batch(run.pk, first_id, last_id)["sent"] == 2
    out = capsys.readouterr().out
    assert out.count("Shown on the console") == 4  # text and HTML, twice
    for person in [carol, brenda]:
        assert f"To: {person.email}" in out
        assert f"Hello {person.display_name}," in out
        assert f"Message-ID: {digest_message_id(run, person)}" in out
