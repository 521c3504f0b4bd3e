"""Each person's digest is an ordinary Django email, built around the body their
audience shares, which is rendered once per audience."""

import re
from email import message_from_bytes

import pytest
from django.utils import timezone

from digests import services
from digests.content import audience_of
from digests.services import (
    digest_email,
    digest_message_id,
    render_shared_blocks,
    start_digest_run,
    user_for_unsubscribe_token,
)
from digests.tasks import send_digest_batch

from ..conftest import member
from .conftest import local_smtp_server
from .factories import shared_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def brent_digest(alice, carol, last_week, run):
    """One Brent person's digest email, from the body Brent's staff share."""
    shared_idea(alice, last_week, title="Gritting routes & <b>bins</b> – “shared”")
    shared = render_shared_blocks(carol, audience_of(carol), run=run, today=timezone.localdate())

    def email_for(person):
        return digest_email(person, run=run, shared=shared, connection=None)

    return email_for


def unfolded(mime, name):
    """A header's value with the line breaks of folding taken out."""
    return " ".join(mime[name].split())


def bodies(mime):
    """The text and HTML parts of a received digest, with plain line ends."""
    return [
        part.get_payload(decode=True).decode().replace("\r\n", "\n") for part in mime.get_payload()
    ]


def as_sent(email):
    """The bytes an SMTP backend would send."""
    return email.message().as_bytes(linesep="\r\n")


@pytest.mark.parametrize(
    "full_name",
    [
        "Carol Brent",
        "",  # display name from the address
        "Siân O’Brien",
        "Tom & Jerry <script>",  # escaped in the HTML part
        "x" * 150,  # the longest name the model allows
        "Line\nbreak",
    ],
)
def test_every_kind_of_name_gets_a_whole_digest_addressed_to_them(
    brent, carol, brent_digest, run, full_name
):
    person = member("brenda@brent.gov.uk", full_name, brent)
    mime = message_from_bytes(as_sent(brent_digest(person)))
    text, html = bodies(mime)
    assert mime["To"] == person.email
    assert mime["Message-ID"] == digest_message_id(run, person)
    assert f"Hello {person.display_name}," in text
    assert "Gritting routes & <b>bins</b>" in text
    assert "Gritting routes &amp; &lt;b&gt;bins&lt;/b&gt;" in html
    assert "<script>" not in html


def test_everyone_sharing_a_digest_gets_their_own_name_link_and_headers(
    brent, carol, brent_digest, run
):
    people = [carol] + [member(f"b{n}@brent.gov.uk", f"Brent Person {n}", brent) for n in range(3)]
    for person in people:
        email = brent_digest(person)
        data = as_sent(email)
        mime = message_from_bytes(data)
        text, html = bodies(mime)
        assert mime["To"] == person.email
        assert mime["Message-ID"] == digest_message_id(run, person)
        assert mime["Date"]
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


def test_a_batch_renders_each_shared_digest_once_and_each_persons_email_once(
    alice, brent, carol, last_week, mailoutbox, monkeypatch
):
    for n in range(9):
        member(f"b{n}@brent.gov.uk", f"Brent Person {n}", brent)
    shared_idea(alice, last_week)
    shared_renders, builds, subjects = [], [], []
    real_render_shared_blocks = services.render_shared_blocks
    real_build_email = services.build_email
    real_render_subject = services.render_subject

    def counting_render_shared_blocks(user, audience, **kwargs):
        shared_renders.append(audience)
        return real_render_shared_blocks(user, audience, **kwargs)

    def counting_build_email(*args, **kwargs):
        builds.append(kwargs["to"])
        return real_build_email(*args, **kwargs)

    monkeypatch.setattr(services, "render_shared_blocks", counting_render_shared_blocks)

    def counting_render_subject(*args, **kwargs):
        subjects.append(args)
        return real_render_subject(*args, **kwargs)

    monkeypatch.setattr(services, "build_email", counting_build_email)
    monkeypatch.setattr(services, "render_subject", counting_render_subject)
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    assert send_digest_batch(run.pk, first_id, last_id)["sent"] == 10
    assert len(shared_renders) == 1  # Brent's staff share one audience
    assert len(subjects) == 1  # and one subject line
    assert len({message.subject for message in mailoutbox}) == 1
    assert sorted(builds) == sorted(run.deliveries.values_list("user__email", flat=True))
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
        assert mime["Subject"] == "Idea Bank: Weekly digest: 1 new item from other councils"
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


def test_a_name_that_is_not_ascii_in_an_ascii_digest_is_sent_as_8bit(alice, brent, last_week, run):
    shared_idea(alice, last_week, title="Plain title")
    plain = member("plain@brent.gov.uk", "Plain Name", brent)
    sian = member("sian@brent.gov.uk", "Siân Jones", brent)
    shared = render_shared_blocks(plain, audience_of(plain), run=run, today=timezone.localdate())
    assert b"8bit" not in as_sent(digest_email(plain, run=run, shared=shared, connection=None))
    data = as_sent(digest_email(sian, run=run, shared=shared, connection=None))
    assert b"Content-Transfer-Encoding: 8bit" in data
    text, _html = bodies(message_from_bytes(data))
    assert "Hello Siân Jones," in text


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
