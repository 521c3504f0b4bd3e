"""Sharing needs a manager (DESIGN.md "Visibility"): an author asks for an audience; only
the idea's council sees it until a manager of that council approves one; managers narrow,
widen or redact with a reason in the timeline; the review button shows only when a
decision or a move is possible; home pages never promote withdrawn or declined ideas."""

import re

import pytest
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea, IdeaEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status
SECRET = "Mrs Zqx at 12 Canary Row"
ASKING_FOR_PUBLIC = {
    "title": "Ask residents before moving bin day",
    "problem": f"Residents such as {SECRET} missed the change.",
    "proposal": "Send a letter two weeks before.",
    "cost_band": Idea.CostBand.UNDER_10K,
    "requested_visibility": Visibility.PUBLIC,
    "name_display": Idea.NameDisplay.EVERYONE,
    "action": "submit",
}
OUTSIDE = ["carol", "dan", "nina", "visitor"]


def finds_it(client, idea):
    """Whether any of the idea page, the idea lists, search or the facet counts shows it."""
    detail = client.get(reverse("ideas:detail", args=[idea.pk]))
    pages = [
        client.get(reverse("ideas:list")),
        client.get(reverse("explore:ideas")),
        client.get(reverse("explore:ideas"), {"q": "residents letter"}),
    ]
    return detail.status_code == 200 or any(SECRET in p.content.decode() for p in pages)


@pytest.fixture
def asked_for_public(alice, client_for):
    response = client_for(alice).post(reverse("ideas:create"), ASKING_FOR_PUBLIC)
    assert response.status_code == 302
    return Idea.objects.get(title=ASKING_FOR_PUBLIC["title"])


def test_an_idea_asking_for_the_public_is_seen_only_by_its_council_until_a_manager_approves(
    asked_for_public, cast, client_for
):
    idea = asked_for_public
    assert (idea.status, idea.requested_visibility, idea.visibility) == (
        S.SUBMITTED,
        Visibility.PUBLIC,
        Visibility.COUNCIL,
    )
    for person in OUTSIDE:
        assert not finds_it(client_for(cast[person]), idea), person
    assert finds_it(client_for(cast["bob"]), idea)


def test_a_manager_approves_a_narrower_audience_with_the_decision(
    asked_for_public, bob, cast, client_for
):
    review = client_for(bob).get(reverse("ideas:review", args=[asked_for_public.pk]))
    page = review.content.decode()
    assert "The author asked to share it with" in page
    assert "Everyone, including the public" in page
    # The request is chosen, to approve or narrow.
    assert re.search(r'<input[^>]*name="audience"[^>]*value="public"[^>]*checked', page)

    response = client_for(bob).post(
        reverse("ideas:review", args=[asked_for_public.pk]),
        {"decision": "accept", "feedback": "Let us try it.", "audience": Visibility.PARTNERS},
    )

    assert response.status_code == 302
    asked_for_public.refresh_from_db()
    assert asked_for_public.visibility == Visibility.PARTNERS
    assert finds_it(client_for(cast["carol"]), asked_for_public)
    for person in ["dan", "nina", "visitor"]:
        assert not finds_it(client_for(cast[person]), asked_for_public), person


def test_the_idea_page_says_whether_a_manager_has_decided_who_sees_it(
    asked_for_public, alice, bob, client_for
):
    url = reverse("ideas:detail", args=[asked_for_public.pk])
    waiting = "Asked for: Everyone, including the public. A manager has not approved this yet."
    chosen = "A manager chose the audience above when they decided on it."
    assert waiting in client_for(alice).get(url).content.decode()
    assert "Approve who can see it" in client_for(bob).get(url).content.decode()

    client_for(bob).post(
        reverse("ideas:review", args=[asked_for_public.pk]),
        {"decision": "accept", "feedback": "Let us try it.", "audience": Visibility.PARTNERS},
    )
    page = client_for(alice).get(url).content.decode()
    assert chosen in page and "has not approved" not in page
    page = client_for(bob).get(url).content.decode()
    assert "Change who can see it" in page and "Approve who can see it" not in page


