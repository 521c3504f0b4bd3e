"""Who hears about what by email, and what each email says.

Celery tasks call the `send_*` functions after the transaction commits; they queue
each email in the outbox, once per event and recipient, however often a task runs,
and all of an event's emails in one transaction: a worker killed half-way through
leaves none queued, and the task, delivered again, queues them all.
Each recipient must still be able to see the idea, and every email names the author
as `author_label` does for that recipient.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from councils.models import Membership
from outbox.services import enqueue_email

from .permissions import author_label, writer_label


def absolute_url(name, **kwargs):
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def can_see(recipient, obj):
    """Whether `recipient` may see `obj` (an idea, pilot or outcome): its `visible_to`."""
    return type(obj).objects.visible_to(recipient).filter(pk=obj.pk).exists()


def wants(recipient, switch):
    """An active person who left the email `switch` on (their profile page)."""
    return recipient.is_active and getattr(recipient, switch)


def submission_recipients(idea):
    """Managers of the idea's council who want to hear about new ideas (not the author)."""
    managers = (
        Membership.objects.managers_of(idea.council)
        .exclude(user_id=idea.author_id)
        .select_related("user__membership")
    )
    return [
        m.user
        for m in managers
        if wants(m.user, "notify_idea_submitted") and can_see(m.user, idea)
    ]


def decision_recipients(event):
    """The author of the decided idea, if they want to hear about decisions."""
    author = event.idea.author
    if wants(author, "notify_idea_decided") and can_see(author, event.idea):
        return [author]
    return []


def comment_recipients(comment):
    """The idea's author, when someone else comments and they want to hear about it."""
    author = comment.idea.author
    if comment.author_id == author.pk or comment.is_hidden:
        return []
    if wants(author, "notify_idea_comment") and can_see(author, comment.idea):
        return [author]
    return []


def base_context(idea, recipient):
    return {
        "idea": idea,
        "recipient": recipient,
        "author_label": author_label(recipient, idea),
        "council_name": idea.council.short_name,
        "idea_url": absolute_url("ideas:detail", pk=idea.pk),
        "preferences_url": absolute_url("accounts:profile"),
    }


def idea_submitted_context(idea, recipient):
    review_url = absolute_url("ideas:review", pk=idea.pk)
    return {**base_context(idea, recipient), "review_url": review_url}


def idea_decided_context(event, recipient):
    return {
        **base_context(event.idea, recipient),
        "event": event,
        "decision": event.get_to_status_display(),
        "feedback": event.note,
    }


def idea_comment_context(comment, recipient):
    return {
        **base_context(comment.idea, recipient),
        "comment": comment,
        "commenter": writer_label(
            recipient, comment.author, council=comment.idea.council, idea=comment.idea
        ),
        "comment_url": absolute_url("ideas:detail", pk=comment.idea_id) + f"#comment-{comment.pk}",
    }


@transaction.atomic
def queue_emails(name, about, recipients, context, *, key=None):
    """Queue email `name` about `about` to each recipient; return how many.

    `context(about, recipient)` gives each email's context. All or none are queued,
    and each (`key`, address) once however often a task runs: by default the key is
    the email's name and `about`'s id, as an idea is submitted or decided once.
    """
    key = key or f"{name}:{about.pk}"
    for recipient in recipients:
        enqueue_email(name, context(about, recipient), to=recipient.email, key=key)
    return len(recipients)


def send_idea_submitted(idea):
    """Queue an email to each manager of the idea's council about it; return how many."""
    recipients = submission_recipients(idea)
    return queue_emails("idea_submitted", idea, recipients, idea_submitted_context)


def send_idea_decided(event):
    """Queue an email to the author with the decision and its feedback; return how many."""
    return queue_emails("idea_decided", event, decision_recipients(event), idea_decided_context)


def send_idea_comment(comment):
    """Queue an email to the idea's author about a new comment; return how many."""
    return queue_emails("idea_comment", comment, comment_recipients(comment), idea_comment_context)
