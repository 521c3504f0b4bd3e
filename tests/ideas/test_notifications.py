import pytest
from django.db import transaction
from django.urls import reverse

from councils.models import Visibility
from ideabank.lib.mail import render_email
from ideas import notifications
from ideas.forms import IdeaForm
from ideas.models import Idea
from ideas.services import create_idea

from ..callbacks import tasks_queued
from ..factories import turn_off_emails
from .factories import FULL_IDEA, CommentFactory, IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def submit_through_the_site(client, run_on_commit, data=FULL_IDEA):
    with run_on_commit():
        response = client.post(reverse("ideas:create"), {**data, "action": "submit"})
    assert response.status_code == 302


# A new submission


def test_a_submission_emails_the_councils_managers_after_commit(
    alice, bob, erin, brent_manager, client_for, run_on_commit, mailoutbox
):
    submit_through_the_site(client_for(alice), run_on_commit)
    assert recipients(mailoutbox) == ["bob@barnet.gov.uk", "erin@barnet.gov.uk"]
    message = mailoutbox[0]
    assert message.subject == "Idea Bank: New idea to review: Text reminders for bin days"
    assert "Alice Adeyemi has submitted an idea to Barnet" in message.body
    idea = Idea.objects.get()
    assert reverse("ideas:review", args=[idea.pk]) in message.body
    html = message.alternatives[0].content
    assert "Alice Adeyemi" in html


