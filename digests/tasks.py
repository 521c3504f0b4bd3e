import random

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .services import (
    claim_deliveries,
    find_stale_deliveries,
    send_claimed_digests,
    start_digest_run,
)

MAX_RETRIES = 6


def backoff(retries):
    """Seconds before retry number `retries` + 1: 30s, 1m, 2m … with jitter, at most 30m."""
    return min(30 * 2**retries, 1800) + random.randint(0, 15)  # noqa: S311


# Planning 100,000 people took 18 s (docs/performance.md): the limits leave room to grow.
@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=720)
def start_digests(period):
    """Beat: start the run for the period just ended and queue its batches after commit."""
    with transaction.atomic():
        run, batches = start_digest_run(period=period, now=timezone.now())
        for first_id, last_id in batches:
            send_digest_batch.delay_on_commit(run.pk, first_id, last_id)
    return {"run": run.key, "batches": len(batches)}


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def send_digest_batch(self, run_id, first_id, last_id):
    """Send the pending digests with ids in [first_id, last_id] that no one else is sending."""
    ids = claim_deliveries(run_id=run_id, first_id=first_id, last_id=last_id, now=timezone.now())
    try:
        summary = send_claimed_digests(run_id=run_id, ids=ids, today=timezone.localdate())
    except OSError as error:  # smtplib's errors are OSErrors: the server or network failed
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
    if summary["retry"] and self.request.retries < self.max_retries:
        # Addresses that were refused for now; rows still failing later are the sweeper's.
        raise self.retry(countdown=backoff(self.request.retries))
    return summary


@shared_task(acks_late=True, reject_on_worker_lost=True)
def requeue_stale_digests():
    """Beat, every few minutes: queue again the rows a dead worker left unsent."""
    batches = find_stale_deliveries(now=timezone.now())
    for run_id, first_id, last_id in batches:
        send_digest_batch.delay(run_id, first_id, last_id)
    return {"batches": len(batches)}
