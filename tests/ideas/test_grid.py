"""Person × visibility × status: the lists, the idea page, commenting and endorsing agree
with DESIGN.md ("Visibility: one rule, used everywhere")."""

import pytest
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Comment, Endorsement, Idea

from .. import surfaces

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

PEOPLE = ["alice", "bob", "carol", "dan", "nina", "visitor"]

# Which visibility levels of a Barnet idea each person may see once it is submitted.
SEES = {
    "alice": {"council", "partners", "councils", "public"},
    "bob": {"council", "partners", "councils", "public"},
    "carol": {"partners", "councils", "public"},
    "dan": {"councils", "public"},
    "nina": {"public"},
    "visitor": {"public"},
}

ENDORSEMENT_KIND = {"bob": Endorsement.Kind.SUPPORT, "carol": Endorsement.Kind.WOULD_TRY}
ENDORSEMENT_KIND["dan"] = Endorsement.Kind.WOULD_TRY


def can_see(person, visibility, status):
    if status == Idea.Status.DRAFT:
        return person == "alice"
    if status == Idea.Status.WITHDRAWN:
        return person in {"alice", "bob"}  # its own council only, whatever was approved
    return visibility in SEES[person]


def may_comment(person, visibility, status):
    return (
        person != "visitor" and status != Idea.Status.DRAFT and can_see(person, visibility, status)
    )


def may_endorse(person, visibility, status):
    has_council = person in {"alice", "bob", "carol", "dan"}
    is_author = person == "alice"
    return (
        has_council
        and not is_author
        and status != Idea.Status.DRAFT
        and can_see(person, visibility, status)
    )


def expected_refusal(person, visibility, status):
    """What a person gets for an action they may not take."""
    if person == "visitor":
        return 302  # to the sign-in page
    if not can_see(person, visibility, status):
        return 404
    return 403


def ideas_on(response):
    return {idea.pk for idea in response.context["page_obj"]}


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("status", Idea.Status.values)
@pytest.mark.parametrize("visibility", Visibility.values)
def test_lists_detail_comments_and_endorsements_agree_with_the_design(
    cast, make_idea, client_for, person, status, visibility
):
    idea = make_idea(status, visibility=visibility)
    client = client_for(cast[person])
    sees = can_see(person, visibility, status)

    detail = client.get(reverse("ideas:detail", args=[idea.pk]))
    assert detail.status_code == (200 if sees else 404)

    assert (idea.pk in ideas_on(client.get(reverse("ideas:list")))) is sees

    mine = client.get(reverse("ideas:mine"))
    if person == "visitor":
        assert mine.status_code == 302
    else:
        assert (idea.pk in ideas_on(mine)) is (person == "alice")

    queue = client.get(reverse("ideas:review_queue"), {"status": status})
    if person == "bob":
        assert (idea.pk in ideas_on(queue)) is (status != Idea.Status.DRAFT)
    else:
        assert queue.status_code == (302 if person == "visitor" else 403)

    response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "Good idea"})
    if may_comment(person, visibility, status):
        assert response.status_code == 302
        assert Comment.objects.filter(idea=idea, author=cast[person]).count() == 1
    else:
        assert response.status_code == expected_refusal(person, visibility, status)
        assert not Comment.objects.filter(idea=idea).exists()

    response = client.post(reverse("ideas:endorse", args=[idea.pk]))
    if may_endorse(person, visibility, status):
        assert response.status_code == 302
        endorsement = Endorsement.objects.get(idea=idea)
        assert (endorsement.user, endorsement.kind) == (cast[person], ENDORSEMENT_KIND[person])
    else:
        assert response.status_code == expected_refusal(person, visibility, status)
        assert not Endorsement.objects.filter(idea=idea).exists()


@pytest.mark.parametrize("person", PEOPLE)
def test_the_detail_page_offers_only_the_actions_the_person_may_take(
    cast, make_idea, client_for, person
):
    idea = make_idea(Idea.Status.SUBMITTED, visibility=Visibility.PUBLIC)
    response = client_for(cast[person]).get(reverse("ideas:detail", args=[idea.pk]))
    page = response.content.decode()
    assert (reverse("ideas:edit", args=[idea.pk]) in page) is (person == "alice")
    assert (reverse("ideas:withdraw", args=[idea.pk]) in page) is (person == "alice")
    assert (reverse("ideas:review", args=[idea.pk]) in page) is (person == "bob")
    assert (reverse("ideas:endorse", args=[idea.pk]) in page) is (
        person in {"bob", "carol", "dan"}
    )
    assert (reverse("ideas:comment", args=[idea.pk]) in page) is (person != "visitor")


