import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digests.models import DigestDelivery, DigestRun
from digests.services import start_digest_run
from digests.tasks import requeue_stale_digests, send_digest_batch

from ..conftest import member
from .backends import RefusingBackend
from .factories import shared_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_backend(settings):
    settings.EMAIL_BACKEND = "tests.digests.backends.RefusingBackend"
    RefusingBackend.refused = set()
    RefusingBackend.attempts = {}
    RefusingBackend.opened = 0
    return RefusingBackend


def brent_colleagues(brent, count):
    return [member(f"brent{n}@brent.gov.uk", f"Brent Person {n}", brent) for n in range(count)]


def test_people_with_nothing_new_get_no_delivery_and_no_task(
    alice, carol, dan, run_weekly, mailoutbox
):
    summary, callbacks = run_weekly()
    assert summary["batches"] == 0
    assert callbacks == []
    assert DigestDelivery.objects.count() == 0
    assert mailoutbox == []


def test_triggering_the_same_period_twice_sends_nothing_the_second_time(
    alice, carol, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week)
    first, _callbacks = run_weekly()
    second, callbacks = run_weekly()
    assert first["batches"] == 1
    assert second == {"run": first["run"], "batches": 0}
    assert callbacks == []
    assert DigestRun.objects.count() == 1
    assert [message.to for message in mailoutbox] == [[carol.email]]


def test_a_batch_sends_each_pending_row_once_and_marks_it_sent(
    alice, brent, carol, last_week, mailoutbox
):
    brent_colleagues(brent, 3)
    shared_idea(alice, last_week)
    run, batches = start_digest_run(period="weekly", now=timezone.now())
    [(first_id, last_id)] = batches
    assert send_digest_batch(run.pk, first_id, last_id) == {"sent": 4, "failed": 0, "retry": 0}
    assert send_digest_batch(run.pk, first_id, last_id) == {"sent": 0, "failed": 0, "retry": 0}
    assert len(mailoutbox) == 4
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        run.deliveries.values_list("user__email", flat=True)
    )
    assert set(run.deliveries.values_list("status", flat=True)) == {"sent"}
    assert not run.deliveries.filter(sent_at__isnull=True).exists()


def test_batches_split_a_run_by_id_range(alice, brent, carol, last_week, settings, mailoutbox):
    settings.DIGEST_BATCH_SIZE = 2
    brent_colleagues(brent, 4)
    shared_idea(alice, last_week)
    run, batches = start_digest_run(period="weekly", now=timezone.now())
    assert len(batches) == 3
    for first_id, last_id in batches:
        send_digest_batch(run.pk, first_id, last_id)
    assert len(mailoutbox) == 5


@pytest.fixture
def eager_retries():
    """Let eager Celery run each retry in-process straight away, as a worker would later."""
    from ideabank.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def test_a_failing_address_is_marked_failed_after_three_tries_while_others_are_sent(
    alice, brent, carol, last_week, refusing_backend, eager_retries
):
    brent_colleagues(brent, 2)
    shared_idea(alice, last_week)
    refusing_backend.refused = {carol.email}
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    send_digest_batch.delay(run.pk, first_id, last_id)
    carols = run.deliveries.get(user=carol)
    assert carols.status == DigestDelivery.Status.FAILED
    assert carols.attempts == 3
    assert "Mailbox busy" in carols.last_error
    assert refusing_backend.attempts[carol.email] == 3
    others = run.deliveries.exclude(user=carol)
    assert set(others.values_list("status", flat=True)) == {"sent"}
    assert {refusing_backend.attempts[row.user.email] for row in others} == {1}


def test_the_sweeper_requeues_rows_left_claimed_too_long(
    alice, brent, carol, last_week, mailoutbox
):
    brent_colleagues(brent, 1)
    shared_idea(alice, last_week)
    run, _batches = start_digest_run(period="weekly", now=timezone.now())
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    # A worker claimed both rows, sent one, then died before sending the other.
    run.deliveries.update(claimed_at=long_ago, created_at=long_ago)
    sent, stuck = run.deliveries.order_by("pk")
    DigestDelivery.objects.filter(pk=sent.pk).update(status="sent", sent_at=long_ago)
    assert requeue_stale_digests() == {"batches": 1}
    assert [message.to for message in mailoutbox] == [[stuck.user.email]]
    assert requeue_stale_digests() == {"batches": 0}


