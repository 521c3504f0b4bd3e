import datetime
import smtplib
from contextlib import ExitStack
from dataclasses import astuple
from functools import partial
from itertools import groupby
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from ideabank.lib.mail import build_email, render_subject

from .content import audience_of, audiences_due, build_digest, follows_of
from .letter import Letter
from .mail import EmailBackend as DigestEmailBackend
from .mail import after_final_dot, get_digest_connection
from .models import DigestDelivery, DigestPreference, DigestRun, Frequency, due_for_digest

UNSUBSCRIBE_SALT = "digests.unsubscribe"
UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=90)
MAX_ATTEMPTS = 3


def batch_size():
    return getattr(settings, "DIGEST_BATCH_SIZE", 100)


def claim_timeout():
    """How long a claimed row may stay unsent before the sweeper hands it to another worker.

    A claim this old means its worker died: a batch takes far less (docs/performance.md).
    Short is safe: a row is locked and re-checked as it is sent (`send_once`), so
    two workers on the same rows cannot both send one.
    """
    return datetime.timedelta(seconds=getattr(settings, "DIGEST_CLAIM_TIMEOUT", 60))


def queue_timeout():
    """How long a row may wait unclaimed, its batch still queued, before the sweeper queues it.

    Longer than a claim: a national run keeps batches queued for minutes (docs/performance.md).
    """
    return datetime.timedelta(seconds=getattr(settings, "DIGEST_QUEUE_TIMEOUT", 900))