# Beyond the idea's own pages: search, facets and the digest say the same.

MEMBERS_OUTSIDE_BARNET = {"carol", "dan"}


def in_digest(person, visibility, status):
    """Another council's digest carries what its reader may see; Barnet's own ideas are
    not news to Barnet, whose manager hears only of those waiting for a decision."""
    if person in MEMBERS_OUTSIDE_BARNET:
        return can_see(person, visibility, status)
    return person == "bob" and status in Idea.AWAITING_REVIEW


@pytest.mark.parametrize("status", Idea.Status.values)
@pytest.mark.parametrize("visibility", Visibility.values)
def test_search_facets_and_digests_agree_with_the_idea_page(
    cast, make_idea, client_for, status, visibility
):
    title = f"Zqxgrid {status} {visibility}"
    make_idea(status, visibility=visibility, title=title)

    for person, user in cast.items():
        client = client_for(user)
        # Browse never lists drafts, not even to their author (My ideas does).
        found = can_see(person, visibility, status) and status != Idea.Status.DRAFT
        page = surfaces.browse(client, "ideas", "zqxgrid")
        assert (title in page) is found, person
        assert surfaces.facet_count(page, "barnet") == (1 if found else None), person
        assert surfaces.facet_count(page, status) == (1 if found else None), person
        assert (title in surfaces.digest(user)) is in_digest(person, visibility, status), person


# Sharing needs a manager: what the author asked for is not who sees it.

STATUSES_BEFORE_A_DECISION = [Idea.Status.SUBMITTED, Idea.Status.IN_REVIEW, Idea.Status.WITHDRAWN]


@pytest.mark.parametrize("status", STATUSES_BEFORE_A_DECISION)
@pytest.mark.parametrize(
    "requested", [Visibility.PARTNERS, Visibility.COUNCILS, Visibility.PUBLIC]
)
def test_a_requested_audience_is_invisible_beyond_the_council_until_a_manager_approves_it(
    cast, make_idea, client_for, status, requested
):
    title = f"Zqxasked {status} {requested}"
    idea = make_idea(status, visibility=Visibility.COUNCIL, requested_visibility=requested)
    Idea.objects.filter(pk=idea.pk).update(title=title)

    for person, user in cast.items():
        client = client_for(user)
        barnet = person in {"alice", "bob"}
        detail = client.get(reverse("ideas:detail", args=[idea.pk]))
        assert detail.status_code == (200 if barnet else 404), person
        assert (idea.pk in ideas_on(client.get(reverse("ideas:list")))) is barnet, person
        page = surfaces.browse(client, "ideas", "zqxasked")
        assert (title in page) is barnet, person
        assert surfaces.facet_count(page, "barnet") == (1 if barnet else None), person
        assert title not in surfaces.digest(user) or person == "bob", person


@pytest.mark.parametrize(
    "requested", [Visibility.PARTNERS, Visibility.COUNCILS, Visibility.PUBLIC]
)
def test_the_managers_approval_lets_the_requested_audience_see_it(
    cast, make_idea, client_for, bob, requested
):
    idea = make_idea(
        Idea.Status.IN_REVIEW, visibility=Visibility.COUNCIL, requested_visibility=requested
    )
    Idea.objects.filter(pk=idea.pk).update(title="Zqxasked approved")
    idea.accept(by=bob, feedback="Yes.", audience=requested)

    for person, user in cast.items():
        sees = can_see(person, requested, Idea.Status.ACCEPTED)
        page = surfaces.browse(client_for(user), "ideas", "zqxasked")
        assert ("Zqxasked approved" in page) is sees, person
        assert ("Zqxasked approved" in surfaces.digest(user)) is (
            sees and person in MEMBERS_OUTSIDE_BARNET
        ), person
