"""No page answers 500 on what `seed_scale` writes: a small seed, then a crawl of a sample."""

import io
import random
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from councils.models import Membership
from ideas.models import Idea
from outcomes.models import Outcome
from pilots.models import SIGNED_LIMITS, Pilot, PilotSignOff

from .conftest import make_pilot

SAMPLE = 15
LIST_PAGES = [
    reverse("explore:experiments"),
    reverse("explore:experiments") + "?sort=adopted&status=completed",
    reverse("explore:experiments") + "?q=reminders&sort=relevance&page=2",
    reverse("explore:ideas"),
    reverse("explore:ideas") + "?sort=updated&nation=England&page=3",
    reverse("pilots:list"),
    reverse("outcomes:list"),
    reverse("home"),
]


@pytest.fixture
def seeded(barnet, brent, leeds, west_london_alliance):
    call_command(
        "seed_scale",
        councils=3,
        users=30,
        ideas=400,
        pilots=120,
        force=True,
        allow_sqlite=True,
        no_analyze=True,
        stdout=io.StringIO(),
    )


def sample(queryset, rng):
    ids = list(queryset if queryset._fields else queryset.values_list("pk", flat=True))
    return rng.sample(ids, min(SAMPLE, len(ids)))


def seeded_staff_member():
    return (
        User.objects.filter(membership__role=Membership.Role.STAFF, email__endswith=".gov.uk")
        .order_by("pk")
        .first()
    )


def test_seeded_sign_offs_hold_what_pilot_sign_off_writes(seeded):
    signoffs = list(PilotSignOff.objects.all())
    assert signoffs
    for signoff in signoffs:
        assert set(signoff.limits) == set(SIGNED_LIMITS)
        assert Decimal(signoff.limits["budget_cap"]) >= 0


def detail_urls(ideas, pilots, outcomes, rng):
    return [
        *(reverse("ideas:detail", args=[pk]) for pk in sample(ideas, rng)),
        *(reverse("pilots:detail", args=[pk]) for pk in sample(pilots, rng)),
        *(
            reverse("outcomes:detail", args=[pilot_pk])
            for pilot_pk in sample(outcomes.values_list("pilot_id", flat=True), rng)
        ),
    ]


@pytest.mark.parametrize("person", ["visitor", "seeded staff member"])
def test_no_seeded_idea_pilot_outcome_or_list_page_answers_500(seeded, client_for, person):
    user = seeded_staff_member() if person != "visitor" else AnonymousUser()
    client = client_for(user if user.is_authenticated else None)
    rng = random.Random(15)  # noqa: S311 (a sample, not a secret)
    visible = [
        *LIST_PAGES,
        *detail_urls(
            Idea.objects.visible_to(user),
            Pilot.objects.visible_to(user),
            Outcome.objects.visible_to(user),
            rng,
        ),
    ]
    signed_off = Pilot.objects.visible_to(user).filter(sign_off_record__isnull=False)
    visible += [pilot.get_absolute_url() for pilot in signed_off.order_by("pk")[:SAMPLE]]
    assert {url: client.get(url).status_code for url in visible} == dict.fromkeys(visible, 200)
    # Anything else answers "not found", never an error.
    anything = detail_urls(Idea.objects.all(), Pilot.objects.all(), Outcome.objects.all(), rng)
    assert {url: code for url in anything if (code := client.get(url).status_code) >= 500} == {}


@pytest.mark.parametrize(
    "stored",
    [
        {"budget_cap": "as carded", "start_date": "2026-13-45", "end_date": 20260101},
        {"budget_cap": "1e999999", "max_exposure": None},
        {"budget_cap": "NaN", "stop_criteria": ["a", "list"]},
        ["not", "a", "dict"],
    ],
)
def test_a_signed_off_pilot_page_shows_any_stored_limits_as_written(
    client_for, alice, bob, stored
):
    pilot = make_pilot(alice.membership.council, alice, title="Odd limits")
    PilotSignOff.objects.create(pilot=pilot, signed_by=bob, limits=stored)
    response = client_for(alice).get(pilot.get_absolute_url())
    assert response.status_code == 200
    if isinstance(stored, dict):
        assert str(stored["budget_cap"]) in response.content.decode()
