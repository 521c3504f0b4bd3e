"""Two beats started by mistake fire every scheduled job twice, at the same moment.

Idea Bank does not lock beat: each scheduled job is idempotent by design
(docs/operations.md, "Scheduled jobs"). Here each job's two firings run at once,
in two threads with their own database connections, as two workers would run
them, and the work is done once.
"""

import datetime
import threading

import pytest
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from accounts.tasks import clear_expired_sessions
from councils.models import SignInSuspension
from councils.tasks import suspend_dormant_council_sign_ins
from digests.models import DigestDelivery, DigestRun
from digests.services import period_bounds, start_digest_run
from digests.tasks import requeue_stale_digests, start_digests
from evidence.tasks import requeue_files_awaiting_scan
from ideabank.celery import heartbeat
from outbox.models import OutgoingEmail
from outbox.tasks import requeue_stale_emails
from outcomes.tasks import remind_benefit_check_ins
from pilots.models import Pilot
from pilots.tasks import notify_overdue_pilots
from tests.digests.factories import shared_idea
from tests.pilots.factories import PilotFactory

pytestmark = [pytest.mark.postgres]

# Each scheduled task, and the test below that fires it twice at once.
SHOWN_SAFE_TWICE = {
    "ideabank.celery.heartbeat": "test_two_heartbeats_change_nothing",
    "digests.tasks.start_digests": "test_two_digest_starts_send_each_digest_once",
    "digests.tasks.requeue_stale_digests": "test_two_sweeps_send_each_stale_digest_once",
    "pilots.tasks.notify_overdue_pilots": "test_two_overdue_checks_tell_each_person_once",
    "accounts.tasks.clear_expired_sessions": "test_two_session_clear_ups_delete_only_expired",
    "outbox.tasks.requeue_stale_emails": "test_two_email_sweeps_send_each_stale_email_once",
    "explore.tasks.write_open_data_file": "test_two_open_data_writes_leave_one_whole_file",
    "outcomes.tasks.remind_benefit_check_ins": "test_two_check_in_runs_remind_each_lead_once",
    "evidence.tasks.requeue_files_awaiting_scan": "test_two_rescans_scan_each_waiting_file_once",
    "councils.tasks.suspend_dormant_council_sign_ins": (
        "test_two_dormancy_checks_suspend_each_person_once"
    ),
}


def test_every_scheduled_job_is_shown_safe_to_run_twice():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= set(SHOWN_SAFE_TWICE), scheduled - set(SHOWN_SAFE_TWICE)
    for test_name in SHOWN_SAFE_TWICE.values():
        assert callable(globals()[test_name])


def fire_twice_at_once(task, *args):
    """Run `task` in two threads released together; return both results."""
    barrier = threading.Barrier(2)
    results, errors = [], []

    def fire():
        try:
            barrier.wait(timeout=10)
            # .result, not .get(): Celery refuses a blocking get where a task may be running.
            outcome = task.apply(args=args)
            if outcome.failed():
                raise outcome.result
            results.append(outcome.result)
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def test_two_heartbeats_change_nothing():
    assert fire_twice_at_once(heartbeat) == ["ok", "ok"]


@pytest.mark.django_db(transaction=True)
def test_two_digest_starts_send_each_digest_once(alice, carol, mailoutbox):
    _key, start, _end = period_bounds("weekly", timezone.now())
    shared_idea(alice, start + datetime.timedelta(days=2))

    results = fire_twice_at_once(start_digests, "weekly")

    assert sorted(result["batches"] for result in results) == [0, 1]
    assert DigestRun.objects.count() == 1
    assert [message.to for message in mailoutbox] == [[carol.email]]


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_send_each_stale_digest_once(alice, carol, brent, mailoutbox):
    _key, start, _end = period_bounds("weekly", timezone.now())
    shared_idea(alice, start + datetime.timedelta(days=2))
    start_digest_run(period="weekly", now=timezone.now())  # its batch task was lost
    DigestDelivery.objects.update(created_at=timezone.now() - datetime.timedelta(days=1))

    fire_twice_at_once(requeue_stale_digests)

    assert [message.to for message in mailoutbox] == [[carol.email]]
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db(transaction=True)
def test_two_overdue_checks_tell_each_person_once(barnet, alice, bob, mailoutbox):
    today = timezone.localdate()
    PilotFactory(
        council=barnet,
        lead=alice,
        created_by=bob,
        status=Pilot.Status.RUNNING,
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=1),
    )

    results = fire_twice_at_once(notify_overdue_pilots)

    assert sorted(result["claimed"] for result in results) == [0, 1]
    assert sorted(message.to[0] for message in mailoutbox) == [alice.email, bob.email]


