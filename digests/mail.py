"""Digest email: built once per audience, personalised per person, sent with a commit hook.

`DigestTemplate` renders and encodes a digest once for everyone who shares it and
makes each person's copy by substituting their own few strings into the bytes.

The SMTP connection below lets the sender commit at the one moment that matters.
A digest must be marked sent exactly when the SMTP server has it. The server has
it once the message's final "." is written; its "250" reply only confirms that.
`smtplib` writes the dot and reads the reply in one call, so a worker killed in
between (server processing, the reply's round trip, then our own commit) leaves
a row unsent for a message that was delivered: the next attempt sends a second
copy. This connection calls a hook straight after the dot is written and before
the reply is read, so the outbox row's commit goes out within microseconds of
the dot (see `digests.services.send_once` and docs/performance.md, "Digests").
"""

import re
import secrets
import smtplib
from contextlib import contextmanager
from email import message_from_bytes
from functools import cached_property, lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends import smtp
from django.core.mail.message import RFC5322_EMAIL_LINE_LENGTH_LIMIT, sanitize_address
from django.utils.html import conditional_escape

DJANGO_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
END_OF_DATA = b"\r\n.\r\n"

# The strings that differ from one person to the next in a digest.
SLOTS = ("to", "name", "unsubscribe_url", "message_id")
# An address `sanitize_address` returns unchanged: a dot-atom at an ASCII domain.
PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*"
)
# Longer values are rare (a long name, HTML-escaped): those people's emails are built whole.
MAX_VALUE_BYTES = 200


class AfterFinalDotMixin:
    after_final_dot = None

    def send(self, s):
        super().send(s)
        # Only DATA's payload (bytes) ends with CRLF "." CRLF; commands are str.
        if self.after_final_dot is not None and isinstance(s, bytes) and s.endswith(END_OF_DATA):
            self.after_final_dot()


class SMTP(AfterFinalDotMixin, smtplib.SMTP):
    pass


class SMTP_SSL(AfterFinalDotMixin, smtplib.SMTP_SSL):  # noqa: N801 (smtplib's spelling)
    pass


class EmailBackend(smtp.EmailBackend):
    """Django's SMTP backend on the connection above."""

    @property
    def connection_class(self):
        return SMTP_SSL if self.use_ssl else SMTP

    def _send(self, email_message):
        """Django's, without parsing the same sender and plain recipients for every digest."""
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        from_email = sanitized_sender(email_message.from_email, encoding)
        recipients = [sanitized_recipient(addr, encoding) for addr in email_message.recipients()]
        message = email_message.message()
        try:
            self.connection.sendmail(from_email, recipients, message.as_bytes(linesep="\r\n"))
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True


@lru_cache(maxsize=16)
def sanitized_sender(address, encoding):
    return sanitize_address(address, encoding)


def sanitized_recipient(address, encoding):
    """`sanitize_address`, skipping the parse for a plain address it would return as it is."""
    if isinstance(address, str) and PLAIN_ADDRESS.fullmatch(address):
        return address
    return sanitize_address(address, encoding)


def get_digest_connection():
    """A mail connection for digests: the configured backend, hooked if it is SMTP."""
    if settings.EMAIL_BACKEND == DJANGO_SMTP_BACKEND:
        return get_connection("digests.mail.EmailBackend")
    return get_connection()


@contextmanager
def after_final_dot(mail, callback):
    """Run `callback` once the server has a message's last byte, before its reply is read.

    With any other backend (console, locmem in tests) nothing is hooked: the caller
    runs `callback` itself once `send()` returns.
    """
    connection = getattr(mail, "connection", None)
    if not isinstance(connection, AfterFinalDotMixin):
        yield
        return
    connection.after_final_dot = callback
    try:
        yield
    finally:
        connection.after_final_dot = None


class PersonalisedMIME:
    """A finished message's bytes, for backends that call `message().as_bytes()`.

    Anything else a backend or test asks of it (headers, parts) comes from the
    bytes parsed back into an `email.message.Message`, only when asked.
    """

    def __init__(self, data):
        self.data = data  # CRLF line endings, as SMTP wants them

    def as_bytes(self, unixfrom=False, linesep="\n"):
        if linesep == "\r\n":
            return self.data
        return self.data.replace(b"\r\n", linesep.encode())

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("utf-8", "surrogateescape")

    @cached_property
    def parsed(self):
        return message_from_bytes(self.data)

    def __getitem__(self, name):
        return self.parsed[name]

    def __getattr__(self, name):
        return getattr(self.parsed, name)


class PersonalisedEmail(EmailMultiAlternatives):
    """An email whose MIME bytes were made by `DigestTemplate`, not by `message()`."""

    def __init__(self, *, mime, **kwargs):
        super().__init__(**kwargs)
        self.mime = mime

    def message(self):
        return PersonalisedMIME(self.mime)


class StandIn:
    """Who the template is rendered for: a person whose name is a stand-in."""

    def __init__(self, display_name):
        self.display_name = display_name


