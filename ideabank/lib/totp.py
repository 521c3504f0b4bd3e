"""Two-factor codes for the demo and the tests: set up a TOTP authenticator with a
known secret, and work out the code an authenticator app would show for it.

Hand-written (RFC 6238) because allauth keeps its own in `allauth.mfa.totp.internal`,
which is not its public API, and pyotp would be a dependency for a dozen lines.
It gives what pyotp's `TOTP(secret).now()` and allauth give with allauth's defaults
(MFA_TOTP_PERIOD 30 s, MFA_TOTP_DIGITS 6, HMAC-SHA1, a base32 secret).
"""

import base64
import hashlib
import hmac
import secrets
import struct
import time

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator

PERIOD = 30
DIGITS = 6


def new_secret():
    """A random base32 secret, as an authenticator app's QR code would carry."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


def current_code(secret, *, at=None):
    """The code for `secret` at the Unix time `at` (now by default)."""
    counter = int(time.time() if at is None else at) // PERIOD
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def give_authenticator(user, secret):
    """Set up TOTP for `user` with `secret`, storing it as allauth's own setup page does."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_adapter().encrypt(secret)}
    )
