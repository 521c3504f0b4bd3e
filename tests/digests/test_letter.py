"""A digest copied from its audience's letter is, byte for byte, the ordinary email
(but for the date, the part boundary and the order of the headers)."""

import re
from email import message_from_bytes

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from digests import services
from digests.content import audience_of
from digests.letter import Copy
from digests.mail import EmailBackend as DigestEmailBackend
from digests.services import (
    digest_email,
    letter,
    render_shared_blocks,
    start_digest_run,
    user_for_unsubscribe_token,
)
from digests.tasks import send_digest_batch

from ..conftest import member
from .conftest import local_smtp_server
from .factories import shared_idea
from .test_email import KeepingHandler

pytestmark = pytest.mark.django_db

NAMES = [
    "Carol Brent",
    "Siân O’Brien",
    "Seán O'Brien",  # the apostrophe is escaped in the HTML part
    "Tom & Jerry <script>",
    "李小龍",
    "x" * 150,  # the longest name the model allows
]


@pytest.fixture
def shared(alice, carol, last_week, run):
    """What Brent's staff share in their digest."""
    shared_idea(alice, last_week, title="Gritting routes & <b>bins</b> – “shared”")
    return render_shared_blocks(carol, audience_of(carol), run=run, today=timezone.localdate())


def details(name, email="brenda@brent.gov.uk"):
    return {
        "name": name,
        "to": email,
        "unsubscribe_url": f"https://ideabank.example/digests/unsubscribe/{len(name)}:tok-en_/",
        "message_id": f"<digest-1-{len(name)}@ideabank.example>",
    }


def as_sent(email):
    return email.message().as_bytes(linesep="\r\n")


def reading(data):
    """The header lines (as folded, sorted, without Date and the part boundary) and the
    body's bytes with the boundary made the same."""
    boundary = message_from_bytes(data).get_boundary().encode()
    head, _, body = data.replace(boundary, b"BOUNDARY").partition(b"\r\n\r\n")
    lines = re.split(rb"\r\n(?=[^ \t])", head)
    return sorted(line for line in lines if not line.startswith(b"Date:")), body


def assert_reads_as_ordinary(copy, ordinary):
    assert isinstance(copy, Copy)
    assert reading(copy.data) == reading(as_sent(ordinary))
    assert copy.recipient == ordinary.to[0]


@pytest.mark.parametrize("name", NAMES)
def test_each_persons_copy_is_the_ordinary_email(run, shared, name):
    brent = letter(run=run, shared=shared, connection=DigestEmailBackend())
    brent.copy(details("Carol Brent", "carol@brent.gov.uk"))  # the first copy is checked
    values = details(name)
    assert_reads_as_ordinary(brent.copy(values), brent.build(values))


@hypothesis_settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(max_size=150), local=st.from_regex(r"[a-z0-9.'+-]{1,30}", fullmatch=True))
def test_any_name_and_address_gets_the_ordinary_email_or_its_exact_copy(run, shared, name, local):
    brent = letter(run=run, shared=shared, connection=DigestEmailBackend())
    values = details(name, f"{local}@brent.gov.uk")
    email = brent.copy(values)
    if isinstance(email, Copy):
        assert_reads_as_ordinary(email, brent.build(values))
    else:
        assert reading(as_sent(email)) == reading(as_sent(brent.build(values)))


def test_a_name_with_a_line_break_gets_the_ordinary_email(run, shared):
    brent = letter(run=run, shared=shared, connection=DigestEmailBackend())
    email = brent.copy(details("Line\nbreak"))
    assert not isinstance(email, Copy)
    assert email.to == ["brenda@brent.gov.uk"]


def test_a_body_line_over_998_bytes_turns_copies_off(run, shared):
    shared = {**shared, "body_text": "word " * 300}  # quoted-printable, not 8-bit
    brent = letter(run=run, shared=shared, connection=DigestEmailBackend())
    assert not isinstance(brent.copy(details("Carol Brent")), Copy)


def test_a_template_reading_more_about_the_person_turns_copies_off(run, shared):
    brent = letter(run=run, shared=shared, connection=DigestEmailBackend())
    build = brent.build

    def build_naming_the_address(values):
        email = build(values)
        email.body += f"\nSent to {values['to']}"
        return email

    brent.build = build_naming_the_address
    for email in ["carol@brent.gov.uk", "brenda@brent.gov.uk"]:
        sent = brent.copy(details("Carol Brent", email))
        assert not isinstance(sent, Copy)
        assert f"Sent to {email}".encode() in as_sent(sent)


def test_other_backends_build_every_email_whole(run, shared):
    brent = letter(run=run, shared=shared, connection=None)
    assert not isinstance(brent.copy(details("Carol Brent")), Copy)


def test_over_smtp_a_batch_sends_copies_that_read_as_each_persons_ordinary_email(
    alice, brent, carol, last_week, settings, monkeypatch
):
    people = [carol] + [member(f"b{n}@brent.gov.uk", name, brent) for n, name in enumerate(NAMES)]
    people.append(member("line@brent.gov.uk", "Line\nbreak", brent))
    shared_idea(alice, last_week, title="Shared over SMTP")
    builds = []
    real_build_email = services.build_email

    def counting_build_email(*args, **kwargs):
        builds.append(kwargs["to"])
        return real_build_email(*args, **kwargs)

    monkeypatch.setattr(services, "build_email", counting_build_email)
    with local_smtp_server(KeepingHandler(), settings) as server:
        run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
        assert send_digest_batch(run.pk, first_id, last_id)["sent"] == len(people)
    # The letter, the check of the first copy, and the one name a copy cannot take.
    assert len(builds) == 3
    received = {to[0]: data for to, data in server.received}
    assert sorted(received) == sorted(person.email for person in people)
    shared = render_shared_blocks(carol, audience_of(carol), run=run, today=timezone.localdate())
    for person in people:
        ordinary = digest_email(person, run=run, shared=shared, connection=None)
        data = received[person.email].replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n")
        # The unsubscribe link is signed with the time: the same person's differs by the second.
        link = re.search(rb"/digests/unsubscribe/([^/]+)/", data).group(1)
        assert user_for_unsubscribe_token(link.decode()) == person
        ordinary_link = ordinary.extra_headers["List-Unsubscribe"].rsplit("/", 2)[1]
        expected = as_sent(ordinary).replace(ordinary_link.encode(), link)
        assert reading(data) == reading(expected)
