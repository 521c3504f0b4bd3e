"""Email notifications about ideas. Views enqueue these with `delay_on_commit`."""

from celery import shared_task

from . import notifications
from .models import Comment, Idea, IdeaEvent


@shared_task
def notify_idea_submitted(idea_id):
    """Tell the council's managers that an idea is waiting for review."""
    idea = Idea.objects.select_related("author", "council").filter(pk=idea_id).first()
    if idea is None or idea.status == Idea.Status.DRAFT:
        return 0
    return notifications.send_idea_submitted(idea)


@shared_task
def notify_idea_decided(event_id):
    """Tell the author what was decided about their idea, with the feedback."""
    event = (
        IdeaEvent.objects.select_related("idea__author", "idea__council")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    return notifications.send_idea_decided(event)


@shared_task
def notify_idea_comment(comment_id):
    """Tell the author that someone commented on their idea."""
    comment = (
        Comment.objects.select_related("author", "idea__author", "idea__council")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0
    return notifications.send_idea_comment(comment)
