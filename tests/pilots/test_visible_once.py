"""`Pilot.objects.visible_to(user)` resolves the rule once per person and hands out copies."""

import pytest

from outcomes.models import Outcome, OutcomeQuerySet
from pilots.models import Pilot, PilotQuerySet, pilot_filter

from .factories import OutcomeFactory, PilotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolutions(monkeypatch):
    """How often each queryset class resolved its rule."""
    counted = {PilotQuerySet: 0, OutcomeQuerySet: 0}
    for queryset_class in counted:
        resolve = queryset_class.visible_to

        def counting(self, user, resolve=resolve, queryset_class=queryset_class):
            counted[queryset_class] += 1
            return resolve(self, user)

        monkeypatch.setattr(queryset_class, "visible_to", counting)
    return counted


def test_the_rule_is_resolved_once_per_person_and_copied_after(barnet, alice, resolutions):
    first = Pilot.objects.visible_to(alice)
    second = Pilot.objects.visible_to(alice)
    Outcome.objects.visible_to(alice)
    Outcome.objects.visible_to(alice)

    assert resolutions == {PilotQuerySet: 1, OutcomeQuerySet: 1}
    assert first is not second
    assert first.query is not second.query


def test_a_copy_sees_exactly_what_the_rule_resolved_afresh_sees(barnet, brent, alice, carol):
    PilotFactory(council=barnet, visibility="council", status=Pilot.Status.RUNNING)
    shared = PilotFactory(council=barnet, visibility="councils", status=Pilot.Status.RUNNING)
    OutcomeFactory(pilot=PilotFactory(council=barnet, status=Pilot.Status.COMPLETED))
    PilotFactory(council=barnet, status=Pilot.Status.PLANNED)

    for person in (alice, carol):
        Pilot.objects.visible_to(person).count()  # resolved and kept
        fresh = set(Pilot.objects.filter(pilot_filter(person)).values_list("pk", flat=True))
        assert set(Pilot.objects.visible_to(person).values_list("pk", flat=True)) == fresh
    assert shared.pk in set(Pilot.objects.visible_to(carol).values_list("pk", flat=True))


def test_changing_or_reading_a_copy_leaves_the_next_copy_whole(barnet, alice):
    pilots = [PilotFactory(council=barnet, status=Pilot.Status.RUNNING) for _ in range(2)]
    narrowed = Pilot.objects.visible_to(alice).filter(pk=pilots[0].pk)
    assert list(narrowed) == [pilots[0]]

    assert set(Pilot.objects.visible_to(alice)) == set(pilots)


def test_a_related_manager_keeps_its_own_filter(barnet, alice):
    source = PilotFactory(council=barnet, status=Pilot.Status.RUNNING)
    adoption = PilotFactory(council=barnet, status=Pilot.Status.RUNNING, adapted_from=source)
    PilotFactory(council=barnet, status=Pilot.Status.RUNNING)
    Pilot.objects.visible_to(alice).count()

    assert list(source.adoptions.visible_to(alice)) == [adoption]
    assert list(barnet.pilots.visible_to(alice).filter(pk=adoption.pk)) == [adoption]
