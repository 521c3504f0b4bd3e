"""Celery tasks that send the outbox (queue "notifications", see CELERY_TASK_ROUTES)."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import sending


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # the row counts attempts (outbox.sending.MAX_ATTEMPTS)
    soft_time_limit=45,
    time_limit=60,  # below OUTBOX_CLAIM_TIMEOUT: a claim older than that is a dead worker's
)
def send_outgoing_email(self, email_id):
    """Send one queued email; retry later if the server could not take it now."""
    outcome = sending.send_outgoing(email_id=email_id, now=timezone.now())
    if outcome == sending.RETRY:
        due_at = sending.OutgoingEmail.objects.values_list("due_at", flat=True).get(pk=email_id)
        countdown = max((due_at - timezone.now()).total_seconds(), 0)
        raise self.retry(countdown=countdown)
    return outcome


def tasks_waiting(app, queue):
    """How many messages wait in the broker's `queue` (0 when it does not exist yet)."""
    with app.connection_for_read() as connection:
        return connection.default_channel.queue_declare(queue=queue).message_count


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=50, time_limit=60
)
def requeue_stale_emails(self):
    """Beat, every minute: queue again the emails whose send task was lost."""
    queue = self.app.conf.task_default_queue  # send_outgoing_email's (CELERY_TASK_ROUTES)
    still_queued = tasks_waiting(self.app, queue)
    with transaction.atomic():
        ids = sending.stale_emails(now=timezone.now(), still_queued=still_queued)
        for email_id in ids:
            send_outgoing_email.delay_on_commit(email_id)
    return {"requeued": len(ids)}
