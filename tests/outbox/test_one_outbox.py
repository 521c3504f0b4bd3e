"""Every email goes through the outbox, on the notification queue; digests have their own."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from ideabank.celery import app
from outbox import sending
from outbox.models import OutgoingEmail

from ..accounts.helpers import post_and_send

ROOT = Path(__file__).resolve().parents[2]
# Where mail may be built or sent: the renderer, the outbox's sender, and digests,
# which batch on their own outbox (DigestDelivery).
MAY_SEND = {"ideabank/lib/mail.py", "outbox/sending.py"}
SENDING = re.compile(
    r"^\s*(from|import) django\.core\.mail\b|^\s*from django\.core import mail\b"
    r"|\.send\(\)|\bbuild_email\(",
    re.MULTILINE,
)


def project_modules():
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.split("/")[0] in {".venv", "tests", "bench", "frontend", "digests"}:
            continue
        if "/migrations/" in relative:
            continue
        yield relative, path.read_text()


def test_no_code_sends_email_but_through_the_outbox():
    senders = {name for name, source in project_modules() if SENDING.search(source)}
    assert senders == MAY_SEND


def test_allauths_emails_go_through_the_outbox(client, alice, mailoutbox):
    post_and_send(client, reverse("account_reset_password"), {"email": alice.email})
    email = OutgoingEmail.objects.get(to=alice.email)
    assert (email.template, email.status) == ("password_reset_key", "sent")
    assert email.key.startswith("password_reset_key:")
    [message] = mailoutbox
    assert message.subject == email.subject == "Idea Bank: Reset your password"
    assert "/password/reset/key/" in message.body


def route(task_name):
    return app.amqp.router.route({}, task_name)["queue"].name


@pytest.mark.parametrize(
    "task_name",
    [
        "digests.tasks.start_digests",
        "digests.tasks.send_digest_batch",
        "digests.tasks.requeue_stale_digests",
    ],
)
def test_digest_tasks_wait_on_the_digest_queue(task_name):
    assert route(task_name) == "digests"


@pytest.mark.parametrize(
    "task_name",
    [
        "outbox.tasks.send_outgoing_email",
        "outbox.tasks.requeue_stale_emails",
        "ideas.tasks.notify_idea_decided",
        "ideas.tasks.notify_idea_submitted",
        "pilots.tasks.notify_overdue_pilots",
        "accounts.tasks.clear_expired_sessions",
        "ideabank.celery.heartbeat",
    ],
)
def test_everything_else_goes_on_the_notification_queue(task_name):
    assert route(task_name) == "notifications"


def project_tasks():
    app.loader.import_default_modules()
    return [task for name, task in app.tasks.items() if not name.startswith("celery.")]


def test_every_task_has_soft_and_hard_time_limits_and_redis_outlasts_the_longest():
    limits = {
        task.name: (
            task.soft_time_limit or app.conf.task_soft_time_limit,
            task.time_limit or app.conf.task_time_limit,
        )
        for task in project_tasks()
    }
    assert "outbox.tasks.send_outgoing_email" in limits
    for name, (soft, hard) in limits.items():
        assert soft and hard and soft < hard, name
    visibility_timeout = app.conf.broker_transport_options["visibility_timeout"]
    longest_wait = max(sending.backoff(99), 1815)  # outbox and digest backoff caps
    assert visibility_timeout > max(hard for _soft, hard in limits.values())
    assert visibility_timeout > longest_wait


def test_a_claim_outlasts_the_send_tasks_hard_limit(settings):
    """A claim older than the hard limit can only be a dead worker's: taking it over is safe."""
    from outbox.tasks import send_outgoing_email

    assert sending.claim_timeout().total_seconds() > send_outgoing_email.time_limit
