"""How many database queries a page costs, for the tests that keep it from growing with rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url):
    """The queries of a second load of `url` (the first warms caches), which must be a 200."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
