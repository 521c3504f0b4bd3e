"""Where a digest's "sent" commit lands relative to the SMTP conversation, and row locks."""

import threading
import time

import psycopg
import pytest
from django.db import transaction
from django.utils import timezone

from digests.models import DigestDelivery
from digests.services import (
    MARK_SENT_SQL,
    digest_message_id,
    mark_sent_if_pending,
    send_claimed_digests,
    start_digest_run,
)
from digests.tasks import send_digest_batch

from ..conftest import member
from .conftest import committed_database_dsn, local_smtp_server
from .factories import shared_idea


class StatusAtDataHandler:
    """Accepts every message, noting each recipient's outbox status just before replying."""

    def __init__(self, dsn):
        self.dsn = dsn
        self.seen = []

    async def handle_DATA(self, server, session, envelope):
        time.sleep(0.2)  # the client, meanwhile, must not be waiting for this reply to commit
        with psycopg.connect(self.dsn) as other_connection:
            status = other_connection.execute(
                "SELECT d.status FROM digests_digestdelivery d "
                "JOIN accounts_user u ON u.id = d.user_id WHERE u.email = %s",
                envelope.rcpt_tos,
            ).fetchone()[0]
        self.seen.append((envelope.rcpt_tos[0], status, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_sink(settings):
    dsn = committed_database_dsn()
    with local_smtp_server(StatusAtDataHandler(dsn), settings) as handler:
        yield handler


@pytest.mark.postgres
def test_a_row_is_committed_sent_once_the_server_has_the_whole_message_before_its_reply(
    transactional_db, alice, carol, last_week, smtp_sink
):
    shared_idea(alice, last_week)
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    assert send_digest_batch(run.pk, first_id, last_id)["sent"] == 1
    [(recipient, status_while_server_replies, content)] = smtp_sink.seen
    assert recipient == carol.email
    # Committed by the time the server answers: a worker killed now leaves no unsent row.
    assert status_while_server_replies == "sent"
    assert f"Message-ID: {digest_message_id(run, carol)}".encode() in content


@pytest.mark.postgres
def test_a_row_another_worker_is_sending_is_left_to_it(
    transactional_db, alice, brent, carol, last_week, mailoutbox
):
    member("brenda@brent.gov.uk", "Brenda Brent", brent)
    shared_idea(alice, last_week)
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    carols = run.deliveries.get(user=carol)
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        # Holds Carol's row as `send_once` does while its email is on the wire.
        from django.db import connection as other_connection
        from django.db import transaction

        with transaction.atomic():
            DigestDelivery.objects.select_for_update().get(pk=carols.pk)
            locked.set()
            release.wait(timeout=10)
        other_connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    locked.wait(timeout=10)
    summary = send_digest_batch(run.pk, first_id, last_id)
    release.set()
    thread.join()
    assert summary == {"sent": 1, "failed": 0, "retry": 0}
    assert [message.to for message in mailoutbox] == [["brenda@brent.gov.uk"]]
    assert run.deliveries.get(user=carol).status == DigestDelivery.Status.PENDING


def test_every_attempt_at_a_digest_carries_the_same_message_id(
    db, alice, carol, last_week, mailoutbox
):
    shared_idea(alice, last_week)
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    send_digest_batch(run.pk, first_id, last_id)
    run.deliveries.update(status=DigestDelivery.Status.PENDING, claimed_at=None)
    send_digest_batch(run.pk, first_id, last_id)
    first, second = mailoutbox
    message_ids = {first.message()["Message-ID"], second.message()["Message-ID"]}
    assert message_ids == {digest_message_id(run, carol)}


@pytest.mark.postgres
def test_marking_sent_takes_a_pending_row_once_and_skips_one_already_sent_or_failed(
    db, alice, brent, carol, last_week
):
    member("brenda@brent.gov.uk", "Brenda Brent", brent)
    member("bert@brent.gov.uk", "Bert Brent", brent)
    shared_idea(alice, last_week)
    run, _batches = start_digest_run(period="weekly", now=timezone.now())
    pending, sent, failed = run.deliveries.order_by("pk")
    DigestDelivery.objects.filter(pk=sent.pk).update(status=DigestDelivery.Status.SENT)
    DigestDelivery.objects.filter(pk=failed.pk).update(status=DigestDelivery.Status.FAILED)
    now = timezone.now()
    assert mark_sent_if_pending(pending.pk, now=now) == 1
    assert mark_sent_if_pending(pending.pk, now=now) == 0
    assert mark_sent_if_pending(sent.pk, now=now) == 0
    assert mark_sent_if_pending(failed.pk, now=now) == 0
    pending.refresh_from_db()
    assert (pending.status, pending.sent_at) == (DigestDelivery.Status.SENT, now)
    assert run.deliveries.get(pk=failed.pk).status == DigestDelivery.Status.FAILED


def test_the_fixed_mark_sent_statement_names_the_model_as_it_is():
    assert MARK_SENT_SQL.count(DigestDelivery._meta.db_table) == 2
    assert f"status = '{DigestDelivery.Status.PENDING}'" in MARK_SENT_SQL
    assert {"id", "status", "sent_at"} <= {f.column for f in DigestDelivery._meta.fields}


class Rollback(Exception):
    pass


@pytest.mark.postgres
def test_inside_someone_elses_atomic_block_sending_leaves_the_commit_to_them(
    transactional_db, alice, carol, last_week, smtp_sink
):
    shared_idea(alice, last_week)
    run, _batches = start_digest_run(period="weekly", now=timezone.now())
    carols = run.deliveries.get(user=carol)
    with pytest.raises(Rollback), transaction.atomic():
        summary = send_claimed_digests(run_id=run.pk, ids=[carols.pk], today=timezone.localdate())
        assert summary == {"sent": 1, "failed": 0, "retry": 0}
        raise Rollback
    [(recipient, status_while_server_replies, _content)] = smtp_sink.seen
    assert (recipient, status_while_server_replies) == (carol.email, "pending")
    assert run.deliveries.get(pk=carols.pk).status == DigestDelivery.Status.PENDING
