"""Every kind of notification, each with its three settings: off, page only, page and email."""

import pytest
from django.db import transaction

from accounts.models import Delivery, NotificationKind, set_delivery
from ideas.forms import DecisionForm
from ideas.services import add_comment, review_idea
from notifications.models import Follow, Notification
from notifications.services import follow
from outbox.models import OutgoingEmail
from pilots import signals
from pilots.conversations import add_pilot_comment
from pilots.models import Pilot
from pilots.services import adopt_pilot, ask_for_sign_off

from ..ideas.factories import CommentFactory
from ..pilots.factories import PilotFactory, publish
from .conftest import emails_to, notified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

K = NotificationKind


def choose(person, kind, delivery):
    set_delivery(person, kind, delivery)
    person.save()


def decline(idea, bob, run_on_commit):
    with run_on_commit():
        review_idea(idea=idea, by=bob, decision=DecisionForm.DECLINE, feedback="Not this year.")


# Decisions on your ideas: ideas sends the email; the page entry is this app's.


def test_alice_hears_of_the_decision_on_her_idea_on_the_page_and_by_email_once(
    alice, bob, alices_idea, run_on_commit, mailoutbox
):
    decline(alices_idea, bob, run_on_commit)

    assert notified(alice, K.DECISION) == ["Your idea was declined"]
    assert len(emails_to(mailoutbox, alice)) == 1
    assert not OutgoingEmail.objects.filter(template="notification").exists()


def test_decisions_on_the_page_only_send_no_email(
    alice, bob, alices_idea, run_on_commit, mailoutbox
):
    choose(alice, K.DECISION, Delivery.PAGE)
    decline(alices_idea, bob, run_on_commit)

    assert notified(alice, K.DECISION) == ["Your idea was declined"]
    assert emails_to(mailoutbox, alice) == []


def test_decisions_switched_off_give_neither(alice, bob, alices_idea, run_on_commit, mailoutbox):
    choose(alice, K.DECISION, Delivery.OFF)
    decline(alices_idea, bob, run_on_commit)

    assert notified(alice) == []
    assert emails_to(mailoutbox, alice) == []


def test_a_decision_rolled_back_tells_no_one(alice, bob, alices_idea, run_on_commit):
    with run_on_commit(), pytest.raises(RuntimeError), transaction.atomic():
        review_idea(idea=alices_idea, by=bob, decision=DecisionForm.ACCEPT, feedback="Yes")
        raise RuntimeError("rolled back")

    assert notified(alice) == []


# Comments on your ideas and on what you follow.


def test_a_comment_reaches_the_author_and_followers_but_not_the_commenter(
    alice, bob, carol, erin, alices_idea, run_on_commit, mailoutbox
):
    follow(user=bob, target="idea", obj=alices_idea)
    follow(user=carol, target="idea", obj=alices_idea)
    with run_on_commit():
        add_comment(idea=alices_idea, by=carol, body="We tried this in Brent.")

    assert notified(alice, K.COMMENT) == ["New comment on your idea"]
    assert notified(bob, K.COMMENT) == ["New comment on an idea you follow"]
    assert notified(carol) == []
    assert notified(erin) == []
    # Alice's email is the ideas app's; Bob's, as a follower, is this app's.
    assert len(emails_to(mailoutbox, alice)) == 1
    [bobs] = emails_to(mailoutbox, bob)
    assert bobs.subject == f"Idea Bank: New comment on an idea you follow: {alices_idea.title}"
    assert "We tried this" not in bobs.body


def test_a_follower_who_wants_comments_on_the_page_only_gets_no_email(
    alice, bob, carol, alices_idea, run_on_commit, mailoutbox
):
    follow(user=bob, target="idea", obj=alices_idea)
    choose(bob, K.COMMENT, Delivery.PAGE)
    with run_on_commit():
        add_comment(idea=alices_idea, by=carol, body="Hello")

    assert notified(bob, K.COMMENT) == ["New comment on an idea you follow"]
    assert emails_to(mailoutbox, bob) == []


