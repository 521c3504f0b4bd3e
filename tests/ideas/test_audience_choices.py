"""Which audiences the forms offer: an author is offered "partner councils" only when
their council has partners, and a decline shares its lesson with the idea's own council
unless the manager chooses wider."""

import re

import pytest
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea

from ..html import assert_well_formed_page
from .factories import FULL_IDEA

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status
PARTNERS_RADIO = re.compile(r'<input[^>]*name="requested_visibility"[^>]*value="partners"')
NO_PARTNERS_ERROR = "Leeds has no partner councils. Select who you would like to see this idea"


def audience_radio(name, value):
    return re.compile(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*checked')


# The author's form


@pytest.mark.parametrize(("person", "offered"), [("alice", True), ("dan", False)])
def test_partner_councils_are_offered_only_to_authors_whose_council_has_partners(
    cast, client_for, person, offered
):
    page = client_for(cast[person]).get(reverse("ideas:create")).content.decode()

    assert bool(PARTNERS_RADIO.search(page)) is offered
    assert ("My council and our partner councils" in page) is offered
    assert re.search(r'<input[^>]*name="requested_visibility"[^>]*value="council"', page)


@pytest.mark.parametrize("action", ["submit", "draft"])
def test_choosing_partner_councils_without_partners_is_an_error_and_saves_nothing(
    dan, client_for, action
):
    response = client_for(dan).post(
        reverse("ideas:create"),
        {**FULL_IDEA, "requested_visibility": Visibility.PARTNERS, "action": action},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert 'href="#id_requested_visibility' in page
    assert NO_PARTNERS_ERROR in page
    assert_well_formed_page(response)
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    ("person", "requested"),
    [("dan", Visibility.COUNCILS), ("dan", Visibility.COUNCIL), ("alice", Visibility.PARTNERS)],
)
def test_an_author_may_ask_for_any_audience_offered_to_them(cast, client_for, person, requested):
    response = client_for(cast[person]).post(
        reverse("ideas:create"),
        {**FULL_IDEA, "requested_visibility": requested, "action": "submit"},
    )

    assert response.status_code == 302
    assert Idea.objects.get().requested_visibility == requested


def test_editing_follows_the_ideas_council_too(dan, make_idea, client_for):
    idea = make_idea(S.SUBMITTED, author=dan, visibility=Visibility.COUNCIL)
    url = reverse("ideas:edit", args=[idea.pk])

    page = client_for(dan).get(url).content.decode()
    response = client_for(dan).post(
        url, {**FULL_IDEA, "requested_visibility": Visibility.PARTNERS, "action": "save"}
    )

    assert not PARTNERS_RADIO.search(page)
    assert NO_PARTNERS_ERROR in response.content.decode()
    idea.refresh_from_db()
    assert idea.requested_visibility == Visibility.COUNCIL


# The manager's decision


@pytest.fixture
def asked_for_public(make_idea):
    idea = make_idea(S.IN_REVIEW, visibility=Visibility.COUNCIL)
    Idea.objects.filter(pk=idea.pk).update(requested_visibility=Visibility.PUBLIC)
    idea.refresh_from_db()
    return idea


def test_the_review_page_preselects_the_request_for_an_accept_and_own_council_for_a_decline(
    asked_for_public, bob, client_for
):
    response = client_for(bob).get(reverse("ideas:review", args=[asked_for_public.pk]))
    page = response.content.decode()

    assert audience_radio("audience", "public").search(page)
    assert audience_radio("lesson_audience", "council").search(page)
    assert not audience_radio("lesson_audience", "public").search(page)
    assert_well_formed_page(response)


def decide(client, idea, decision, **audiences):
    return client.post(
        reverse("ideas:review", args=[idea.pk]),
        {"decision": decision, "feedback": "Thank you for this.", **audiences},
    )


@pytest.mark.parametrize(
    "audiences",
    [
        # What the page sends by default: both pre-selections.
        {"audience": Visibility.PUBLIC, "lesson_audience": Visibility.COUNCIL},
        # Neither field sent at all.
        {},
        # Only the accept's audience sent: it does not apply to a decline.
        {"audience": Visibility.PUBLIC},
    ],
    ids=["as-preselected", "both-omitted", "only-the-accept-audience"],
)
def test_a_decline_stays_with_its_own_council_unless_the_manager_shares_the_lesson(
    asked_for_public, bob, cast, client_for, audiences
):
    response = decide(client_for(bob), asked_for_public, "decline", **audiences)

    assert response.status_code == 302
    asked_for_public.refresh_from_db()
    assert (asked_for_public.status, asked_for_public.visibility) == (
        S.DECLINED,
        Visibility.COUNCIL,
    )
    detail = reverse("ideas:detail", args=[asked_for_public.pk])
    assert client_for(cast["carol"]).get(detail).status_code == 404
    assert client_for(cast["alice"]).get(detail).status_code == 200


def test_a_manager_may_share_a_declined_ideas_lesson_wider_explicitly(
    asked_for_public, bob, cast, client_for
):
    decide(
        client_for(bob),
        asked_for_public,
        "decline",
        audience=Visibility.COUNCIL,
        lesson_audience=Visibility.PARTNERS,
    )

    asked_for_public.refresh_from_db()
    assert asked_for_public.visibility == Visibility.PARTNERS
    detail = reverse("ideas:detail", args=[asked_for_public.pk])
    assert client_for(cast["carol"]).get(detail).status_code == 200
    assert client_for(cast["dan"]).get(detail).status_code == 404


@pytest.mark.parametrize(
    ("audiences", "approved"),
    [
        ({"audience": Visibility.PUBLIC, "lesson_audience": Visibility.COUNCIL}, "public"),
        ({"audience": Visibility.PARTNERS, "lesson_audience": Visibility.PUBLIC}, "partners"),
        ({}, "council"),  # omitted: the approved audience stays as it was
    ],
)
def test_an_accept_takes_its_own_audience_and_ignores_the_lesson_choice(
    asked_for_public, bob, client_for, audiences, approved
):
    decide(client_for(bob), asked_for_public, "accept", **audiences)

    asked_for_public.refresh_from_db()
    assert (asked_for_public.status, asked_for_public.visibility) == (S.ACCEPTED, approved)


def test_an_unknown_lesson_audience_is_an_error(asked_for_public, bob, client_for):
    response = decide(client_for(bob), asked_for_public, "decline", lesson_audience="galaxy")

    assert "Select who may learn from it" in response.content.decode()
    asked_for_public.refresh_from_db()
    assert asked_for_public.status == S.IN_REVIEW


# A council with no partners: neither the decision nor the "who can see it" page offers them


@pytest.fixture
def leeds_idea(dan, leeds, make_idea):
    from councils.models import Membership

    from ..conftest import member

    manager = member("lee@leeds.gov.uk", "Lee Lomax", leeds, Membership.Role.MANAGER)
    idea = make_idea(S.IN_REVIEW, author=dan, reviewer=manager, visibility=Visibility.COUNCIL)
    return idea, manager


def partner_radios(page):
    return re.findall(r'<input[^>]*name="\w+"[^>]*value="partners"', page)


@pytest.mark.parametrize("page_name", ["ideas:review", "ideas:audience"])
def test_a_council_without_partners_is_not_offered_partner_councils(
    leeds_idea, client_for, page_name
):
    idea, manager = leeds_idea
    response = client_for(manager).get(reverse(page_name, args=[idea.pk]))

    assert response.status_code == 200
    assert partner_radios(response.content.decode()) == []


@pytest.mark.parametrize(
    ("page_name", "data"),
    [
        ("ideas:review", {"decision": "accept", "audience": Visibility.PARTNERS}),
        ("ideas:review", {"decision": "decline", "lesson_audience": Visibility.PARTNERS}),
        ("ideas:audience", {"audience": Visibility.PARTNERS, "reason": "Share it"}),
    ],
    ids=["accept", "decline", "who-can-see"],
)
def test_choosing_partner_councils_without_partners_is_an_error_and_changes_nothing(
    leeds_idea, client_for, page_name, data
):
    idea, manager = leeds_idea
    response = client_for(manager).post(
        reverse(page_name, args=[idea.pk]), {"feedback": "Thank you.", **FULL_IDEA, **data}
    )

    assert response.status_code == 200
    assert "Leeds has no partner councils. Select who can see it" in response.content.decode()
    assert_well_formed_page(response)
    idea.refresh_from_db()
    assert (idea.status, idea.visibility) == (S.IN_REVIEW, Visibility.COUNCIL)
