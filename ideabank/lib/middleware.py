"""A number in a query string too large for the database is bad input, not a server error.

SQLite raises OverflowError for an integer beyond 64 bits, for example
`/admin/councils/membership/?council=-99999999999999999999`; Django's admin
turns only ValueError and ValidationError from its filters into a message, so
this answers 400 instead of 500 wherever such a number reaches a query.
"""

from django.views.defaults import bad_request


class NumberTooLargeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            return bad_request(request, exception)
        return None