def test_a_manager_narrows_and_redacts_an_idea_with_a_reason_in_its_timeline(
    make_idea, bob, cast, client_for
):
    idea = make_idea(S.ACCEPTED, visibility=Visibility.PUBLIC, problem=f"It affects {SECRET}.")
    assert finds_it(client_for(None), idea)
    url = reverse("ideas:audience", args=[idea.pk])

    form = client_for(bob).get(url)
    assert form.status_code == 200
    response = client_for(bob).post(
        url,
        {
            "audience": Visibility.PARTNERS,
            "reason": "It named a resident.",
            **{field: getattr(idea, field) for field in Idea.TEXT_FIELDS},
            "problem": "It affects a resident.",
        },
    )

    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.visibility, idea.problem, idea.status) == (
        Visibility.PARTNERS,
        "It affects a resident.",
        S.ACCEPTED,
    )
    event = IdeaEvent.objects.filter(idea=idea).last()
    assert (event.audience, event.redacted, event.note, event.actor) == (
        Visibility.PARTNERS,
        True,
        "It named a resident.",
        bob,
    )
    for person in ["dan", "nina", "visitor"]:
        assert not finds_it(client_for(cast[person]), idea), person
    page = client_for(cast["carol"]).get(reverse("ideas:detail", args=[idea.pk])).content
    assert "It named a resident." in page.decode()
    assert SECRET not in page.decode()


def test_a_change_of_audience_needs_a_reason_and_loses_nothing(make_idea, bob, client_for):
    idea = make_idea(S.SUBMITTED, visibility=Visibility.COUNCIL)
    response = client_for(bob).post(
        reverse("ideas:audience", args=[idea.pk]),
        {"audience": Visibility.PUBLIC, **{f: getattr(idea, f) for f in Idea.TEXT_FIELDS}},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "Enter why you are changing this" in response.content.decode()
    idea.refresh_from_db()
    assert idea.visibility == Visibility.COUNCIL


@pytest.mark.parametrize(
    ("person", "code"), [("alice", 403), ("carol", 403), ("dan", 404), ("visitor", 302)]
)
def test_only_a_manager_of_the_ideas_council_changes_who_sees_it(
    make_idea, cast, client_for, person, code
):
    idea = make_idea(S.SUBMITTED, visibility=Visibility.PARTNERS)
    response = client_for(cast[person]).post(
        reverse("ideas:audience", args=[idea.pk]),
        {"audience": Visibility.PUBLIC, "reason": "Wider", "title": "Changed"},
    )
    assert response.status_code == code
    idea.refresh_from_db()
    assert (idea.visibility, idea.title) != (Visibility.PUBLIC, "Changed")


def test_a_declined_idea_stays_with_its_council_unless_the_manager_shares_the_lesson(
    make_idea, bob, cast, client_for
):
    kept = make_idea(S.IN_REVIEW, visibility=Visibility.PUBLIC)
    kept.decline(by=bob, feedback="Not now.")
    shared = make_idea(S.IN_REVIEW, visibility=Visibility.COUNCIL)
    shared.decline(by=bob, feedback="Not now.", audience=Visibility.PARTNERS)

    carol = client_for(cast["carol"])
    assert carol.get(reverse("ideas:detail", args=[kept.pk])).status_code == 404
    assert carol.get(reverse("ideas:detail", args=[shared.pk])).status_code == 200


@pytest.mark.parametrize("status", [s for s in S.values if s != S.DRAFT])
def test_the_review_button_shows_only_when_a_decision_or_a_move_is_possible(
    make_idea, bob, client_for, status
):
    idea = make_idea(status, visibility=Visibility.PARTNERS)
    page = client_for(bob).get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    possible = status in {S.SUBMITTED, S.IN_REVIEW, S.PARKED}
    assert ("Review this idea" in page) is possible


def test_home_pages_never_promote_withdrawn_or_declined_ideas(carol, alice, bob, client_for):
    from .factories import idea_in_status

    for status in [S.SUBMITTED, S.WITHDRAWN, S.DECLINED]:
        idea_in_status(
            status, author=alice, reviewer=bob, title=f"Barnet {status} idea",
            visibility=Visibility.PARTNERS,
        )  # fmt: skip
    html = client_for(carol).get(reverse("home")).content.decode()
    assert "Barnet submitted idea" in html
    assert "Barnet withdrawn idea" not in html
    assert "Barnet declined idea" not in html
