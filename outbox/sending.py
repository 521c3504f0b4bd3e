"""Claim one outbox row, send it, and record what the mail server said.

A row is marked sent only after the server accepted the message, so a worker that
dies mid-send leaves it claimed, and the sweeper hands it to another worker once the
claim is older than any task may run (OUTBOX_CLAIM_TIMEOUT > the send task's hard
time limit): at most the message in flight is sent twice, with the same Message-ID.
"""

import contextlib
import datetime
import random
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection
from django.db.models import F, Q

from .models import OutgoingEmail

MAX_ATTEMPTS = 8
SENT, SKIPPED, RETRY, FAILED = "sent", "skipped", "retry", "failed"


def claim_timeout():
    return datetime.timedelta(seconds=getattr(settings, "OUTBOX_CLAIM_TIMEOUT", 300))


def queue_timeout():
    """How long a row may wait, due but unclaimed, before the sweeper queues it again.

    Its task was lost: a killed worker's prefetched task comes back from Redis only
    after the broker's visibility timeout (hours).
    """
    return datetime.timedelta(seconds=getattr(settings, "OUTBOX_QUEUE_TIMEOUT", 600))


def backoff(attempts):
    """Seconds before the next try after `attempts` failed ones: 30s, 1m, 2m … at most 30m."""
    return min(30 * 2 ** (attempts - 1), 1800) + random.randint(0, 15)  # noqa: S311 (jitter)


def is_permanent(error):
    """True if the server refused this message for good (5xx); anything else may pass later.

    A 5xx for the recipient or the message itself will not change on a retry. Server
    trouble (4xx, a refused connection, a timeout, a 5xx to our sign-in or sender) is
    the service's to fix, so those messages wait and retry.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


def claim(email_id, *, now):
    """Take the row if it is unsent and no live worker has it; counts the attempt."""
    return OutgoingEmail.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_timeout()),
        pk=email_id,
        status=OutgoingEmail.Status.PENDING,
        attempts__lt=MAX_ATTEMPTS,
    ).update(claimed_at=now, attempts=F("attempts") + 1)


def build_message(email, connection):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        to=[email.to],
        headers=email.headers,
        connection=connection,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    return message


def send_outgoing(*, email_id, now):
    """Send the row if we can claim it. Returns SENT, SKIPPED, RETRY or FAILED.

    The row is marked sent between the server's "250 accepted" and our QUIT, so a
    worker killed in between leaves a connection cut off, not one closed as if all
    went well: the copy sent again can then be told from a duplicate.
    """
    if not claim(email_id, now=now):
        return SKIPPED  # sent, failed, or another worker has it
    email = OutgoingEmail.objects.get(pk=email_id)
    connection = get_connection()
    try:
        try:
            connection.open()
            build_message(email, connection).send()
        except OSError as error:  # smtplib's errors are OSErrors, like a refused connection
            return record_failure(email, error, now=now)
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=OutgoingEmail.Status.SENT, sent_at=now, claimed_at=None, last_error=""
        )
        return SENT
    finally:
        with contextlib.suppress(OSError):  # the message's fate is known; QUIT may fail
            connection.close()


def record_failure(email, error, *, now):
    """Fail the row at once on a permanent refusal or the last attempt; else retry later."""
    failed = is_permanent(error) or email.attempts >= MAX_ATTEMPTS
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.FAILED if failed else OutgoingEmail.Status.PENDING,
        claimed_at=None,
        due_at=now + datetime.timedelta(seconds=0 if failed else backoff(email.attempts)),
        last_error=f"{type(error).__name__}: {error}"[:1000],
    )
    return FAILED if failed else RETRY


def stale_emails(*, now, still_queued=0):
    """Ids of unsent rows whose task was lost, queued again from now; gives up on the
    rows a worker died sending MAX_ATTEMPTS times. Call inside a transaction: the rows
    stay locked until it commits.

    `still_queued` is how many tasks wait in the broker's queue. The queue is first in,
    first out, so the newest that many unclaimed rows may still have a task in it: only
    rows older than those, and older than queue_timeout(), have lost theirs. Without
    this, a long but healthy queue would be sent again in full every sweep.
    """
    unsent = OutgoingEmail.objects.unsent()
    dead_claims = unsent.filter(claimed_at__lt=now - claim_timeout())
    dead_claims.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=OutgoingEmail.Status.FAILED,
        claimed_at=None,
        last_error="The worker sending it stopped each time it was tried.",
    )
    lost = Q(claimed_at__lt=now - claim_timeout())
    cutoff = oldest_possibly_queued(unsent, still_queued=still_queued, now=now)
    if cutoff is not None:
        lost |= Q(claimed_at__isnull=True, due_at__lt=min(cutoff, now - queue_timeout()))
    lost_rows = unsent.filter(lost).order_by("pk")
    if connection.features.has_select_for_update_skip_locked:
        # Two sweeps at once (two beats): the second skips the rows the first is queuing,
        # and reads again those it committed, which are then no longer lost.
        lost_rows = lost_rows.select_for_update(skip_locked=True)
    ids = list(lost_rows.values_list("pk", flat=True))
    # Unclaimed and due again now: the next sweep leaves them a queue_timeout to go.
    OutgoingEmail.objects.filter(pk__in=ids).update(claimed_at=None, due_at=now)
    return ids


def oldest_possibly_queued(unsent, *, still_queued, now):
    """When the oldest unclaimed row that may still have a task in the queue was due:
    `now` for an empty queue, None if every unclaimed row may still be queued."""
    if not still_queued:
        return now
    waiting = unsent.filter(claimed_at__isnull=True, due_at__lte=now).order_by("-due_at")
    newest = waiting.values_list("due_at", flat=True)[still_queued - 1 : still_queued]
    return next(iter(newest), None)
