import psycopg
import pytest

from ..digests.conftest import committed_database_dsn, local_smtp_server


class Sink:
    """A mail server that accepts, refuses or asks to try later, as a test says.

    `rcpt` and `data` are lists of replies used one per message, then "250 OK".
    With a `dsn`, it notes each message's outbox status just before replying.
    """

    def __init__(self, dsn=None):
        self.rcpt, self.data = [], []
        self.received, self.status_at_data = [], []
        self.dsn = dsn

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        reply = self.rcpt.pop(0) if self.rcpt else "250 OK"
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.dsn:
            with psycopg.connect(self.dsn) as other_connection:
                row = other_connection.execute(
                    'SELECT status FROM outbox_outgoingemail WHERE "to" = %s',
                    envelope.rcpt_tos,
                ).fetchone()
            self.status_at_data.append(row[0])
        reply = self.data.pop(0) if self.data else "250 OK"
        if reply.startswith("250"):
            self.received.append((envelope.rcpt_tos, envelope.content))
        return reply


@pytest.fixture
def sink(settings):
    with local_smtp_server(Sink(), settings) as handler:
        yield handler


@pytest.fixture
def watching_sink(settings):
    """A sink that reads the row's status from another connection as the server replies."""
    dsn = committed_database_dsn()
    with local_smtp_server(Sink(dsn), settings) as handler:
        yield handler