def test_comments_switched_off_give_nothing(
    alice, bob, carol, alices_idea, run_on_commit, mailoutbox
):
    follow(user=bob, target="idea", obj=alices_idea)
    choose(bob, K.COMMENT, Delivery.OFF)
    choose(alice, K.COMMENT, Delivery.OFF)
    with run_on_commit():
        add_comment(idea=alices_idea, by=carol, body="Hello")

    assert notified(bob) == notified(alice) == []
    assert emails_to(mailoutbox, bob) == emails_to(mailoutbox, alice) == []


def test_a_comment_on_a_followed_pilot_reaches_its_followers(
    alice, bob, carol, alices_pilot, run_on_commit, mailoutbox
):
    follow(user=carol, target="pilot", obj=alices_pilot)
    follow(user=bob, target="pilot", obj=alices_pilot)
    with run_on_commit():
        add_pilot_comment(pilot=alices_pilot, by=bob, body="Week two")

    assert notified(carol, K.COMMENT) == ["New comment on a pilot you follow"]
    assert notified(bob) == []
    assert len(emails_to(mailoutbox, carol)) == 1


# Mentions.


@pytest.mark.parametrize(
    ("delivery", "pages", "emails"), [("email", 1, 1), ("page", 1, 0), ("off", 0, 0)]
)
def test_a_mention_follows_the_persons_choice(
    alice, bob, alices_idea, run_on_commit, mailoutbox, delivery, pages, emails
):
    choose(bob, K.MENTION, delivery)
    comment = CommentFactory(idea=alices_idea, author=alice, body="@Bob what do you think?")
    with run_on_commit():
        signals.people_mentioned.send(sender=type(comment), comment=comment, people=[bob, alice])

    assert len(notified(bob, K.MENTION)) == pages
    assert notified(alice, K.MENTION) == []
    mentions = [m for m in emails_to(mailoutbox, bob) if "mentioned" in m.subject]
    assert len(mentions) == emails


def test_a_colleague_mentioned_in_a_pilot_comment_hears_of_it(
    alice, bob, alices_pilot, run_on_commit
):
    with run_on_commit():
        add_pilot_comment(pilot=alices_pilot, by=alice, body="@Bob Birch what do you think?")

    assert notified(bob, K.MENTION) == ["You were mentioned in a comment"]
    assert notified(alice, K.MENTION) == []


def test_a_person_mentioned_who_cannot_see_the_idea_hears_nothing(
    alice, dan, alices_idea, run_on_commit, mailoutbox
):
    comment = CommentFactory(idea=alices_idea, author=alice)
    with run_on_commit():
        signals.people_mentioned.send(sender=type(comment), comment=comment, people=[dan])

    assert notified(dan) == []
    assert emails_to(mailoutbox, dan) == []


# Sign-off requests, for managers: pilots sends the email.


@pytest.mark.parametrize(("delivery", "pages"), [("email", 1), ("page", 1), ("off", 0)])
def test_managers_see_a_card_waiting_for_sign_off(
    alice, bob, erin, carol, barnet, run_on_commit, mailoutbox, delivery, pages
):
    choose(bob, K.SIGN_OFF, delivery)
    card = PilotFactory(council=barnet, lead=alice, created_by=bob)
    with run_on_commit():
        ask_for_sign_off(pilot=card, by=alice)

    assert len(notified(bob, K.SIGN_OFF)) == pages
    assert notified(erin, K.SIGN_OFF) == ["A pilot card is waiting for your sign-off"]
    assert notified(alice) == notified(carol) == []
    assert len(emails_to(mailoutbox, bob)) == (1 if delivery == "email" else 0)
    assert not OutgoingEmail.objects.filter(template="notification").exists()


# Outcomes of followed and adopted pilots.


