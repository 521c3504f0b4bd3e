"""Digests include what a person follows, and never what they may no longer see."""

import datetime

import pytest
from django.utils import timezone

from digests.models import DigestPreference
from digests.services import period_bounds
from digests.tasks import start_digests
from ideas.models import Theme
from notifications.services import follow
from pilots.models import Pilot

from ..digests.factories import OutcomeFactory, started_pilot
from ..surfaces import digest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


@pytest.fixture
def last_week():
    """Inside the seven days `surfaces.digest` covers."""
    return timezone.now() - datetime.timedelta(days=2)


def test_alice_hears_of_her_own_councils_pilot_only_when_she_follows_it(alice, bob, last_week):
    pilot = started_pilot(bob, last_week, title="Bobs street lighting pilot")
    assert "Bobs street lighting pilot" not in digest(alice)

    follow(user=alice, target="pilot", obj=pilot)

    assert "Bobs street lighting pilot" in digest(alice)


def test_the_outcome_of_a_followed_pilot_is_in_the_digest(alice, bob, last_week):
    pilot = started_pilot(bob, last_week - datetime.timedelta(days=60))
    Pilot.objects.filter(pk=pilot.pk).update(status=Pilot.Status.COMPLETED)
    OutcomeFactory(pilot=pilot, published_at=last_week, learned="Lamps need a timer")
    assert "Lamps need a timer" not in digest(alice)

    follow(user=alice, target="pilot", obj=pilot)

    assert "Lamps need a timer" in digest(alice)


def test_a_followed_council_beats_carols_theme_filter(alice, carol, barnet, last_week):
    preference = DigestPreference.objects.create(user=carol)
    preference.themes.set([Theme.objects.create(name="Parks")])
    started_pilot(alice, last_week, title="Barnet pilot about bins")
    assert "Barnet pilot about bins" not in digest(carol)

    follow(user=carol, target="council", obj=barnet)

    assert "Barnet pilot about bins" in digest(carol)


def test_a_followed_partnership_counts_as_its_councils(
    alice, carol, west_london_alliance, last_week
):
    preference = DigestPreference.objects.create(user=carol)
    preference.themes.set([Theme.objects.create(name="Parks")])
    started_pilot(alice, last_week, title="Alliance pilot about bins")

    follow(user=carol, target="partnership", obj=west_london_alliance)

    assert "Alliance pilot about bins" in digest(carol)


def test_a_followed_pilot_that_became_hidden_leaves_the_digest(alice, carol, dan, last_week):
    pilot = started_pilot(alice, last_week, title="Canary pilot narrowed later")
    follow(user=carol, target="pilot", obj=pilot)
    follow(user=dan, target="pilot", obj=pilot)
    assert "Canary pilot narrowed later" in digest(carol)
    assert "Canary pilot narrowed later" not in digest(dan)

    Pilot.objects.filter(pk=pilot.pk).update(visibility="council")

    assert "Canary pilot narrowed later" not in digest(carol)


def test_a_person_whose_only_news_is_followed_is_sent_a_digest(
    alice, bob, django_capture_on_commit_callbacks, mailoutbox
):
    _key, start, _end = period_bounds("weekly", timezone.now())
    pilot = started_pilot(bob, start + datetime.timedelta(days=1), title="Lights")
    follow(user=alice, target="pilot", obj=pilot)

    with django_capture_on_commit_callbacks(execute=True):
        start_digests("weekly")

    assert [m.to for m in mailoutbox if "Lights" in m.body] == [[alice.email]]
