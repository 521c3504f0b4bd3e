"""Virus checks for files stored while clamd could not be reached (queue "notifications")."""

import datetime

from celery import shared_task
from django.utils import timezone

from . import services
from .scanner import ScannerUnavailable

# Tries 30 s, 1, 2, 4 … minutes apart, at most 30 minutes (below the broker's
# visibility_timeout); after that the hourly sweep below queues the file again.
MAX_TRIES = 12
MAX_WAIT = 30 * 60
SWEEP_AFTER = datetime.timedelta(hours=1)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_TRIES,
    soft_time_limit=120,
    time_limit=150,
)
def scan_evidence_file(self, evidence_id):
    """Scan one waiting file; try again later while clamd cannot be reached."""
    try:
        return services.rescan(evidence_id)
    except ScannerUnavailable:
        if self.request.is_eager:
            # In-process (a laptop, the tests) a retry would run at once, again and again.
            return "awaiting_scan"
        countdown = min(30 * 2**self.request.retries, MAX_WAIT)
        raise self.retry(countdown=countdown) from None


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=50, time_limit=60)
def requeue_files_awaiting_scan():
    """Beat, hourly: queue again every file still waiting for a virus check."""
    ids = services.awaiting_scan_ids(timezone.now() - SWEEP_AFTER)
    for evidence_id in ids:
        scan_evidence_file.delay(evidence_id)
    return {"requeued": len(ids)}
