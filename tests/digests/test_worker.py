import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from digests.models import DigestDelivery, DigestRun
from digests.tasks import start_digests
from ideabank.celery import app

from ..conftest import member
from .factories import shared_idea


@pytest.mark.redis
@pytest.mark.postgres
def test_a_real_worker_delivers_a_whole_run_through_redis(
    transactional_db, alice, brent, carol, last_week, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DIGEST_BATCH_SIZE = 3
    mail.outbox = []
    for n in range(7):
        member(f"brent{n}@brent.gov.uk", f"Brent Person {n}", brent)
    shared_idea(alice, last_week)
    app.conf.task_always_eager = False
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        # Beat's task starts the run; the worker then picks up the batches it queued.
        started = start_digests.delay("weekly").get(timeout=30)
        run = DigestRun.objects.get(key=started["run"])
        deadline = time.monotonic() + 30
        while run.deliveries.filter(status="pending").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    assert started["batches"] == 3
    assert run.deliveries.filter(status=DigestDelivery.Status.SENT).count() == 8
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        run.deliveries.values_list("user__email", flat=True)
    )
