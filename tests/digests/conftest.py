import contextlib
import datetime
import socket

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from digests.models import DigestRun
from digests.services import period_bounds
from digests.tasks import start_digests


@pytest.fixture
def last_week():
    """A moment inside the week the next weekly digest covers."""
    _key, start, _end = period_bounds("weekly", timezone.now())
    return start + datetime.timedelta(days=2)


@pytest.fixture
def run(last_week):
    """A weekly digest run around last week, for building one person's digest."""
    day = timezone.timedelta(days=1)
    return DigestRun.objects.create(
        key="weekly:test", period="weekly", start=last_week - day, end=last_week + day
    )


@pytest.fixture
def run_weekly(django_capture_on_commit_callbacks):
    """Start the weekly run as beat would, running the batches it queues after commit."""

    def run():
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            summary = start_digests("weekly")
        return summary, callbacks

    return run


@contextlib.contextmanager
def local_smtp_server(handler, settings):
    """A local aiosmtpd server running `handler`, with Django's SMTP backend pointed at it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield handler
    finally:
        controller.stop()


def committed_database_dsn():
    """The test database's address, for a connection of its own that sees only commits."""
    db = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or None
    )
