import os
import sys

from celery import Celery, signals
from django_structlog.celery.steps import DjangoStructLogInitStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ideabank.settings")

app = Celery("ideabank")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task log lines carry the request id of the web request that queued the task.
app.steps["worker"].add(DjangoStructLogInitStep)


# celeryd_init, not worker_init: only the `celery worker` command sends it, not the
# in-process workers tests start (where pytest-django has turned DEBUG off).
@signals.celeryd_init.connect
@signals.beat_init.connect
def refuse_unsafe_settings(**kwargs):
    """A worker or beat on a laptop's defaults in production stops with the reason.

    Celery logs and swallows an exception from a signal handler, so exit instead."""
    import django
    from django.apps import apps
    from django.core.management.base import SystemCheckError

    # Beat has set Django up by now; a second setup() inside beat_init stops its
    # scheduler ticking (seen in tests/ops/test_rehearsal.py), so only when needed.
    if not apps.ready:
        django.setup()
    from ideabank.lib import checks

    try:
        checks.refuse_unsafe_settings()
    except SystemCheckError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from error


@app.task
def heartbeat():
    """Answer "ok": proves a worker is consuming from the broker."""
    return "ok"
