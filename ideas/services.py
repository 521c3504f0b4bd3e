from django.db import transaction
from django.utils.translation import gettext as _

from councils.models import managers_of
from councils.visibility import membership_of

from . import tasks
from .comments import report_to_moderators
from .forms import DecisionForm, MoveForm
from .models import Comment, Idea
from .notifications import absolute_url, can_see
from .permissions import writer_label


@transaction.atomic
def create_idea(*, form, by, submit):
    """Save a new idea by `by` in their council, as a draft or submitted for review."""
    idea = form.save(commit=False)
    idea.author = by
    idea.council_id = membership_of(by).council_id
    idea.save()
    form.save_m2m()
    if submit:
        submit_idea(idea=idea, by=by)
    return idea


@transaction.atomic
def update_idea(*, form, by, submit):
    """Save the author's changes to an idea and, if asked, submit the draft."""
    idea = form.save(commit=False)
    # Only what the author edits: a manager may be changing the status right now.
    fields = [name for name in form.Meta.fields if name != "themes"]
    idea.save(update_fields=[*fields, "updated_at"])
    form.save_m2m()
    if submit:
        submit_idea(idea=idea, by=by)
    return idea


@transaction.atomic
def submit_idea(*, idea, by):
    """Send a draft for review and tell the council's managers once it commits."""
    idea.submit(by=by)
    tasks.notify_idea_submitted.delay_on_commit(idea.pk)
    return idea


@transaction.atomic
def review_idea(*, idea, by, decision, feedback="", audience=None):
    """Move an idea on in review, a decision approving its `audience`; the author hears of
    a decision once it commits.

    Returns the event the move recorded.
    """
    event = apply_decision(idea, by=by, decision=decision, feedback=feedback, audience=audience)
    if event.to_status in Idea.DECIDED:
        tasks.notify_idea_decided.delay_on_commit(event.pk)
    return event


def apply_decision(idea, *, by, decision, feedback="", audience=None):
    if decision == MoveForm.START_REVIEW:
        return idea.start_review(by=by)
    if decision == MoveForm.RETURN_TO_REVIEW:
        return idea.return_to_review(by=by)
    decide = {
        DecisionForm.ACCEPT: idea.accept,
        DecisionForm.DECLINE: idea.decline,
        DecisionForm.PARK: idea.park,
    }[decision]
    return decide(by=by, feedback=feedback, **({"audience": audience} if audience else {}))


@transaction.atomic
def add_comment(*, idea, by, body):
    """Add a comment to an idea and tell its author once it commits."""
    comment = Comment.objects.create(idea=idea, author=by, body=body)
    tasks.notify_idea_comment.delay_on_commit(comment.pk)
    return comment


def report_comment(comment, *, by):
    """Ask the managers of the idea's council to look at a comment on it; emailed the
    first time only."""
    idea = comment.idea
    title = {"title": idea.title}
    where = _("on the idea “%(title)s”") % title

    def about(recipient):
        return {
            "writer": writer_label(recipient, comment.author, council=idea.council, idea=idea),
            "where": where,
            "subject": _("A comment %(where)s was reported") % {"where": where},
            "url": absolute_url("ideas:detail", pk=idea.pk) + f"#comment-{comment.pk}",
        }

    managers = [person for person in managers_of(idea.council) if can_see(person, idea)]
    return report_to_moderators(comment, by=by, moderators=managers, about=about)
