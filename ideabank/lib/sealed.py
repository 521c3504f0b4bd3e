"""Secrets the database keeps but must not show: sealed with Fernet (AES, with a MAC).

The key is IDEABANK_SEAL_KEY, or one derived from SECRET_KEY; a database copy or
backup alone then reveals no council's client secret. Changing the key makes
the sealed values unreadable: councils enter their secret again.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet():
    material = settings.IDEABANK_SEAL_KEY or f"ideabank-seal:{settings.SECRET_KEY}"
    key = base64.urlsafe_b64encode(hashlib.sha256(material.encode()).digest())
    return Fernet(key)


def seal(text):
    return _fernet().encrypt(text.encode()).decode()


def unseal(token):
    """The sealed text, or "" when there is none or the key has changed."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