def period_bounds(period, now):
    """The key and [start, end) of the last full day or week before `now`, in UK time."""
    today = timezone.localtime(now).date()
    if period == Frequency.DAILY:
        first_day, days = today - datetime.timedelta(days=1), 1
        key = f"daily:{first_day.isoformat()}"
    elif period == Frequency.WEEKLY:
        first_day, days = today - datetime.timedelta(days=today.weekday() + 7), 7
        year, week, _weekday = first_day.isocalendar()
        key = f"weekly:{year}-W{week:02d}"
    else:
        raise ValueError(f"Unknown digest period: {period!r}")

    def midnight(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    return key, midnight(first_day), midnight(first_day + datetime.timedelta(days=days))


def id_ranges(ids, size):
    """Consecutive (first, last) id ranges of at most `size` ids each, from sorted ids."""
    return [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]


def plan_digests(*, period, start, end, today):
    """For each person due a digest, the number of items they would get (none if zero).

    People come in audience order, so that the consecutive rows of a batch share few
    audiences and the batch renders each shared digest once, not once per person.
    """
    users = due_for_digest(get_user_model().objects.all(), period)
    groups = audiences_due(users)
    planned = {}
    for audience in sorted(groups, key=astuple):
        first = users.select_related("membership", "digest_preference").get(pk=groups[audience][0])
        count = build_digest(first, audience, start=start, end=end, today=today).item_count
        if count:
            planned.update(dict.fromkeys(groups[audience], count))
    return planned


@transaction.atomic
def start_digest_run(*, period, now):
    """Create the period's run and one delivery per person with something to read.

    Returns the run and the id ranges to send, which are empty if the run already existed.
    """
    key, start, end = period_bounds(period, now)
    run, created = DigestRun.objects.get_or_create(
        key=key, defaults={"period": period, "start": start, "end": end}
    )
    if not created:
        return run, []
    counts = plan_digests(period=period, start=start, end=end, today=timezone.localdate(now))
    DigestDelivery.objects.bulk_create(
        [DigestDelivery(run=run, user_id=user_id) for user_id in counts],
        batch_size=1000,
        ignore_conflicts=True,
    )
    ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
    return run, id_ranges(ids, batch_size())


@transaction.atomic
def find_stale_deliveries(*, now):
    """Id ranges, per run, of rows still pending long after they were queued or claimed."""
    stale = DigestDelivery.objects.filter(status=DigestDelivery.Status.PENDING).filter(
        Q(claimed_at__lt=now - claim_timeout())
        | Q(claimed_at__isnull=True, created_at__lt=now - queue_timeout())
    )
    rows = stale.order_by("run_id", "pk").values_list("run_id", "pk")
    return [
        (run_id, first, last)
        for run_id, run_rows in groupby(rows, key=lambda row: row[0])
        for first, last in id_ranges([pk for _run, pk in run_rows], batch_size())
    ]


@transaction.atomic
def claim_deliveries(*, run_id, first_id, last_id, now):
    """Mark this batch's unclaimed pending rows as ours; rows another worker holds are skipped."""
    rows = DigestDelivery.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_timeout()),
        run_id=run_id,
        pk__gte=first_id,
        pk__lte=last_id,
        status=DigestDelivery.Status.PENDING,
    )
    if connection.features.has_select_for_update:
        rows = rows.select_for_update(
            skip_locked=connection.features.has_select_for_update_skip_locked
        )
    ids = list(rows.order_by("pk").values_list("pk", flat=True))
    DigestDelivery.objects.filter(pk__in=ids).update(claimed_at=now)
    return ids


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def user_for_unsubscribe_token(token):
    """The person a token was made for, or None if it was changed or is too old."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


@transaction.atomic
def change_digest_frequency(*, user, frequency):
    """Set how often the person gets digests (used by unsubscribe and its undo)."""
    preference = DigestPreference.for_user(user)
    preference.frequency = frequency
    preference.save(update_fields=["frequency", "updated_at"])
    return preference


def send_claimed_digests(*, run_id, ids, today):
    """Render and send the claimed rows over one connection; each is marked sent as it goes.

    Returns counts of sent, failed (given up) and retry (to try again later). Not atomic
    on purpose: each row commits on its own, the moment its email leaves (`send_once`).
    """
    summary = {"sent": 0, "failed": 0, "retry": 0}
    if not ids:
        return summary
    run = DigestRun.objects.get(pk=run_id)
    rows = (
        DigestDelivery.objects.filter(pk__in=ids)
        .select_related("user__membership__council", "user__digest_preference")
        .prefetch_related("user__digest_preference__themes")
        .order_by("pk")
    )
    rows = list(rows)
    # What everyone in the batch follows, in one go: not a query per person.
    follows = follows_of(get_user_model().objects.filter(pk__in=[row.user_id for row in rows]))
    letters = {}
    mail = get_digest_connection()
    remaining = list(ids)
    try:
        mail.open()
        for row in rows:
            user = row.user
            audience = audience_of(user, followed=follows.get(user.pk, ()))
            if audience not in letters:
                shared = render_shared_blocks(user, audience, run=run, today=today)
                letters[audience] = letter(run=run, shared=shared, connection=mail)
            message = letters[audience].copy(personal_details(user, run))
            try:
                sent = send_once(row, message)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
                # A refusal of this message: count it against the address, carry on.
                summary["failed" if record_failure(row, error) else "retry"] += 1
            else:
                summary["sent"] += sent  # False if another worker has or had the row
            remaining.remove(row.pk)
    except OSError:
        # The server or network failed (smtplib's errors are OSErrors), not an address.
        # Hand the unsent rows back so the retry (or another worker) takes them now.
        DigestDelivery.objects.filter(
            pk__in=remaining, status=DigestDelivery.Status.PENDING
        ).update(claimed_at=None)
        raise
    finally:
        mail.close()
    return summary


def send_once(row, message):
    """Send the row's email unless another worker has it or already sent it. True if sent.

    One transaction per email: lock the row and mark it sent, send, commit. Over SMTP
    the commit is written right after the message's final dot, before the server's
    reply is read (see `digests.mail`), so a worker killed at any moment leaves either
    a row still pending and no complete message (the server drops a DATA cut short),
    or a sent row and a delivered message. The one exception is a kill in the few
    microseconds between writing the dot and writing COMMIT: the message arrives and
    the row stays pending, so it is sent again later with the same Message-ID, which
    lets mail systems spot the copy. docs/performance.md measures how often this is.
    """
    committed = False

    def commit():
        nonlocal committed
        # COMMIT goes straight to the driver: the time from the dot to this write is the
        # window for a second copy. Django's atomic block then ends with nothing to commit.
        if driver_connection is not None:
            driver_connection.commit()
        in_transaction.close()
        committed = True

    with ExitStack() as in_transaction:
        in_transaction.enter_context(transaction.atomic())
        if not mark_sent_if_pending(row.pk, now=timezone.now()):
            return False
        # Looked up now, not after the dot; only for our own transaction, not one nested
        # in another atomic block (a test's), whose COMMIT is not ours to send.
        driver_connection = connection.connection if len(connection.atomic_blocks) == 1 else None
        try:
            with after_final_dot(message.connection, commit):
                message.send()
        except BaseException:
            if committed:
                # The server took the whole message, then failed or refused it: undo "sent".
                DigestDelivery.objects.filter(pk=row.pk).update(
                    status=DigestDelivery.Status.PENDING, sent_at=None, claimed_at=None
                )
            raise
    return True


MARK_SENT_SQL = (
    "UPDATE digests_digestdelivery SET status = %s, sent_at = %s WHERE id IN ("
    "SELECT id FROM digests_digestdelivery WHERE id = %s AND status = 'pending' "
    "FOR UPDATE SKIP LOCKED)"
)


def mark_sent_if_pending(pk, *, now):
    """Lock the row and mark it sent if it is still pending and no one else holds it.

    Call inside the transaction that sends the email: a rollback makes it pending again.
    """
    if connection.vendor == "postgresql":
        # What the ORM writes below, as one fixed statement: spares building it per email.
        with connection.cursor() as cursor:
            cursor.execute(MARK_SENT_SQL, [DigestDelivery.Status.SENT, now, pk])
            return cursor.rowcount
    pending = DigestDelivery.objects.filter(pk=pk, status=DigestDelivery.Status.PENDING)
    if connection.features.has_select_for_update_skip_locked:
        # order_by(): the default ordering joins the run, whose row must not be locked.
        pending = pending.order_by().select_for_update(skip_locked=True, of=("self",))
    return DigestDelivery.objects.filter(pk__in=pending.values("pk")).update(
        status=DigestDelivery.Status.SENT, sent_at=now
    )


def record_failure(row, error):
    """Count a failed attempt; give up on the address after MAX_ATTEMPTS. True if given up."""
    attempts = row.attempts + 1
    given_up = attempts >= MAX_ATTEMPTS
    # No status filter: only this worker marked the row, and its send just failed.
    DigestDelivery.objects.filter(pk=row.pk).update(
        attempts=attempts,
        last_error=str(error)[:1000],
        claimed_at=None,
        sent_at=None,
        status=DigestDelivery.Status.FAILED if given_up else DigestDelivery.Status.PENDING,
    )
    return given_up


def render_shared_blocks(user, audience, *, run, today):
    """The part of the digest everyone in the audience shares, rendered once: all but the
    person's name and unsubscribe link."""
    digest = build_digest(user, audience, start=run.start, end=run.end, today=today)
    weekly = run.period == Frequency.WEEKLY
    context = {"digest": digest, "weekly": weekly, "site_url": settings.SITE_URL}
    return {
        "digest": digest,
        "weekly": weekly,
        "subject": render_subject("digest", context),
        "body_html": mark_safe(render_to_string("emails/digest_body.html", context)),  # noqa: S308
        "body_text": render_to_string("emails/digest_body.txt", context),
        "preferences_url": settings.SITE_URL + reverse("digests:preferences"),
    }


