import datetime

import pytest

from outcomes.models import Outcome, months_after
from pilots.models import Pilot

# The cast and pilot makers are shared with the pilots tests.
from ..pilots.conftest import amir, clients, make_pilot, people  # noqa: F401
from ..pilots.factories import publish

PUBLISHED = datetime.date(2026, 1, 31)


@pytest.fixture
def outcome(make_pilot, alice):  # noqa: F811 (make_pilot: the fixture imported above)
    """Alice's "Bin texts" outcome, published on 31 January 2026, with its two check-ins."""
    pilot = make_pilot(Pilot.Status.RUNNING, title="Bin texts")
    outcome = publish(pilot, alice, recommend=Outcome.Recommendation.YES, yearly_saving=100)
    Outcome.objects.filter(pk=outcome.pk).update(
        published_at=datetime.datetime(2026, 1, 31, 12, tzinfo=datetime.UTC)
    )
    for check_in in outcome.check_ins.all():
        check_in.due_on = months_after(PUBLISHED, check_in.months)
        check_in.save(update_fields=["due_on"])
    return outcome


@pytest.fixture
def running(make_pilot):  # noqa: F811
    return make_pilot(Pilot.Status.RUNNING)
