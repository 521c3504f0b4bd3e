"""Following a council or a partnership: its published outcomes reach the notifications page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Delivery, NotificationKind, set_delivery
from councils.models import Visibility
from notifications.events import outcome_published
from notifications.services import follow
from pilots.models import Pilot

from ..conftest import member
from ..pilots.factories import PilotFactory, publish
from .conftest import notified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

K = NotificationKind
FROM_A_COUNCIL = "A council you follow published a pilot’s outcome: It worked"


def barnet_pilot(alice, bob, visibility):
    return PilotFactory(
        council=alice.membership.council,
        lead=alice,
        created_by=bob,
        status=Pilot.Status.RUNNING,
        visibility=visibility,
    )


@pytest.mark.parametrize("target", ["council", "partnership"])
def test_carol_hears_of_an_outcome_from_a_council_she_follows(
    alice, bob, carol, barnet, west_london_alliance, run_on_commit, target
):
    follow(user=carol, target=target, obj=barnet if target == "council" else west_london_alliance)
    pilot = barnet_pilot(alice, bob, Visibility.PARTNERS)
    with run_on_commit():
        outcome = publish(pilot, alice)

    assert notified(carol, K.OUTCOME) == [FROM_A_COUNCIL]
    assert carol.notifications.get().url == outcome.get_absolute_url()


def test_carol_hears_nothing_of_barnets_council_only_outcome(
    alice, bob, carol, barnet, west_london_alliance, run_on_commit
):
    follow(user=carol, target="council", obj=barnet)
    follow(user=carol, target="partnership", obj=west_london_alliance)
    with run_on_commit():
        publish(barnet_pilot(alice, bob, Visibility.COUNCIL), alice)

    assert notified(carol) == []


def test_dan_outside_the_partnership_hears_nothing_of_a_partners_only_outcome(
    alice, bob, dan, barnet, run_on_commit
):
    follow(user=dan, target="council", obj=barnet)
    with run_on_commit():
        publish(barnet_pilot(alice, bob, Visibility.PARTNERS), alice)

    assert notified(dan) == []


def test_dan_hears_of_an_outcome_shared_with_every_council(alice, bob, dan, barnet, run_on_commit):
    follow(user=dan, target="council", obj=barnet)
    with run_on_commit():
        publish(barnet_pilot(alice, bob, Visibility.COUNCILS), alice)

    assert notified(dan, K.OUTCOME) == [FROM_A_COUNCIL]


def test_following_the_pilot_its_council_and_partnership_is_still_one_notification(
    alice, bob, carol, barnet, west_london_alliance, run_on_commit
):
    pilot = barnet_pilot(alice, bob, Visibility.PARTNERS)
    follow(user=carol, target="pilot", obj=pilot)
    follow(user=carol, target="council", obj=barnet)
    follow(user=carol, target="partnership", obj=west_london_alliance)
    with run_on_commit():
        publish(pilot, alice)

    assert notified(carol, K.OUTCOME) == ["A pilot you follow published its outcome: It worked"]


def test_the_writer_of_the_outcome_is_not_told_of_it(alice, bob, barnet, run_on_commit):
    follow(user=alice, target="council", obj=barnet)
    with run_on_commit():
        publish(barnet_pilot(alice, bob, Visibility.PARTNERS), alice)

    assert notified(alice, K.OUTCOME) == []


def test_council_followers_turned_off_hear_nothing(alice, bob, carol, barnet, run_on_commit):
    set_delivery(carol, K.OUTCOME, Delivery.OFF)
    carol.save()
    follow(user=carol, target="council", obj=barnet)
    with run_on_commit():
        publish(barnet_pilot(alice, bob, Visibility.PARTNERS), alice)

    assert notified(carol) == []


def visibility_checks(queries):
    """The queries that ask whether the pilot is visible to someone (`.exists()`)."""
    return [query for query in queries if 'SELECT 1 AS "a" FROM "pilots_pilot"' in query["sql"]]


def test_many_followers_at_one_council_cost_one_visibility_query(
    alice, bob, brent, leeds, barnet, run_on_commit
):
    pilot = barnet_pilot(alice, bob, Visibility.PARTNERS)
    with run_on_commit():
        outcome = publish(pilot, alice)
    for number in range(6):
        council = brent if number % 2 else leeds
        person = member(f"person{number}@example.gov.uk", f"Person {number}", council)
        follow(user=person, target="council", obj=barnet)

    with CaptureQueriesContext(connection) as queries:
        told = outcome_published(outcome)

    # Brent's three may see it; Leeds's three may not. One look at the pilot per council.
    assert len(told) == 3
    assert len(visibility_checks(queries.captured_queries)) == 2


@pytest.mark.parametrize(
    ("target", "promise"),
    [
        ("council", "You will get a notification when this council publishes what a pilot"),
        ("partnership", "when a council in this partnership publishes what a pilot found"),
    ],
)
def test_the_follow_button_promises_what_following_brings(
    client_for, carol, barnet, west_london_alliance, target, promise
):
    obj = barnet if target == "council" else west_london_alliance
    follow(user=carol, target=target, obj=obj)
    page = reverse(f"explore:{target}", args=[obj.slug])

    html = client_for(carol).get(page).content.decode()
    assert promise in " ".join(html.split())
    assert "Your digest will include" in html
