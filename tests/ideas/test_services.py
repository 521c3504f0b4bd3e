import pytest

from ideas import services
from ideas.forms import IdeaForm
from ideas.models import Comment, Idea, IdeaEvent, TransitionNotAllowed

from ..callbacks import tasks_queued
from .factories import FULL_IDEA

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status


def valid_form(data=FULL_IDEA, **kwargs):
    form = IdeaForm(data, **kwargs)
    assert form.is_valid(), form.errors
    return form


# Creating and editing


def test_a_new_idea_belongs_to_its_author_and_their_council(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        idea = services.create_idea(form=valid_form(submitting=False), by=alice, submit=False)
    idea.refresh_from_db()
    assert idea.author == alice
    assert idea.council == alice.membership.council
    assert idea.status == S.DRAFT
    assert not idea.events.exists()
    assert tasks_queued(callbacks) == []


def test_a_new_idea_submitted_records_the_move_and_queues_one_email(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        idea = services.create_idea(form=valid_form(submitting=True), by=alice, submit=True)
    idea.refresh_from_db()
    assert idea.status == S.SUBMITTED
    assert idea.submitted_at is not None
    assert list(idea.events.values_list("from_status", "to_status", "actor")) == [
        (S.DRAFT, S.SUBMITTED, alice.pk)
    ]
    assert len(tasks_queued(callbacks)) == 1


def test_editing_an_idea_keeps_a_status_a_manager_changed_meanwhile(alice, bob, make_idea):
    idea = make_idea(S.SUBMITTED)
    stale = Idea.objects.get(pk=idea.pk)
    idea.start_review(by=bob)
    form = valid_form({**FULL_IDEA, "title": "Texts on bin day"}, instance=stale, submitting=True)
    services.update_idea(form=form, by=alice, submit=False)
    idea.refresh_from_db()
    assert idea.title == "Texts on bin day"
    assert idea.status == S.IN_REVIEW


def test_submitting_an_idea_that_is_no_longer_a_draft_saves_nothing(
    alice, make_idea, django_capture_on_commit_callbacks
):
    idea = make_idea(S.DRAFT)
    stale = Idea.objects.get(pk=idea.pk)
    idea.submit(by=alice)
    form = valid_form({**FULL_IDEA, "title": "Changed twice"}, instance=stale, submitting=True)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(TransitionNotAllowed):
        services.update_idea(form=form, by=alice, submit=True)
    idea.refresh_from_db()
    assert idea.title != "Changed twice"
    assert idea.events.count() == 1
    assert tasks_queued(callbacks) == []


# Review


@pytest.mark.parametrize("decision", ["accept", "decline", "park"])
def test_a_decision_queues_one_email_to_the_author(
    bob, make_idea, django_capture_on_commit_callbacks, decision
):
    idea = make_idea(S.IN_REVIEW)
    with django_capture_on_commit_callbacks() as callbacks:
        event = services.review_idea(idea=idea, by=bob, decision=decision, feedback="Thanks")
    assert event.to_status == idea.status
    assert idea.status in Idea.DECIDED
    assert len(tasks_queued(callbacks)) == 1


@pytest.mark.parametrize(
    ("status", "move", "to"),
    [(S.SUBMITTED, "start_review", S.IN_REVIEW), (S.PARKED, "return_to_review", S.IN_REVIEW)],
)
def test_a_move_that_is_not_a_decision_queues_no_email(
    bob, make_idea, django_capture_on_commit_callbacks, status, move, to
):
    idea = make_idea(status)
    with django_capture_on_commit_callbacks() as callbacks:
        event = services.review_idea(idea=idea, by=bob, decision=move)
    assert (event.from_status, event.to_status) == (status, to)
    assert tasks_queued(callbacks) == []


def test_a_decision_without_feedback_records_nothing(
    bob, make_idea, django_capture_on_commit_callbacks
):
    idea = make_idea(S.IN_REVIEW)
    events_before = idea.events.count()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(TransitionNotAllowed):
        services.review_idea(idea=idea, by=bob, decision="accept", feedback="  ")
    assert Idea.objects.get(pk=idea.pk).status == S.IN_REVIEW
    assert idea.events.count() == events_before
    assert tasks_queued(callbacks) == []


def test_a_decision_rolled_back_sends_no_email(alice, bob, make_idea, rolled_back, mailoutbox):
    idea = make_idea(S.IN_REVIEW)
    with rolled_back() as callbacks:
        services.review_idea(idea=idea, by=bob, decision="decline", feedback="Not now")
    assert tasks_queued(callbacks) == []
    assert mailoutbox == []
    assert Idea.objects.get(pk=idea.pk).status == S.IN_REVIEW
    assert not IdeaEvent.objects.filter(to_status=S.DECLINED).exists()


# Comments


def test_a_comment_is_saved_and_its_email_waits_for_commit(
    alice, carol, make_idea, django_capture_on_commit_callbacks, mailoutbox
):
    idea = make_idea(S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = services.add_comment(idea=idea, by=carol, body="Could we join in?")
    assert (comment.idea, comment.author, comment.body) == (idea, carol, "Could we join in?")
    assert len(tasks_queued(callbacks)) == 1
    assert mailoutbox == []


def test_a_comment_rolled_back_sends_no_email(alice, carol, make_idea, rolled_back, mailoutbox):
    idea = make_idea(S.SUBMITTED)
    with rolled_back() as callbacks:
        services.add_comment(idea=idea, by=carol, body="Could we join in?")
    assert tasks_queued(callbacks) == []
    assert mailoutbox == []
    assert not Comment.objects.exists()
