"""Rows a dead worker left, the backlog gauges, the admin list, and closing an account."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.services import close_account
from outbox import metrics, sending
from outbox.models import OutgoingEmail
from outbox.services import enqueue_email
from outbox.tasks import requeue_stale_emails

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

CONTEXT = {"pilot": {"title": "Bin texts", "pk": 1}, "person": {"display_name": "Alice"}}
MINUTE = datetime.timedelta(minutes=1)


def queued(to="alice@barnet.gov.uk", key="test:1", **fields):
    email = enqueue_email("pilot_overdue", CONTEXT, to=to, key=key)
    OutgoingEmail.objects.filter(pk=email.pk).update(**fields)
    return email


def status(email):
    email.refresh_from_db()
    return email.status


def test_the_sweeper_sends_rows_whose_worker_died_or_whose_task_was_lost(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    now = timezone.now()
    dead_worker = queued(key="dead", claimed_at=now - 6 * MINUTE, attempts=1)
    lost_task = queued(key="lost", due_at=now - 11 * MINUTE)
    still_queued = queued(key="queued", due_at=now - MINUTE)
    being_sent = queued(key="sending", claimed_at=now - MINUTE, attempts=1)
    waiting_to_retry = queued(key="retry", due_at=now + 5 * MINUTE, attempts=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_emails() == {"requeued": 2}
    assert [status(dead_worker), status(lost_task)] == ["sent", "sent"]
    for email in (still_queued, being_sent, waiting_to_retry):
        assert status(email) == "pending"
    assert len(mailoutbox) == 2


def test_the_sweeper_gives_up_on_a_row_whose_worker_died_each_time(
    django_capture_on_commit_callbacks, mailoutbox
):
    email = queued(
        claimed_at=timezone.now() - 6 * MINUTE,
        attempts=sending.MAX_ATTEMPTS,
        due_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_emails() == {"requeued": 0}
    email.refresh_from_db()
    assert email.status == "failed"
    assert "stopped each time" in email.last_error
    assert mailoutbox == []


def test_a_second_sweep_does_not_queue_the_same_rows_again():
    queued(key="lost", due_at=timezone.now() - 11 * MINUTE)
    assert requeue_stale_emails() == {"requeued": 1}
    assert requeue_stale_emails() == {"requeued": 0}


def test_the_backlog_and_the_oldest_unsent_email_are_measured():
    now = timezone.now()
    assert (metrics.backlog(), metrics.oldest_unsent_age(now)) == (0, 0.0)
    queued(key="old", created_at=now - 90 * MINUTE)
    queued(key="new", created_at=now - MINUTE)
    queued(key="sent", created_at=now - 500 * MINUTE, status="sent")
    queued(key="failed", created_at=now - 500 * MINUTE, status="failed")
    assert metrics.backlog() == 2
    assert metrics.oldest_unsent_age(now) == 90 * 60


def test_the_admin_lists_the_backlog_and_why_an_email_failed(client_for, platform_admin):
    queued(key="waiting", created_at=timezone.now() - 2 * MINUTE)
    queued(key="refused", status="failed", last_error="SMTPRecipientsRefused: 550 No such user")
    response = client_for(platform_admin).get(reverse("admin:outbox_outgoingemail_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 email waiting to be sent." in html
    assert "The oldest has waited 12" in html
    assert "550 No such user" in html


def test_a_platform_admin_can_send_failed_emails_again(
    client_for, platform_admin, django_capture_on_commit_callbacks, mailoutbox
):
    failed = queued(status="failed", attempts=1, last_error="554 Rejected")
    sent = queued(key="sent", status="sent")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(platform_admin).post(
            reverse("admin:outbox_outgoingemail_changelist"),
            {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
        )
    assert response.status_code == 302
    assert status(failed) == "sent"
    assert [message.to for message in mailoutbox] == [["alice@barnet.gov.uk"]]


def test_staff_who_are_not_platform_admins_cannot_open_the_outbox(client_for, alice):
    response = client_for(alice).get(reverse("admin:outbox_outgoingemail_changelist"))
    assert response.status_code != 200


def test_closing_an_account_deletes_every_email_to_its_addresses(alice, bob):
    queued(to=alice.email, key="unsent")
    queued(to=alice.email, key="sent", status="sent")
    queued(to=alice.email, key="failed", status="failed")
    bobs = queued(to=bob.email, key="unsent")
    close_account(person=alice, by=alice)
    assert list(OutgoingEmail.objects.all()) == [bobs]


def test_rows_that_may_still_have_a_task_in_a_long_queue_are_not_queued_again():
    now = timezone.now()
    oldest = queued(key="oldest", due_at=now - 30 * MINUTE)
    queued(key="older", due_at=now - 20 * MINUTE)
    queued(key="old", due_at=now - 15 * MINUTE)
    # Two tasks still wait in the queue: first in, first out, they are the newest two rows'.
    assert sending.stale_emails(now=now, still_queued=2) == [oldest.pk]
    # More tasks waiting than unclaimed rows: none of them has lost its task.
    assert sending.stale_emails(now=now + 30 * MINUTE, still_queued=5) == []


@pytest.mark.redis
def test_the_sweeper_counts_the_tasks_waiting_in_the_real_queue(settings):
    from ideabank.celery import app
    from outbox.tasks import send_outgoing_email, tasks_waiting

    queue = app.conf.task_default_queue
    app.conf.task_always_eager = False
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)
        try:
            for _ in range(3):
                send_outgoing_email.apply_async(args=[0], connection=connection)
            assert tasks_waiting(app, queue) == 3
            lost = queued(key="lost", due_at=timezone.now() - 60 * MINUTE)
            waiting = [
                queued(key=f"queued:{n}", due_at=timezone.now() - 20 * MINUTE) for n in (1, 2, 3)
            ]
            assert requeue_stale_emails.apply().get() == {"requeued": 1}
            assert all(status(email) == "pending" for email in [lost, *waiting])
        finally:
            connection.default_channel.queue_purge(queue)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_second_sweep_at_once_leaves_the_rows_the_first_is_queuing_again():
    """Two beats: the second sweep must not reset a row the first has just queued, or
    both queue a send task and, with the first already sending, the email goes twice."""
    now = timezone.now()
    # Created as a row only: queued through enqueue_email, it would be sent on commit here.
    lost = OutgoingEmail.objects.create(
        key="lost",
        to="alice@barnet.gov.uk",
        template="pilot_overdue",
        subject="Overdue",
        text="Your pilot is overdue.",
        due_at=now - 30 * MINUTE,
    )
    first_found, first_has_them, first_may_commit = [], threading.Event(), threading.Event()

    def first_sweep():
        try:
            with transaction.atomic():
                first_found.append(sending.stale_emails(now=now))
                first_has_them.set()
                first_may_commit.wait(timeout=5)
        finally:
            connection.close()

    first = threading.Thread(target=first_sweep)
    first.start()
    try:
        assert first_has_them.wait(timeout=10)
        with transaction.atomic():
            second_found = sending.stale_emails(now=now)
    finally:
        first_may_commit.set()
        first.join(timeout=10)

    assert first_found == [[lost.pk]]
    assert second_found == []
    # After the first commits, the row is queued from now: not lost to a later sweep either.
    with transaction.atomic():
        assert sending.stale_emails(now=now + MINUTE) == []
