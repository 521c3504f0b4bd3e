"""The outbox: one row per event and address, sent once accepted, retried by error type."""

import datetime
import socket

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone

from outbox import sending
from outbox.models import OutgoingEmail
from outbox.services import enqueue_email
from outbox.tasks import send_outgoing_email

pytestmark = pytest.mark.django_db

CONTEXT = {"pilot": {"title": "Bin texts", "pk": 1}, "person": {"display_name": "Alice"}}


def queue(to="alice@barnet.gov.uk", key="test:1"):
    return enqueue_email("pilot_overdue", CONTEXT, to=to, key=key)


def test_the_same_event_queued_twice_for_one_address_is_one_email(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
        second = queue()
        other_person = queue(to="bob@barnet.gov.uk")
    assert first is not None and other_person is not None
    assert second is None
    assert OutgoingEmail.objects.count() == 2
    assert sorted(message.to[0] for message in mailoutbox) == [
        "alice@barnet.gov.uk",
        "bob@barnet.gov.uk",
    ]
    first.refresh_from_db()
    assert (first.status, first.attempts) == (OutgoingEmail.Status.SENT, 1)
    assert first.sent_at is not None


def test_a_queued_email_keeps_what_was_rendered_and_its_message_id(mailoutbox):
    email = queue()
    assert "Bin texts" in email.subject
    assert "Bin texts" in email.text and "Bin texts" in email.html
    send_outgoing_email(email.pk)
    [message] = mailoutbox
    assert message.subject == email.subject
    assert message.alternatives[0].content == email.html
    assert message.message()["Message-ID"] == email.headers["Message-ID"]


def test_nothing_is_sent_if_the_transaction_that_queued_it_rolls_back(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue()
    assert len(callbacks) == 1
    assert mailoutbox == []


def test_a_sent_row_is_not_sent_again_by_a_second_task(mailoutbox):
    email = queue()
    assert send_outgoing_email(email.pk) == sending.SENT
    assert send_outgoing_email(email.pk) == sending.SKIPPED
    assert len(mailoutbox) == 1


def test_a_row_a_live_worker_has_claimed_is_left_to_it(mailoutbox):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(claimed_at=timezone.now())
    assert send_outgoing_email(email.pk) == sending.SKIPPED
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("where", "reply"),
    [
        ("rcpt", "450 Mailbox busy, try again later"),
        ("data", "451 Local error, try again later"),
    ],
)
def test_a_temporary_refusal_waits_and_is_tried_again(sink, where, reply):
    getattr(sink, where).append(reply)
    email = queue()
    now = timezone.now()
    assert sending.send_outgoing(email_id=email.pk, now=now) == sending.RETRY
    email.refresh_from_db()
    assert (email.status, email.attempts, email.claimed_at) == ("pending", 1, None)
    assert reply.split()[0] in email.last_error
    assert email.due_at >= now + datetime.timedelta(seconds=30)
    assert sink.received == []

    assert sending.send_outgoing(email_id=email.pk, now=timezone.now()) == sending.SENT
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == ("sent", 2, "")
    assert [rcpt for rcpt, _content in sink.received] == [["alice@barnet.gov.uk"]]


def test_the_task_asks_celery_to_try_again_when_the_backoff_is_over(sink):
    sink.data.append("451 Try again later")
    email = queue()
    with pytest.raises(Retry) as retry:
        send_outgoing_email.delay(email.pk)
    email.refresh_from_db()
    wait = (email.due_at - timezone.now()).total_seconds()
    assert 25 <= retry.value.when <= 45
    assert abs(retry.value.when - wait) < 5
    assert sink.received == []
    # Celery runs it again then, and the server takes it.
    send_outgoing_email.delay(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)
    assert len(sink.received) == 1


@pytest.mark.parametrize(
    ("where", "reply"),
    [
        ("rcpt", "550 No such mailbox"),
        ("data", "554 Message rejected as spam"),
    ],
)
def test_a_permanent_refusal_fails_at_once_with_the_servers_words(sink, where, reply):
    getattr(sink, where).append(reply)
    email = queue()
    send_outgoing_email.delay(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", 1)
    assert reply.split(" ", 1)[1] in email.last_error
    assert sink.received == []


def test_a_mail_server_that_cannot_be_reached_is_a_temporary_failure(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    email = queue()
    assert sending.send_outgoing(email_id=email.pk, now=timezone.now()) == sending.RETRY
    email.refresh_from_db()
    assert email.status == "pending"
    assert "ConnectionRefusedError" in email.last_error


def test_the_last_attempt_that_fails_gives_up(sink):
    sink.data.append("451 Try again later")
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=sending.MAX_ATTEMPTS - 1)
    assert sending.send_outgoing(email_id=email.pk, now=timezone.now()) == sending.FAILED
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", sending.MAX_ATTEMPTS)


def test_backoff_doubles_from_half_a_minute_up_to_half_an_hour():
    waits = [sending.backoff(attempts) for attempts in range(1, 10)]
    assert 30 <= waits[0] <= 45
    assert 60 <= waits[1] <= 75
    assert all(1800 <= wait <= 1815 for wait in waits[7:])


@pytest.mark.postgres
def test_a_row_is_marked_sent_only_after_the_server_accepted_the_message(
    transactional_db, watching_sink
):
    email = queue()  # queued and, the moment that commits, sent (tasks run in-process)
    # While the server was replying to the message, the row still read "pending".
    assert watching_sink.status_at_data == ["pending"]
    email.refresh_from_db()
    assert email.status == "sent"


@pytest.mark.postgres
def test_a_refused_message_is_never_marked_sent(transactional_db, watching_sink):
    watching_sink.data.append("554 Rejected")
    email = queue()
    assert watching_sink.status_at_data == ["pending"]
    assert OutgoingEmail.objects.get(pk=email.pk).status == "failed"
    assert mail.outbox == []
