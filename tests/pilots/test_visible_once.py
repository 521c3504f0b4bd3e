"""`Pilot.objects.visible_to(user)` resolves the rule once per audience and process, and
hands out copies."""

import pytest

from councils.visibility import RESOLVED_RULES, ResolvedRules
from outcomes.models import Outcome, OutcomeQuerySet
from pilots.models import Pilot, PilotQuerySet, pilot_filter

from ..factories import PartnershipFactory
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


def test_members_of_one_council_share_the_resolved_rule_and_other_councils_do_not(
    barnet, alice, bob, carol, dan, resolutions
):
    for person in (alice, bob, carol, dan):
        Pilot.objects.visible_to(person)

    # Barnet's two members, Brent's (a partner, so another audience), Leeds's.
    assert resolutions[PilotQuerySet] == 3


def test_a_new_partnership_is_a_new_audience_that_sees_what_it_now_shares(
    barnet, brent, leeds, alice, dan, resolutions
):
    shared = PilotFactory(council=barnet, visibility="partners", status=Pilot.Status.RUNNING)
    assert not Pilot.objects.visible_to(dan).filter(pk=shared.pk).exists()

    PartnershipFactory(councils=[barnet, leeds])
    dan = type(dan).objects.get(pk=dan.pk)  # as the next request loads him

    assert Pilot.objects.visible_to(dan).filter(pk=shared.pk).exists()
    assert resolutions[PilotQuerySet] == 2


def test_the_process_keeps_only_the_most_recently_used_rules():
    rules = ResolvedRules()
    rules.SIZE = 2
    for key in ("a", "b", "a", "c"):
        rules.get(key, lambda key=key: key.upper())

    assert list(rules._kept.items()) == [("a", "A"), ("c", "C")]
    assert RESOLVED_RULES.SIZE >= 2
