"""Signals accounts sends so that the apps above it can act on their own tables.

Accounts imports no other app (DESIGN.md): where closing an account must reach
rows that councils or digests own, each of those apps connects a receiver.
"""

from django.dispatch import Signal

# Sent inside close_account's transaction, before the person's details go, with
# `person` (locked for update) and `by`. A receiver that raises ValidationError
# refuses the closing and rolls back every other receiver's work.
account_closing = Signal()

# Sent with `email=`. A receiver returns why that address may not sign in, sign up or
# reset with a password (its council requires its own sign-in), or None.
password_refused = Signal()


def why_password_refused(email):
    """The first reason a receiver gives, or None when a password may be used."""
    for _receiver, reason in password_refused.send(sender=None, email=(email or "").lower()):
        if reason:
            return reason
    return None
