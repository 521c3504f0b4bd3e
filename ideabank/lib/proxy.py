"""The client's address, from the connection or from the proxies we trust.

TRUSTED_PROXY_COUNT says how many reverse proxies of ours stand in front of
gunicorn (Caddy in docker-compose.yml is one). Each appends the address it was
connected from to X-Forwarded-For, so the client is the entry that many places
from the right; anything further left was written by the client and may be
forged. With no proxy trusted, the header is ignored.

allauth's rate limits read the same setting (ALLAUTH_TRUSTED_PROXY_COUNT) with
the same rule; this is the one function for everything else (logs, audit rows).
It is written out here rather than borrowed from allauth.core.internal, which is
allauth's private API.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's IP address as text, or "" if the request carries none we can read."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = forwarded.split(",")
        if len(hops) >= proxies:
            address = clean_ip(hops[-proxies])
            if address:
                return address
    return clean_ip(request.META.get("REMOTE_ADDR", ""))


def clean_ip(text):
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return ""
