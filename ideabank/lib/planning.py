"""Query plans made for a query's own values, where a shared plan would be a poor one."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def planned_for_its_words():
    """Run the full-text searches inside unprepared, so each is planned for its words.

    A statement a connection has run a few times is prepared (settings.py), and
    PostgreSQL then keeps one generic plan for every run of it. For the newest
    matches of a search that plan cannot tell a common word from a rare one: it
    expects two matches, so it gathers every match through the full-text index and
    checks each one's lineage before sorting, where a common word is found sooner by
    walking the newest rows first: "councils trying alike" took twice as long
    (docs/performance.md, "Ninth pass").

    psycopg's `prepare_threshold` is the connection's own setting, read as each query
    is sent: no statement goes to the server to change it.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    psycopg_connection = connection.connection
    threshold = psycopg_connection.prepare_threshold
    psycopg_connection.prepare_threshold = None
    try:
        yield
    finally:
        psycopg_connection.prepare_threshold = threshold
