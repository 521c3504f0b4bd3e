"""Pilots resembling a piece of writing, best match first (pilots/resemblance.py)."""

import datetime

import pytest
from django.utils import timezone

from pilots import resemblance
from pilots.models import Pilot
from pilots.resemblance import councils_trying_alike, text_matches

from .factories import PilotFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

WORDS = ["chatbot", "parking", "permits"]  # in none of the factory's other fields


def pilot_added(days_ago, title, council, lead):
    pilot = PilotFactory(
        council=council, lead=lead, visibility="public", status="running", title=title, summary=""
    )
    added = timezone.now() - datetime.timedelta(days=days_ago)
    Pilot.objects.filter(pk=pilot.pk).update(created_at=added)
    return pilot


@pytest.fixture
def pilots(barnet, alice):
    return {
        "best, oldest": pilot_added(
            30, "Chatbot for parking permits, a parking chatbot", barnet, alice
        ),
        "fair, newer": pilot_added(20, "Parking permits online", barnet, alice),
        "weak, newest": pilot_added(10, "Resident parking", barnet, alice),
        "no match": pilot_added(5, "Library opening hours", barnet, alice),
    }


def test_the_best_match_comes_first(pilots, alice):
    found = text_matches(Pilot.objects.visible_to(alice), WORDS)

    assert found[0] == pilots["best, oldest"]
    assert pilots["no match"] not in found
    assert len(found) == 3


def test_among_the_newest_ranks_only_that_many_of_the_newest_matches(pilots, alice):
    found = text_matches(Pilot.objects.visible_to(alice), WORDS, among_newest=2)

    assert set(found) == {pilots["fair, newer"], pilots["weak, newest"]}
    assert found[0] == pilots["fair, newer"]


def test_councils_trying_alike_are_found_among_the_newest_matches(
    barnet, brent, leeds, alice, carol, dan, monkeypatch
):
    target = pilot_added(0, "Chatbot for parking permits", barnet, alice)
    pilot_added(30, "Parking permits by chatbot", leeds, dan)
    pilot_added(10, "Parking permits online", brent, carol)
    visible = Pilot.objects.visible_to(alice)

    assert councils_trying_alike(visible, target, lineage=[]) == {leeds.pk, brent.pk}
    monkeypatch.setattr(resemblance, "ALIKE_AMONG_NEWEST", 1)
    assert councils_trying_alike(visible, target, lineage=[]) == {brent.pk}
