"""Email backends that behave like an SMTP server having a bad day."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """Refuses, for now, every message to an address in `refused`; counts the attempts."""

    refused = set()
    attempts = {}
    opened = 0

    def open(self):
        type(self).opened += 1
        return super().open()

    def send_messages(self, messages):
        for message in messages:
            address = message.to[0]
            self.attempts[address] = self.attempts.get(address, 0) + 1
            if address in self.refused:
                raise smtplib.SMTPRecipientsRefused({address: (450, b"Mailbox busy, try later")})
        return super().send_messages(messages)
