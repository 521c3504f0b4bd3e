import pytest
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Endorsement, Idea

from .factories import CommentFactory, EndorsementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status


@pytest.fixture
def idea(make_idea):
    return make_idea(S.SUBMITTED, visibility=Visibility.PARTNERS)


@pytest.fixture
def carols_comment(idea, carol):
    return CommentFactory(idea=idea, author=carol, body="This is rude and unhelpful.")


def hide_url(comment):
    return reverse("ideas:hide_comment", args=[comment.idea_id, comment.pk])


def detail(client, idea):
    return client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()


def test_an_empty_comment_is_refused_with_the_error_summary(idea, carol, client_for):
    response = client_for(carol).post(reverse("ideas:comment", args=[idea.pk]), {"body": " "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter your comment" in page
    assert 'href="#id_body"' in page
    assert not idea.comments.exists()


@pytest.mark.parametrize("moderator", ["alice", "bob"])
def test_the_author_and_the_councils_managers_can_hide_a_comment(
    cast, idea, carols_comment, client_for, moderator
):
    client = client_for(cast[moderator])
    assert client.get(hide_url(carols_comment)).status_code == 200
    response = client.post(hide_url(carols_comment), {"reason": "Not constructive"})
    assert response.status_code == 302
    carols_comment.refresh_from_db()
    assert carols_comment.is_hidden
    assert carols_comment.hidden_by == cast[moderator]


@pytest.mark.parametrize("person", ["carol", "dan", "brent_manager"])
def test_other_people_cannot_hide_a_comment(request, idea, carols_comment, client_for, person):
    user = request.getfixturevalue(person)
    idea.visibility = Visibility.COUNCILS
    idea.save()
    response = client_for(user).post(hide_url(carols_comment), {"reason": "I dislike it"})
    assert response.status_code == 403
    carols_comment.refresh_from_db()
    assert not carols_comment.is_hidden


def test_hiding_needs_a_reason(idea, carols_comment, alice, client_for):
    response = client_for(alice).post(hide_url(carols_comment), {"reason": ""})
    assert "Enter why you are hiding this comment" in response.content.decode()
    carols_comment.refresh_from_db()
    assert not carols_comment.is_hidden


def test_a_hidden_comment_shows_hidden_by_a_moderator_to_others(
    idea, carols_comment, alice, bob, client_for
):
    carols_comment.hide(by=alice, reason="Please keep it kind")
    page = detail(client_for(bob), idea)
    assert "Hidden by a moderator" in page
    assert "This is rude and unhelpful." not in page
    assert "Please keep it kind" not in page


def test_the_writer_of_a_hidden_comment_sees_the_reason(
    idea, carols_comment, alice, carol, client_for
):
    carols_comment.hide(by=alice, reason="Please keep it kind")
    page = detail(client_for(carol), idea)
    assert "Hidden by a moderator" in page
    assert "Please keep it kind" in page


def test_a_comment_on_another_idea_cannot_be_hidden_through_this_one(
    idea, make_idea, carol, alice, client_for
):
    other = make_idea(S.SUBMITTED)
    comment = CommentFactory(idea=other, author=carol)
    url = reverse("ideas:hide_comment", args=[idea.pk, comment.pk])
    assert client_for(alice).post(url, {"reason": "x"}).status_code == 404


def test_endorsing_twice_keeps_one_endorsement(idea, carol, client_for):
    client = client_for(carol)
    for _ in range(2):
        client.post(reverse("ideas:endorse", args=[idea.pk]))
    assert Endorsement.objects.filter(idea=idea, user=carol).count() == 1


def test_un_endorsing_removes_the_endorsement(idea, carol, client_for):
    EndorsementFactory(idea=idea, user=carol, kind=Endorsement.Kind.WOULD_TRY)
    response = client_for(carol).post(reverse("ideas:unendorse", args=[idea.pk]))
    assert response.status_code == 302
    assert not Endorsement.objects.filter(idea=idea).exists()


def test_the_idea_page_counts_each_kind_of_endorsement(idea, bob, erin, carol, dan, client_for):
    idea.visibility = Visibility.COUNCILS
    idea.save()
    EndorsementFactory(idea=idea, user=bob, kind=Endorsement.Kind.SUPPORT)
    EndorsementFactory(idea=idea, user=erin, kind=Endorsement.Kind.SUPPORT)
    EndorsementFactory(idea=idea, user=carol, kind=Endorsement.Kind.WOULD_TRY)
    response = client_for(dan).get(reverse("ideas:detail", args=[idea.pk]))
    assert (response.context["support_count"], response.context["would_try_count"]) == (2, 1)
    page = response.content.decode()
    assert "2 people at Barnet support this" in page
    assert "1 person from another council would try this" in page
    assert "We would try this" in page


def test_colleagues_are_offered_i_support_this(idea, bob, client_for):
    response = client_for(bob).get(reverse("ideas:detail", args=[idea.pk]))
    assert response.context["endorse_label"] == "I support this"


def test_someone_who_endorsed_is_offered_to_take_it_back(idea, carol, client_for):
    EndorsementFactory(idea=idea, user=carol, kind=Endorsement.Kind.WOULD_TRY)
    page = detail(client_for(carol), idea)
    assert "Take back your support" in page
    assert reverse("ideas:endorse", args=[idea.pk]) + '"' not in page
