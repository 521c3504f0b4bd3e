"""Signals with which upper apps take part in accounts' decisions (DESIGN.md: accounts
imports none of them)."""

from django.dispatch import Signal

# Sent with `email=`. A receiver returns why that address may not sign in, sign up or
# reset with a password (its council requires its own sign-in), or None.
password_refused = Signal()


def why_password_refused(email):
    """The first reason a receiver gives, or None when a password may be used."""
    for _receiver, reason in password_refused.send(sender=None, email=(email or "").lower()):
        if reason:
            return reason
    return None
