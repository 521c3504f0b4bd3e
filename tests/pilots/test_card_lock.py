"""After sign-off no card field can be changed through any site route."""

import datetime

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from ideas.models import Theme
from pilots.models import CARD_FIELDS, Pilot

from ..conftest import member
from ..html import assert_well_formed_page
from .factories import AcceptedIdeaFactory
from .helpers import card_as_posted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

# The card in groups, with the changes someone might try to post for each.
FIELD_GROUPS = {
    "what_we_try": lambda ctx: {
        "title": "A new title",
        "summary": "A new summary",
        "hypothesis": "A new hypothesis",
    },
    "how_we_measure": lambda ctx: {
        "success_measure": "A new measure",
        "baseline": "A new baseline",
        "amplify_signals": "New signals",
    },
    "limits": lambda ctx: {
        "stop_criteria": "Never stop",
        "start_date": "2020-01-01",
        "end_date": "2099-12-31",
        "budget_cap": "99999999",
        "max_exposure": "Everyone in the country",
        "rollback_plan": "None",
    },
    "people_and_sharing": lambda ctx: {
        "lead": str(ctx["other_lead"].pk),
        "team": "Another team",
        "themes": [str(ctx["theme"].pk)],
    },
}


def card_of(pilot):
    pilot = Pilot.objects.get(pk=pilot.pk)
    card = model_to_dict(pilot, fields=[f for f in CARD_FIELDS if f != "themes"])
    card["themes"] = sorted(pilot.themes.values_list("pk", flat=True))
    return card


def post_routes(pilot, idea):
    write = reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk})
    return [
        reverse("pilots:edit", kwargs={"pk": pilot.pk}),
        reverse("pilots:sign_off", kwargs={"pk": pilot.pk}),
        reverse("pilots:add_update", kwargs={"pk": pilot.pk}),
        reverse("pilots:complete", kwargs={"pk": pilot.pk}),
        reverse("pilots:stop_early", kwargs={"pk": pilot.pk}),
        reverse("pilots:adopt", kwargs={"pk": pilot.pk}),
        reverse("pilots:create", kwargs={"idea_pk": idea.pk}),
        f"{write}?ending=completed",
        f"{write}?ending=stopped_early",
    ]


@pytest.fixture
def signed_off_pilot(make_pilot, bob, barnet):
    idea = AcceptedIdeaFactory(council=barnet, author=bob)
    pilot = make_pilot(idea=idea)
    pilot.sign_off(by=bob)
    return pilot


@pytest.fixture
def context(barnet):
    return {
        "other_lead": member("ola@barnet.gov.uk", "Ola Okafor", barnet),
        "theme": Theme.objects.create(name="Test theme", slug="test-theme"),
    }


@pytest.mark.parametrize("group", FIELD_GROUPS)
@pytest.mark.parametrize("person", ["alice", "bob", "erin", "carol"])
def test_no_route_changes_a_signed_off_card(signed_off_pilot, context, clients, group, person):
    pilot = signed_off_pilot
    before = card_of(pilot)
    changes = FIELD_GROUPS[group](context)
    data = card_as_posted(pilot, **changes)
    data.update({"body": "An update", "card": "x"})

    for url in post_routes(pilot, pilot.idea):
        clients[person].post(url, data)

    assert card_of(pilot) == before


def test_the_edit_page_of_a_signed_off_pilot_says_the_card_cannot_change(
    signed_off_pilot, clients
):
    response = clients["alice"].get(reverse("pilots:edit", kwargs={"pk": signed_off_pilot.pk}))

    assert response.status_code == 403
    assert "This card can no longer change" in response.content.decode()
    assert reverse("pilots:add_update", kwargs={"pk": signed_off_pilot.pk}) in (
        response.content.decode()
    )
    assert_well_formed_page(response)


@pytest.mark.parametrize("group", FIELD_GROUPS)
def test_the_lead_can_change_every_field_group_while_the_pilot_is_planned(
    make_pilot, context, clients, group
):
    pilot = make_pilot()
    changes = FIELD_GROUPS[group](context)

    response = clients["alice"].post(
        reverse("pilots:edit", kwargs={"pk": pilot.pk}), card_as_posted(pilot, **changes)
    )

    assert response.status_code == 302
    card = card_of(pilot)
    for field, value in changes.items():
        if field == "themes":
            assert card["themes"] == [context["theme"].pk]
        elif field == "lead":
            assert card["lead"] == context["other_lead"].pk
        elif field in {"start_date", "end_date"}:
            assert card[field] == datetime.date.fromisoformat(value)
        elif field == "budget_cap":
            assert str(card[field]) == "99999999.00"
        else:
            assert card[field] == value
