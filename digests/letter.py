"""One audience's digest built once, then copied for each person with their own details.

Issue 13 keeps the ordinary email API per person unless it cannot send 100,000
digests at 333 a second on the 2-CPU machine; it could not (204.7 a second,
docs/performance.md, "Digests"). What costs most per person is what Django's
email API does for every message: three templates, the MIME tree, the generator
folding fifteen headers. Everyone in an audience gets the same digest but for
three things: their name, their unsubscribe link and the headers addressed to
them. So `Letter` builds the audience's email once, through `build`, the same
function the ordinary path uses, with stand-ins for those things, and each
person's copy swaps their own in.

A copy is used only where it is certain to read as the ordinary email would:
the body is 8-bit text (a stand-in with "ë" makes it so; a copy that is all
ASCII says 7-bit, as the ordinary email would), no value holds a line break or could push a
line past the 998-byte limit, and the first copy of each letter is checked
against the ordinary email for that person (`same_email`). Anyone else gets the
ordinary email; tests/digests/test_letter.py compares copies with ordinary emails
for every kind of name.
"""

import secrets
from email import message_from_bytes
from email import policy as email_policy

from django.core.mail.message import (
    RFC5322_EMAIL_LINE_LENGTH_LIMIT,
    forbid_multi_line_headers,
    sanitize_address,
)
from django.utils.html import escape

ENCODING = "utf-8"
# The headers that name the person; everything else in the header block is shared.
PERSONAL_HEADERS = ("To", "Message-ID", "List-Unsubscribe")
HEADER_POLICY = email_policy.compat32.clone(linesep="\r\n")
EIGHT_BIT = b"\r\nContent-Transfer-Encoding: 8bit\r\n"
SEVEN_BIT = b"\r\nContent-Transfer-Encoding: 7bit\r\n"
# How much longer than its stand-in a value may be; longer ones get the ordinary email.
MAX_GROWTH = 200


class Copy:
    """One person's finished digest, sent as it is over the batch's SMTP connection.

    Quacks like an EmailMessage for `send_once`: `connection` is the Django backend
    whose open `connection` (smtplib) carries the after-final-dot hook.
    """

    def __init__(self, *, connection, sender, recipient, data):
        self.connection = connection
        self.sender = sender
        self.recipient = recipient
        self.data = data

    def send(self):
        self.connection.connection.sendmail(self.sender, [self.recipient], self.data)
        return 1


class Letter:
    """The audience's digest with stand-ins, ready to copy for each person.

    `build(values)` must return the ordinary email (an EmailMessage, on the SMTP
    connection copies go through) for values with keys "name", "to",
    "unsubscribe_url" and "message_id". With `copies=False` every person gets it.
    """

    def __init__(self, build, *, copies=True):
        self.build = build
        self.parts = None
        if copies:
            self.prepare()

    def prepare(self):
        nonce = secrets.token_hex(6)
        self.stand_ins = {
            "name": f"Zoë {nonce}",
            "to": f"digest-{nonce}@example.invalid",
            "unsubscribe_url": f"https://example.invalid/unsubscribe-{nonce}/",
            "message_id": f"<digest-{nonce}@example.invalid>",
        }
        self.email = self.build(self.stand_ins)
        self.sender = sanitize_address(self.email.from_email, ENCODING)
        self.checked = False
        self.parts = self.split(self.email.message().as_bytes(linesep="\r\n"))

    def split(self, data):
        """(shared headers, text part, html part) with the stand-ins, or None if unusable."""
        mime = message_from_bytes(data)
        parts = mime.get_payload() if mime.is_multipart() else []
        if [part.get_content_type() for part in parts] != ["text/plain", "text/html"]:
            return None
        if any(part["Content-Transfer-Encoding"] != "8bit" for part in parts):
            return None  # quoted-printable (a line over 998 bytes) would split a stand-in
        head, _, body = data.partition(b"\r\n\r\n")
        html_start = body.index(b"--" + mime.get_boundary().encode(), 1)
        text, html = body[:html_start], body[html_start:]
        longest = max(len(line) for line in body.split(b"\r\n") if self.holds_stand_in(line))
        if longest + 2 * MAX_GROWTH > RFC5322_EMAIL_LINE_LENGTH_LIMIT:
            return None  # a long name could push a line over the limit
        return shared_header_lines(head), text, html

    def holds_stand_in(self, line):
        return any(value.encode() in line for value in self.stand_ins.values())

    def copy(self, values):
        """This person's digest: a Copy, or the ordinary email where a copy would differ."""
        if self.parts is None or not self.fits(values):
            return self.build(values)
        copy = Copy(
            connection=self.email.connection,
            sender=self.sender,
            recipient=sanitize_address(values["to"], ENCODING),
            data=self.fill(values),
        )
        if not self.checked:
            self.checked = True
            ordinary = self.build(values)
            if not same_email(copy.data, ordinary.message().as_bytes(linesep="\r\n")):
                self.parts = None  # a template reads something else about the person
                return ordinary
        return copy

    def fits(self, values):
        for slot in ("name", "unsubscribe_url"):
            value = values[slot]
            if "\r" in value or "\n" in value:
                return False
            growth = len(escape(value).encode()) - len(self.stand_ins[slot].encode())
            if growth > MAX_GROWTH:
                return False
        return True

    def fill(self, values):
        head, text, html = self.parts
        personal = b"".join(
            header_line(name, values[slot])
            for name, slot in zip(
                PERSONAL_HEADERS, ("to", "message_id", "unsubscribe_url"), strict=True
            )
        )
        parts = [self.swap(text, values, plain=True), self.swap(html, values, plain=False)]
        return b"".join([head, personal, b"\r\n", *map(seven_bit_if_ascii, parts)])

    def swap(self, part, values, *, plain):
        for slot in ("name", "unsubscribe_url"):
            value = values[slot] if plain else escape(values[slot])
            stand_in = self.stand_ins[slot] if plain else escape(self.stand_ins[slot])
            part = part.replace(stand_in.encode(), value.encode())
        return part


def seven_bit_if_ascii(part):
    """A part all in ASCII says "7bit", as Django's email API would write it."""
    return part.replace(EIGHT_BIT, SEVEN_BIT, 1) if part.isascii() else part


def header_line(name, value):
    """The header line Django's email API would write for `name: value`."""
    if name == "List-Unsubscribe":
        value = f"<{value}>"
    name, value = forbid_multi_line_headers(name, value, ENCODING)
    return HEADER_POLICY.fold_binary(name, value)


def shared_header_lines(head):
    """The header block's lines without the personal headers (and their folded rest)."""
    personal = tuple(name.lower().encode() + b":" for name in PERSONAL_HEADERS)
    kept, skipping = [], False
    for line in (head + b"\r\n").splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
            continue
        skipping = line.lower().startswith(personal)
        if not skipping:
            kept.append(line)
    return b"".join(kept)


def same_email(first, second):
    """Whether two emails read the same: every header but the date and the part
    boundary, and each part's decoded text."""

    def reading(data):
        mime = message_from_bytes(data, policy=email_policy.default)
        headers = sorted(
            (name.lower(), str(value))
            for name, value in mime.items()
            if name.lower() not in ("date", "content-type")
        )
        parts = [
            (part.get_content_type(), part.get("Content-Transfer-Encoding"), part.get_content())
            for part in mime.iter_parts()
        ]
        return headers, parts

    return reading(first) == reading(second)