def test_an_outcome_reaches_followers_and_the_adopting_council_once_each(
    alice, bob, carol, brent_manager, alices_pilot, run_on_commit, mailoutbox
):
    follow(user=carol, target="pilot", obj=alices_pilot)
    with run_on_commit():
        adopt_pilot(pilot=alices_pilot, by=brent_manager)
    mailoutbox.clear()
    with run_on_commit():
        publish(alices_pilot, alice)

    assert notified(carol, K.OUTCOME) == ["A pilot you follow published its outcome: It worked"]
    assert notified(brent_manager, K.OUTCOME) == [
        "A pilot your council adopted published its outcome: It worked"
    ]
    assert notified(alice, K.OUTCOME) == []
    assert len(emails_to(mailoutbox, carol)) == 1
    # The adopter's email is the outcomes app's, not a second one from here.
    assert len(emails_to(mailoutbox, brent_manager)) == 1
    assert list(
        OutgoingEmail.objects.filter(to=brent_manager.email).values_list("template", flat=True)
    ) == ["adopted_pilot_outcome"]


@pytest.mark.parametrize(("delivery", "pages", "emails"), [("page", 1, 0), ("off", 0, 0)])
def test_a_followers_outcome_setting_holds(
    alice, carol, alices_pilot, run_on_commit, mailoutbox, delivery, pages, emails
):
    follow(user=carol, target="pilot", obj=alices_pilot)
    choose(carol, K.OUTCOME, delivery)
    with run_on_commit():
        publish(alices_pilot, alice)

    assert len(notified(carol, K.OUTCOME)) == pages
    assert len(emails_to(mailoutbox, carol)) == emails


def test_the_adopting_lead_follows_the_original_pilot(alices_pilot, brent_manager):
    adopted = adopt_pilot(pilot=alices_pilot, by=brent_manager)

    assert adopted.adapted_from == alices_pilot
    assert Follow.objects.filter(user=brent_manager, pilot=alices_pilot).exists()


# Questions about your pilots (the conversation relays the text by email).


@pytest.mark.parametrize(("delivery", "pages"), [("email", 1), ("page", 1), ("off", 0)])
def test_a_question_reaches_the_lead_and_managers_on_the_page(
    alice, bob, erin, carol, alices_pilot, run_on_commit, delivery, pages
):
    from pilots.conversations import ask_question

    choose(alice, K.QUESTION, delivery)
    with run_on_commit():
        question = ask_question(pilot=alices_pilot, by=carol, body="How?")

    assert len(notified(alice, K.QUESTION)) == pages
    assert notified(bob, K.QUESTION) == ["New question about a pilot at your council"]
    assert notified(erin, K.QUESTION) == ["New question about a pilot at your council"]
    assert notified(carol) == []
    page = Notification.objects.filter(recipient=bob).get()
    assert page.url == question.get_absolute_url()


def test_the_asker_sees_the_answer(alice, carol, alices_pilot, run_on_commit):
    from pilots.conversations import ask_question, write_in_conversation

    with run_on_commit():
        question = ask_question(pilot=alices_pilot, by=carol, body="How?")
    with run_on_commit():
        write_in_conversation(question=question, by=alice, body="Like this")

    assert notified(carol, K.QUESTION) == ["Your question about a pilot was answered"]
    assert Notification.objects.get(recipient=carol).url == question.get_absolute_url()
    # The lead heard of the question, not of their own answer.
    assert notified(alice, K.QUESTION) == ["New question about a pilot at your council"]


def test_each_event_is_one_notification_however_often_it_is_told(
    alice, bob, carol, alices_idea, run_on_commit
):
    from notifications.events import idea_commented

    comment = CommentFactory(idea=alices_idea, author=carol)
    idea_commented(comment)
    idea_commented(comment)

    assert Notification.objects.filter(recipient=alice).count() == 1


def test_a_lead_who_follows_their_own_pilot_is_not_told_of_their_own_outcome(
    alice, bob, carol, alices_pilot, run_on_commit
):
    follow(user=alice, target="pilot", obj=alices_pilot)
    follow(user=carol, target="pilot", obj=alices_pilot)
    with run_on_commit():
        publish(alices_pilot, alice)

    assert notified(alice, K.OUTCOME) == []
    assert len(notified(carol, K.OUTCOME)) == 1
    assert Pilot.objects.get(pk=alices_pilot.pk).status == Pilot.Status.COMPLETED