def test_the_sweeper_leaves_rows_that_were_just_claimed(alice, carol, last_week, mailoutbox):
    shared_idea(alice, last_week)
    run, _batches = start_digest_run(period="weekly", now=timezone.now())
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    run.deliveries.update(claimed_at=timezone.now(), created_at=long_ago)
    assert requeue_stale_digests() == {"batches": 0}
    assert mailoutbox == []


def test_a_batch_opens_one_connection_and_reads_the_same_whatever_its_size(
    alice, brent, carol, last_week, refusing_backend
):
    brent_colleagues(brent, 11)
    shared_idea(alice, last_week)
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))

    def queries_for(first, last):
        with CaptureQueriesContext(connection) as captured:
            summary = send_digest_batch(run.pk, first, last)
        # The test's own transaction turns each email's transaction into a savepoint.
        statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
        reads = [sql for sql in statements if sql.startswith("SELECT")]
        return summary["sent"], len(reads), len(statements)

    small, large = queries_for(ids[0], ids[1]), queries_for(ids[2], ids[-1])
    assert (small[0], large[0]) == (2, 10)
    assert small[1] == large[1]  # reads do not grow with the batch
    # Writes: one claim, then one "lock and mark sent" per email, committed as it leaves.
    assert large[2] - small[2] == large[0] - small[0]
    assert refusing_backend.opened == 2


def test_queries_per_batch_stay_under_a_fixed_ceiling_plus_one_update_per_email(
    alice, brent, carol, last_week
):
    brent_colleagues(brent, 29)
    shared_idea(alice, last_week)
    run, [(first_id, last_id)] = start_digest_run(period="weekly", now=timezone.now())
    with CaptureQueriesContext(connection) as captured:
        assert send_digest_batch(run.pk, first_id, last_id)["sent"] == 30
    statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) <= 20 + 30


def test_send_digests_dry_run_previews_counts_and_one_sample_without_sending(
    alice, carol, last_week, mailoutbox, capsys
):
    shared_idea(alice, last_week, title="Dry run idea")
    call_command("send_digests", "--period", "weekly", "--dry-run")
    out = capsys.readouterr().out
    assert "1 recipients, 1 items in all (dry run: nothing sent)" in out
    assert "Subject: Idea Bank: Weekly digest: 1 new item from other councils" in out
    assert "Dry run idea" in out
    assert mailoutbox == []
    assert not DigestRun.objects.exists()


def test_send_digests_starts_the_run_once_and_shows_progress(
    alice, carol, last_week, mailoutbox, capsys
):
    shared_idea(alice, last_week)
    call_command("send_digests", "--period", "weekly")
    call_command("send_digests", "--period", "weekly")
    out = capsys.readouterr().out
    assert "1 digests in 1 batches" in out
    assert "batch 1/1 queued; 1/1 sent" in out
    assert "already started or nobody to send to; nothing queued" in out
    assert len(mailoutbox) == 1


def test_send_digests_counts_what_was_sent_at_most_once_a_second_and_after_the_last_batch(
    alice, brent, carol, last_week, settings, mailoutbox, capsys, monkeypatch
):
    settings.DIGEST_BATCH_SIZE = 1
    brent_colleagues(brent, 2)
    shared_idea(alice, last_week)
    monkeypatch.setattr("digests.management.commands.send_digests.time.monotonic", lambda: 100.0)
    call_command("send_digests", "--period", "weekly")
    out = capsys.readouterr().out
    assert "3 digests in 3 batches" in out
    assert "batch 1/3 queued; 1/3 sent" in out
    assert "batch 2/3" not in out
    assert "batch 3/3 queued; 3/3 sent" in out
    assert len(mailoutbox) == 3
