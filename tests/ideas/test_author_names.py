"""An author who shows their name to their own council only is "a member of staff at
Barnet" everywhere else (DESIGN.md "Visibility")."""

import pytest
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea

from .factories import IdeaFactory, take_to_status, talked_about

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status


@pytest.fixture
def private_name_idea(alice, bob, carol):
    idea = IdeaFactory(
        author=alice, title="Shared bins for flats", name_display=Idea.NameDisplay.COUNCIL
    )
    take_to_status(idea, S.PARKED, reviewer=bob, feedback="Good, but not this year.")
    talked_about(idea, by=carol)
    return idea


def pages_for(client, idea):
    return {
        "detail": client.get(reverse("ideas:detail", args=[idea.pk])),
        "list": client.get(reverse("ideas:list")),
    }


def test_carol_never_sees_the_name_of_an_author_who_chose_her_council_only(
    private_name_idea, carol, client_for
):
    for name, response in pages_for(client_for(carol), private_name_idea).items():
        page = response.content.decode()
        assert response.status_code == 200, name
        assert "Shared bins for flats" in page, name
        assert "Alice" not in page, name
        assert "Adeyemi" not in page, name
        assert "a member of staff at Barnet" in page, name


def test_carol_does_not_see_the_barnet_managers_name_either(private_name_idea, carol, client_for):
    page = client_for(carol).get(reverse("ideas:detail", args=[private_name_idea.pk]))
    assert "Bob Birch" not in page.content.decode()
    assert "a manager at Barnet" in page.content.decode()


def test_dan_never_sees_the_name_on_an_idea_shared_with_all_councils(
    private_name_idea, dan, client_for
):
    Idea.objects.filter(pk=private_name_idea.pk).update(visibility=Visibility.COUNCILS)
    for response in pages_for(client_for(dan), private_name_idea).values():
        assert "Alice" not in response.content.decode()


def test_a_visitor_never_sees_the_name_on_a_public_idea(private_name_idea, client_for):
    Idea.objects.filter(pk=private_name_idea.pk).update(visibility=Visibility.PUBLIC)
    for response in pages_for(client_for(None), private_name_idea).values():
        assert "Alice" not in response.content.decode()


def test_bob_at_the_same_council_sees_alices_name(private_name_idea, bob, client_for):
    for response in pages_for(client_for(bob), private_name_idea).values():
        assert "Alice Adeyemi" in response.content.decode()


def test_carol_sees_the_name_of_an_author_who_shows_it_to_everyone(
    private_name_idea, carol, client_for
):
    Idea.objects.filter(pk=private_name_idea.pk).update(name_display=Idea.NameDisplay.EVERYONE)
    for response in pages_for(client_for(carol), private_name_idea).values():
        assert "Alice Adeyemi" in response.content.decode()


def test_declined_feedback_is_for_the_author_and_the_councils_managers_only(
    alice, bob, erin, carol, client_for
):
    idea = IdeaFactory(author=alice, visibility=Visibility.PARTNERS)
    idea.submit(by=alice)
    idea.decline(by=bob, feedback="secret-decline-feedback", audience=Visibility.PARTNERS)
    url = reverse("ideas:detail", args=[idea.pk])
    for person in (alice, bob, erin):
        assert "secret-decline-feedback" in client_for(person).get(url).content.decode()
    page = client_for(carol).get(url).content.decode()
    assert "Declined" in page
    assert "secret-decline-feedback" not in page
    assert "The feedback is shared only with the author and the managers at Barnet." in page


def test_other_feedback_is_shown_to_everyone_who_can_see_the_idea(alice, bob, carol, client_for):
    idea = IdeaFactory(author=alice, visibility=Visibility.PARTNERS)
    idea.submit(by=alice)
    idea.accept(by=bob, feedback="public-accept-feedback")
    page = client_for(carol).get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert "public-accept-feedback" in page