def digest_message_id(run, user):
    """The same Message-ID on every attempt, so a second copy can be recognised as one."""
    host = urlsplit(settings.SITE_URL).hostname or "ideabank"
    return f"<digest-{run.pk}-{user.pk}@{host}>"


def personal_details(user, run):
    """What differs from one person's digest to the next (digests.letter)."""
    unsubscribe_url = settings.SITE_URL + reverse(
        "digests:unsubscribe", kwargs={"token": unsubscribe_token(user)}
    )
    return {
        "name": user.display_name,
        "to": user.email,
        "unsubscribe_url": unsubscribe_url,
        "message_id": digest_message_id(run, user),
    }


def digest_email(user, *, run, shared, connection):
    """One person's digest: the audience's shared body, with their name and unsubscribe link."""
    return email_from_details(
        personal_details(user, run), run=run, shared=shared, connection=connection
    )


def email_from_details(details, *, run, shared, connection):
    context = {
        **shared,
        "person_name": details["name"],
        "run": run,
        "unsubscribe_url": details["unsubscribe_url"],
    }
    headers = {
        "Message-ID": details["message_id"],
        "List-Unsubscribe": f"<{details['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return build_email(
        "digest",
        context,
        to=details["to"],
        subject=shared["subject"],
        headers=headers,
        connection=connection,
    )


def letter(*, run, shared, connection):
    """The audience's digest, copied per person over SMTP (digests.letter); elsewhere
    (the console in development, tests' memory backend) each person's is built whole."""
    build = partial(email_from_details, run=run, shared=shared, connection=connection)
    return Letter(build, copies=isinstance(connection, DigestEmailBackend))


def preview_run(*, period, now):
    """For the dry run: the recipients' item counts and one rendered sample, sending nothing."""
    key, start, end = period_bounds(period, now)
    counts = plan_digests(period=period, start=start, end=end, today=timezone.localdate(now))
    sample = None
    if counts:
        user = (
            get_user_model()
            .objects.select_related("membership", "digest_preference")
            .get(pk=next(iter(counts)))
        )
        run = DigestRun(key=key, period=period, start=start, end=end)
        today = timezone.localdate(now)
        shared = render_shared_blocks(user, audience_of(user), run=run, today=today)
        sample = digest_email(user, run=run, shared=shared, connection=None)
    return key, counts, sample
