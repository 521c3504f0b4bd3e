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


def report_url(comment):
    return reverse("ideas:report_comment", args=[comment.idea_id, comment.pk])


def test_a_reader_reports_a_comment_and_the_councils_managers_hear_once(
    idea,
    carols_comment,
    alice,
    bob,
    erin,
    brent_manager,
    dan,
    client_for,
    run_on_commit,
    mailoutbox,
):
    url = report_url(carols_comment)
    assert client_for(dan).post(url).status_code == 404  # Leeds cannot see the idea
    assert client_for(carols_comment.author).post(url).status_code == 403  # her own
    with run_on_commit():
        response = client_for(brent_manager).post(url, follow=True)
    assert (
        response.redirect_chain[-1][0] == f"{idea.get_absolute_url()}#comment-{carols_comment.pk}"
    )
    assert "We have told the managers at Barnet. They will check the comment." in (
        response.content.decode()
    )
    carols_comment.refresh_from_db()
    assert carols_comment.reported_by == brent_manager and carols_comment.reported_at
    # Barnet's managers and council admin; not the writer, the reporter or the author.
    assert sorted(address for email in mailoutbox for address in email.to) == [
        "bob@barnet.gov.uk",
        "erin@barnet.gov.uk",
    ]
    email = mailoutbox[0]
    assert email.subject == f"Idea Bank: A comment on the idea “{idea.title}” was reported"
    assert (
        f"Someone reported what a member of staff at Brent wrote on the idea “{idea.title}”:"
        in email.body
    )
    assert "This is rude and unhelpful." in email.body
    assert "Hide it if it is unkind, blames someone, or names a resident" in email.body
    assert "You get this email because you can hide what people write on the idea" in email.body
    assert f"{idea.get_absolute_url()}#comment-{carols_comment.pk}" in email.body
    # Asked again, by anyone: nothing more is sent.
    with run_on_commit():
        assert client_for(alice).post(url).status_code == 302
        assert client_for(brent_manager).post(url).status_code == 302
    assert len(mailoutbox) == 2
    carols_comment.refresh_from_db()
    assert carols_comment.reported_by == brent_manager


def test_readers_are_offered_report_and_moderators_hide(
    idea, carols_comment, alice, bob, carol, brent_manager, client_for
):
    url = report_url(carols_comment)
    form = f'action="{url}"'
    assert form in detail(client_for(brent_manager), idea)
    for moderator in (alice, bob):
        page = detail(client_for(moderator), idea)
        assert form not in page and hide_url(carols_comment) in page
    assert form not in detail(client_for(carol), idea)  # the writer
    assert form not in detail(client_for(None), idea)  # a visitor
    client_for(brent_manager).post(url)
    page = detail(client_for(brent_manager), idea)
    assert form not in page and "Reported. A moderator will check it." in page
    assert "<strong>A reader reported this comment.</strong>" in detail(client_for(bob), idea)
    page = detail(client_for(carol), idea)
    assert "reported this comment" not in page and "Reported." not in page
    assert "This is rude and unhelpful." in page


def test_a_hidden_comment_is_not_reported_again(
    idea, carols_comment, alice, brent_manager, client_for, run_on_commit, mailoutbox
):
    carols_comment.hide(by=alice, reason="Please keep it kind")
    with run_on_commit():
        response = client_for(brent_manager).post(report_url(carols_comment), follow=True)
    assert "That comment is already hidden" in response.content.decode()
    carols_comment.refresh_from_db()
    assert carols_comment.reported_at is None and mailoutbox == []


def test_reporting_is_a_post(idea, carols_comment, brent_manager, client_for):
    assert client_for(brent_manager).get(report_url(carols_comment)).status_code == 405
    carols_comment.refresh_from_db()
    assert carols_comment.reported_at is None


def test_a_comment_is_reported_once_whoever_asks(carols_comment, brent_manager, bob):
    assert carols_comment.report(by=brent_manager) is True
    assert carols_comment.report(by=bob) is False
    carols_comment.refresh_from_db()
    assert carols_comment.reported_by == brent_manager


def test_a_comment_names_its_writer_as_every_page_does(
    idea, carols_comment, bob, brent_manager, client_for
):
    """Named to her own council, and "a member of staff at Brent" to Barnet and to
    visitors of a public idea, as on pilots (ideas.permissions.person_label)."""
    assert "Carol Chen" in detail(client_for(brent_manager), idea)
    page = detail(client_for(bob), idea)
    assert "Carol Chen" not in page and "A member of staff at Brent" in page
    idea.visibility = Visibility.PUBLIC
    idea.save()
    page = detail(client_for(None), idea)
    assert "Carol Chen" not in page and "A member of staff at Brent" in page
