import datetime

import pytest
from django.utils import timezone

from digests.services import period_bounds
from digests.tasks import start_digests


@pytest.fixture
def last_week():
    """A moment inside the week the next weekly digest covers."""
    _key, start, _end = period_bounds("weekly", timezone.now())
    return start + datetime.timedelta(days=2)


@pytest.fixture
def run_weekly(django_capture_on_commit_callbacks):
    """Start the weekly run as beat would, running the batches it queues after commit."""

    def run():
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            summary = start_digests("weekly")
        return summary, callbacks

    return run