@pytest.mark.django_db(transaction=True)
def test_two_session_clear_ups_delete_only_expired(alice):
    live = SessionStore()
    live["note"] = "still signed in"
    live.create()
    expired = SessionStore()
    expired.set_expiry(1)
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert fire_twice_at_once(clear_expired_sessions) == ["cleared", "cleared"]
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.mark.django_db(transaction=True)
def test_two_email_sweeps_send_each_stale_email_once(alice, mailoutbox):
    # Its send task was lost: queued long ago and never claimed.
    long_ago = timezone.now() - datetime.timedelta(days=1)
    OutgoingEmail.objects.create(
        key="idea_decided:1",
        to=alice.email,
        template="idea_decided",
        subject="Your idea",
        text="A decision.",
        created_at=long_ago,
        due_at=long_ago,
    )

    fire_twice_at_once(requeue_stale_emails)

    assert [message.to for message in mailoutbox] == [[alice.email]]
    assert list(OutgoingEmail.objects.values_list("status", flat=True)) == ["sent"]


@pytest.mark.django_db(transaction=True)
def test_two_dormancy_checks_suspend_each_person_once(alice, settings):
    settings.IDEABANK_SSO_DORMANT_DAYS = 90
    SocialAccount.objects.create(user=alice, provider="barnet", uid="alice")
    # last_login is set on every save (auto_now): date it back with an update.
    SocialAccount.objects.update(last_login=timezone.now() - datetime.timedelta(days=120))

    fire_twice_at_once(suspend_dormant_council_sign_ins)

    alice.refresh_from_db()
    assert not alice.is_active
    assert SignInSuspension.objects.filter(user=alice).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_open_data_writes_leave_one_whole_file(alice, settings, tmp_path):
    from explore.open_data import OUTCOMES_FILE
    from explore.tasks import write_open_data_file
    from tests.explore.conftest import make_pilot

    settings.MEDIA_ROOT = tmp_path
    make_pilot(alice.membership.council, alice, outcome={"verdict": "worked"})

    results = fire_twice_at_once(write_open_data_file)

    # One run writes; the other finds it writing, or writes the same file again after.
    assert {"outcomes": 1} in results
    assert set(map(str, results)) <= {"{'outcomes': 1}", "{'outcomes': None}"}
    written = list((tmp_path / "open-data").iterdir())
    assert [path.name for path in written] == [OUTCOMES_FILE.split("/")[-1]]
    assert len(written[0].read_text().splitlines()) == 2  # the header and the outcome


@pytest.mark.django_db(transaction=True)
def test_two_check_in_runs_remind_each_lead_once(barnet, alice, bob, mailoutbox):
    from outcomes.models import BenefitCheckIn
    from tests.pilots.factories import OutcomeFactory

    pilot = PilotFactory(council=barnet, lead=alice, created_by=bob, status=Pilot.Status.COMPLETED)
    outcome = OutcomeFactory(pilot=pilot)
    today = timezone.localdate()
    BenefitCheckIn.objects.create(outcome=outcome, months=6, due_on=today)

    results = fire_twice_at_once(remind_benefit_check_ins, today.isoformat())

    assert sorted(result["claimed"] for result in results) == [0, 1]
    assert [message.to for message in mailoutbox] == [[alice.email]]


@pytest.mark.django_db(transaction=True)
def test_two_rescans_scan_each_waiting_file_once(barnet, alice, bob, settings, tmp_path):
    from evidence.models import EvidenceFile
    from tests.evidence.conftest import file_awaiting_scan
    from tests.evidence.stub_clamd import StubClamd

    settings.MEDIA_ROOT = tmp_path
    pilot = PilotFactory(council=barnet, lead=alice, created_by=bob, status=Pilot.Status.RUNNING)
    waiting = file_awaiting_scan(pilot, alice)
    with StubClamd() as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        fire_twice_at_once(requeue_files_awaiting_scan)

    waiting.refresh_from_db()
    assert waiting.scan_status == EvidenceFile.ScanStatus.CLEAN
    # Both sweeps may queue it; the scan itself takes the row once (select_for_update).
    assert len(clamd.scanned) == 1