class DigestTemplate:
    """One audience's digest email, rendered and encoded once, personalised by substitution.

    `build(values)` makes the email for one person from their `values`: the person
    (`values["person"]`, whose `display_name` the templates read) and the strings in
    `SLOTS`. The template is `build` called once with stand-ins for those strings.
    Each person's email is the template's bytes with their own strings put in place
    of the stand-ins: HTML-escaped in the HTML part, and in a header by refolding
    that header line as the standard library would. That skips rendering three
    templates and running the MIME generator for each person.

    Each person's bytes must be those `build` would make for them. `personalise`
    calls `build` instead for anyone whose strings could not be placed byte for byte
    (a line break, a value too long, or not ASCII where that would change how a
    part or header is encoded), and the first person's bytes are checked against
    `build`'s for them: any difference (a template that reads something else about
    the person, say) turns the template off for the rest of the batch.
    """

    def __init__(self, build):
        self.build = build
        nonce = secrets.token_hex(8)
        self.stand_ins = {slot: f"digest-{slot.replace('_', '-')}-{nonce}" for slot in SLOTS}
        self.stand_ins["to"] += "@example.invalid"
        self.email = build({**self.stand_ins, "person": StandIn(self.stand_ins["name"])})
        self.checked = False
        self.segments = self.compile(self.email.message())

    def compile(self, mime):
        """The template's bytes as constant bytes and the places where values go, or None.

        A place is ("header", name, value with stand-ins) for a header line, or
        ("text" or "html", slot) for a stand-in in that part's body.
        """
        data = mime.as_bytes(linesep="\r\n")
        parts = mime.get_payload() if mime.is_multipart() else []
        if [part.get_content_type() for part in parts] != ["text/plain", "text/html"]:
            return None
        encodings = [part["Content-Transfer-Encoding"] for part in parts]
        if not set(encodings) <= {"7bit", "8bit"}:
            return None  # quoted-printable (a line over 998 bytes) could split a stand-in
        self.seven_bit = {"text": encodings[0] == "7bit", "html": encodings[1] == "7bit"}
        self.boundary = mime.get_boundary().encode()
        self.policy = mime.policy.clone(linesep="\r\n")
        slot_of = {stand_in.encode(): slot for slot, stand_in in self.stand_ins.items()}
        pattern = re.compile(b"|".join(re.escape(stand_in) for stand_in in slot_of))

        segments = [
            ("header", name, value) if pattern.search(value.encode()) else self.fold(name, value)
            for name, value in mime.raw_items()  # what the generator writes, in its order
        ]
        headers = b"".join(
            self.fold(*place[1:]) if isinstance(place, tuple) else place for place in segments
        )
        if not data.startswith(headers + b"\r\n"):
            return None
        delimiter = b"--" + self.boundary + b"\r\n"
        html_start = data.index(delimiter, data.index(delimiter) + 1)
        position = len(headers)
        for found in pattern.finditer(data, position):
            where = "text" if found.start() < html_start else "html"
            segments += [data[position : found.start()], (where, slot_of[found.group()])]
            position = found.end()
        segments.append(data[position:])
        merged = []  # runs of constant bytes joined into one
        for place in segments:
            if merged and isinstance(place, bytes) and isinstance(merged[-1], bytes):
                merged[-1] += place
            else:
                merged.append(place)

        for line in data[len(headers) :].split(b"\r\n"):
            stand_ins = pattern.findall(line)
            room = sum(MAX_VALUE_BYTES - len(stand_in) for stand_in in stand_ins)
            if len(line) + room > RFC5322_EMAIL_LINE_LENGTH_LIMIT:
                return None  # a long value could push this line over the limit
        return merged

    def fold(self, name, value):
        return self.policy.fold_binary(name, value)

    def encode(self, values):
        """Each place's bytes for this person, or None if a value cannot be substituted."""
        for slot in SLOTS:
            if "\r" in values[slot] or "\n" in values[slot]:
                return None
        encoded = {}
        for place in self.segments:
            if not isinstance(place, tuple) or place in encoded:
                continue
            if place[0] == "header":
                _header, name, value = place
                value = self.fill(value, values)
                if not value.isascii():
                    return None  # Django would have encoded it (RFC 2047, IDNA)
                encoded[place] = self.fold(name, value)
                continue
            where, slot = place
            value = values[slot]
            if where == "html":
                value = str(conditional_escape(value))
            if self.seven_bit[where] and not value.isascii():
                return None
            data = value.encode()
            if len(data) > MAX_VALUE_BYTES or self.boundary in data:
                return None
            encoded[place] = data
        return encoded

    def personalise(self, values, *, connection=None):
        """The email for one person, from their values (see `DigestTemplate`)."""
        encoded = self.encode(values) if self.segments else None
        if encoded is None:
            return self.from_build(values, connection=connection)
        data = b"".join(
            encoded[place] if isinstance(place, tuple) else place for place in self.segments
        )
        if not self.checked:
            self.checked = True
            reference = self.from_build(values, connection=connection)
            mime = reference.message()
            expected = mime.as_bytes(linesep="\r\n")
            if expected != data.replace(self.boundary, mime.get_boundary().encode()):
                self.segments = None
                return reference
        return PersonalisedEmail(
            mime=data,
            subject=self.fill(self.email.subject, values),
            body=self.fill(self.email.body, values),
            from_email=self.email.from_email,
            to=[values["to"]],
            headers={
                name: self.fill(value, values) for name, value in self.email.extra_headers.items()
            },
            alternatives=[
                (self.fill(content, values, escape=True), mimetype)
                for content, mimetype in self.email.alternatives
            ],
            connection=connection,
        )

    def fill(self, text, values, *, escape=False):
        for slot, stand_in in self.stand_ins.items():
            if stand_in in text:
                value = values[slot]
                text = text.replace(stand_in, conditional_escape(value) if escape else value)
        return text

    def from_build(self, values, *, connection):
        email = self.build(values)
        email.connection = connection
        return email