def test_nothing_is_sent_before_the_transaction_commits(
    alice, bob, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_for(alice).post(reverse("ideas:create"), {**FULL_IDEA, "action": "submit"})
    assert mailoutbox == []
    assert len(tasks_queued(callbacks)) == 1


def test_a_submission_rolled_back_in_its_transaction_sends_no_email(
    alice, bob, rolled_back, mailoutbox
):
    form = IdeaForm(FULL_IDEA, submitting=True)
    assert form.is_valid()
    with rolled_back() as callbacks:
        create_idea(form=form, by=alice, submit=True)
    assert callbacks == []
    assert mailoutbox == []
    assert not Idea.objects.exists()


def test_the_same_submission_committed_does_send(
    alice, bob, django_capture_on_commit_callbacks, mailoutbox
):
    form = IdeaForm(FULL_IDEA, submitting=True)
    assert form.is_valid()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        create_idea(form=form, by=alice, submit=True)
    assert recipients(mailoutbox) == ["bob@barnet.gov.uk"]


def test_a_manager_who_turned_off_submission_emails_gets_none(
    alice, bob, erin, client_for, run_on_commit, mailoutbox
):
    turn_off_emails(bob, "notify_idea_submitted")
    submit_through_the_site(client_for(alice), run_on_commit)
    assert recipients(mailoutbox) == ["erin@barnet.gov.uk"]


def test_a_manager_is_not_told_about_their_own_submission(
    bob, client_for, run_on_commit, mailoutbox
):
    submit_through_the_site(client_for(bob), run_on_commit)
    assert mailoutbox == []


def test_saving_a_draft_sends_nothing(alice, bob, client_for, run_on_commit, mailoutbox):
    with run_on_commit():
        client_for(alice).post(reverse("ideas:create"), {**FULL_IDEA, "action": "draft"})
    assert mailoutbox == []


# Decisions


@pytest.mark.parametrize(
    ("decision", "label"),
    [("accept", "Accepted"), ("decline", "Declined"), ("park", "On the shelf")],
)
def test_the_author_is_told_of_each_decision_with_the_feedback(
    alice, bob, make_idea, client_for, run_on_commit, mailoutbox, decision, label
):
    idea = make_idea(S.IN_REVIEW, title="Bins & <b>texts</b>")
    with run_on_commit():
        client_for(bob).post(
            reverse("ideas:review", args=[idea.pk]),
            {"decision": decision, "feedback": "We need a cost estimate first."},
        )
    assert recipients(mailoutbox) == ["alice@barnet.gov.uk"]
    message = mailoutbox[0]
    assert message.subject == f"Idea Bank: Your idea “Bins & <b>texts</b>”: {label}"
    assert "We need a cost estimate first." in message.body
    html = message.alternatives[0].content
    assert "We need a cost estimate first." in html
    assert "<b>texts</b>" not in html
    assert "Bins &amp; &lt;b&gt;texts&lt;/b&gt;" in html


def test_starting_a_review_sends_no_email(
    alice, bob, make_idea, client_for, run_on_commit, mailoutbox
):
    idea = make_idea(S.SUBMITTED)
    with run_on_commit():
        client_for(bob).post(reverse("ideas:review", args=[idea.pk]), {"decision": "start_review"})
    assert mailoutbox == []


def test_an_author_who_turned_off_decision_emails_gets_none(
    alice, bob, make_idea, client_for, run_on_commit, mailoutbox
):
    turn_off_emails(alice, "notify_idea_decided")
    idea = make_idea(S.IN_REVIEW)
    with run_on_commit():
        client_for(bob).post(
            reverse("ideas:review", args=[idea.pk]), {"decision": "accept", "feedback": "Yes"}
        )
    assert Idea.objects.get().status == S.ACCEPTED
    assert mailoutbox == []


# Comments


def comment_through_the_site(client, idea, run_on_commit, body="Could we join in?"):
    with run_on_commit():
        response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": body})
    assert response.status_code == 302


def test_the_author_is_told_of_a_new_comment(
    alice, carol, make_idea, client_for, run_on_commit, mailoutbox
):
    idea = make_idea(S.SUBMITTED)
    comment_through_the_site(client_for(carol), idea, run_on_commit)
    assert recipients(mailoutbox) == ["alice@barnet.gov.uk"]
    # Named as every page names someone from another council (person_label).
    assert "A member of staff at Brent commented on your idea" in mailoutbox[0].body
    assert "Carol Chen" not in mailoutbox[0].body
    assert "Could we join in?" in mailoutbox[0].body


def test_the_author_is_not_told_of_their_own_comment(
    alice, make_idea, client_for, run_on_commit, mailoutbox
):
    idea = make_idea(S.SUBMITTED)
    comment_through_the_site(client_for(alice), idea, run_on_commit)
    assert mailoutbox == []


def test_an_author_who_turned_off_comment_emails_gets_none(
    alice, carol, make_idea, client_for, run_on_commit, mailoutbox
):
    turn_off_emails(alice, "notify_idea_comment")
    idea = make_idea(S.SUBMITTED)
    comment_through_the_site(client_for(carol), idea, run_on_commit)
    assert mailoutbox == []


def test_a_comment_email_escapes_the_comment_in_html(
    alice, carol, make_idea, client_for, run_on_commit, mailoutbox
):
    idea = make_idea(S.SUBMITTED)
    comment_through_the_site(client_for(carol), idea, run_on_commit, body="<script>x()</script>")
    html = mailoutbox[0].alternatives[0].content
    assert "<script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


# Names and visibility in email


def test_no_email_carol_could_receive_names_an_author_who_chose_her_council_only(
    alice, bob, carol
):
    idea = IdeaFactory(
        author=alice,
        visibility=Visibility.PARTNERS,
        name_display=Idea.NameDisplay.COUNCIL,
    )
    idea.submit(by=alice)
    event = idea.decline(by=bob, feedback="Not this year.")
    comment = CommentFactory(idea=idea, author=bob, body="Bob's comment")
    rendered = [
        render_email("idea_submitted", notifications.idea_submitted_context(idea, carol)),
        render_email("idea_decided", notifications.idea_decided_context(event, carol)),
        render_email("idea_comment", notifications.idea_comment_context(comment, carol)),
    ]
    for subject, text, html in rendered:
        for part in (subject, text, html):
            assert "Alice" not in part
            assert "Adeyemi" not in part
    assert "A member of staff at Barnet has submitted an idea" in rendered[0][1]


def test_emails_name_the_author_to_their_own_council(alice, bob):
    idea = IdeaFactory(author=alice, name_display=Idea.NameDisplay.COUNCIL)
    idea.submit(by=alice)
    _, text, _ = render_email("idea_submitted", notifications.idea_submitted_context(idea, bob))
    assert "Alice Adeyemi" in text


def test_only_managers_who_can_see_the_idea_are_told(alice, bob, erin, brent_manager):
    idea = IdeaFactory(author=alice, visibility=Visibility.COUNCIL)
    idea.submit(by=alice)
    assert {user.email for user in notifications.submission_recipients(idea)} == {
        "bob@barnet.gov.uk",
        "erin@barnet.gov.uk",
    }


def test_an_inactive_manager_is_not_emailed(alice, bob):
    bob.is_active = False
    bob.save()
    idea = IdeaFactory(author=alice)
    idea.submit(by=alice)
    assert notifications.submission_recipients(idea) == []
