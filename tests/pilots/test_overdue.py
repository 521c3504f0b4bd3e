"""The daily overdue check: each overdue pilot's lead and managers are told once."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from pilots.models import Pilot
from pilots.tasks import notify_overdue_pilots

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def today():
    # Read at use, not import: a long suite may cross midnight.
    return timezone.localdate()


@pytest.fixture
def overdue(make_pilot):
    return make_pilot(
        Pilot.Status.RUNNING,
        start_date=today() - datetime.timedelta(days=60),
        end_date=today() - datetime.timedelta(days=1),
        title="Bin texts",
    )


def run_task(capture):
    with capture(execute=True):
        return notify_overdue_pilots.delay().get()


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_lead_and_managers_are_told_once_however_often_the_task_runs(
    overdue, erin, django_capture_on_commit_callbacks
):
    results = [run_task(django_capture_on_commit_callbacks) for _ in range(3)]

    assert recipients() == ["alice@barnet.gov.uk", "bob@barnet.gov.uk", "erin@barnet.gov.uk"]
    assert [r["claimed"] for r in results] == [1, 0, 0]
    assert "Bin texts" in mail.outbox[0].subject
    assert reverse("outcomes:write", kwargs={"pilot_pk": overdue.pk}) in mail.outbox[0].body
    assert Pilot.objects.get(pk=overdue.pk).overdue_notified_at is not None


def test_the_claim_and_its_emails_commit_together_and_nothing_is_sent_before(
    overdue, erin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_overdue_pilots.delay()

    assert mail.outbox == []
    overdue.refresh_from_db()
    assert overdue.overdue_notified_at is not None
    queued = OutgoingEmail.objects.filter(key=f"pilot_overdue:{overdue.pk}")
    assert sorted(queued.values_list("to", flat=True)) == [
        "alice@barnet.gov.uk",
        "bob@barnet.gov.uk",
        "erin@barnet.gov.uk",
    ]
    assert set(queued.values_list("status", flat=True)) == {OutgoingEmail.Status.PENDING}
    assert len(callbacks) == 3  # one send task per email, once the claim commits


def test_people_who_turned_overdue_emails_off_are_not_told(
    overdue, alice, django_capture_on_commit_callbacks
):
    alice.notify_pilot_overdue = False
    alice.save()

    run_task(django_capture_on_commit_callbacks)

    assert recipients() == ["bob@barnet.gov.uk"]


def test_a_lead_who_left_the_council_is_not_emailed(
    overdue, alice, brent, django_capture_on_commit_callbacks
):
    alice.membership.council = brent
    alice.membership.save()

    run_task(django_capture_on_commit_callbacks)

    assert recipients() == ["bob@barnet.gov.uk"]


@pytest.mark.parametrize(
    "status,days_after_end",
    [
        (Pilot.Status.RUNNING, 0),  # ends today: not overdue yet
        (Pilot.Status.RUNNING, -5),
        (Pilot.Status.PLANNED, 5),
        (Pilot.Status.COMPLETED, 5),
        (Pilot.Status.STOPPED_EARLY, 5),
    ],
)
def test_pilots_not_overdue_are_left_alone(
    make_pilot, bob, status, days_after_end, django_capture_on_commit_callbacks
):
    end = today() - datetime.timedelta(days=days_after_end)
    make_pilot(status, start_date=end - datetime.timedelta(days=30), end_date=end)

    run_task(django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_the_awaiting_outcome_list_shows_the_councils_overdue_pilots(
    overdue, make_pilot, client_for, carol
):
    make_pilot(Pilot.Status.RUNNING, title="Still running")

    html = client_for(overdue.lead).get(reverse("pilots:awaiting")).content.decode()
    other = client_for(carol).get(reverse("pilots:awaiting")).content.decode()

    assert "Bin texts" in html
    assert "Still running" not in html
    assert "Bin texts" not in other
