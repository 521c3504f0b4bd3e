import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import clear_expired_sessions

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def test_the_nightly_task_deletes_expired_sessions_only(client_for, alice, bob):
    client_for(alice), client_for(bob)
    expired, current = Session.objects.order_by("session_key")
    Session.objects.filter(pk=expired.pk).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert clear_expired_sessions.delay().get(timeout=5) == "cleared"

    assert list(Session.objects.values_list("pk", flat=True)) == [current.pk]


def test_beat_runs_the_clear_up_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert entry["task"] == "accounts.tasks.clear_expired_sessions"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {30})
