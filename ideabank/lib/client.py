"""Where a request came from."""


def client_address(request):
    """The client's IP address: REMOTE_ADDR, which is the proxy's when one is in front.

    The one place to read it, so that trusting X-Forwarded-For behind a known
    number of proxies can be added here alone.
    """
    return request.META.get("REMOTE_ADDR") or None
