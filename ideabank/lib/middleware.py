"""Bad input answered as bad input (400), never as a server error (500)."""

from django.conf import settings
from django.views.defaults import bad_request


class NumberTooLargeMiddleware:
    """A number in a query string too large for the database is bad input.

    SQLite raises OverflowError for an integer beyond 64 bits, for example
    `/admin/councils/membership/?council=-99999999999999999999`; Django's admin
    turns only ValueError and ValidationError from its filters into a message, so
    this answers 400 instead of 500 wherever such a number reaches a query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            return bad_request(request, exception)
        return None


def holds_nul(request):
    query = request.META.get("QUERY_STRING", "")
    # Decoding gives a NUL only from "%00" (UTF-8 never encodes another character with a
    # zero byte): looking for it is as exact, and unquoting a long query string was a
    # sixth of the bad-input test's time.
    if "\x00" in request.path_info or "\x00" in query or "%00" in query:
        return True
    if request.method != "POST":
        return False
    # Form bodies only (urlencoded or multipart): request.POST is empty for any other.
    return any("\x00" in key or "\x00" in "".join(values) for key, values in request.POST.lists())


class RejectNulBytesMiddleware:
    """Answers 400 to a request whose path, query string or form data holds a NUL byte.

    PostgreSQL text cannot hold one (psycopg raises DataError), and no person types
    one, so it is refused here once, before any view or database query runs,
    instead of in each form, filter and admin list (issue 20). Reading request.POST
    here is what CsrfViewMiddleware does for every POST a little later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if holds_nul(request):
            return bad_request(request, ValueError("NUL byte in the request"))
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Outermost: two of Django's SecurityMiddleware headers on the one response made
    before it can add them.

    SecurityMiddleware reads the host to redirect plain HTTP to HTTPS, and answers a
    host name not in ALLOWED_HOSTS with a 400 that skips its own headers (CSP and
    X-Frame-Options come from the middleware above it, which still run).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if settings.SECURE_REFERRER_POLICY:
            response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response
