"""Digest email over SMTP, with a hook that lets the sender commit at the one moment
that matters.

A digest must be marked sent exactly when the SMTP server has it. The server has
it once the message's final "." is written; its "250" reply only confirms that.
`smtplib` writes the dot and reads the reply in one call, so a worker killed in
between (server processing, the reply's round trip, then our own commit) leaves
a row unsent for a message that was delivered: the next attempt sends a second
copy. This connection calls a hook straight after the dot is written and before
the reply is read, so the outbox row's commit goes out within microseconds of
the dot (see `digests.services.send_once` and docs/performance.md, "Digests").
Everything else is Django's SMTP backend as it is: the hook is the measured reason
for the subclass, and it reaches only `connection_class` and `smtplib.SMTP.send`.
"""

import smtplib
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends import smtp

DJANGO_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
END_OF_DATA = b"\r\n.\r\n"


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
