"""Ask the team behind a pilot, and comment on pilots and outcomes.

A question goes to the pilot's lead and its council's managers, each once, through the
one email outbox; replies go back to the asker. Every email names people as
`member_label` does for its reader, and carries a link to the conversation on the site,
never anyone's address. Signals (pilots/signals.py) are sent once the data is committed.
"""

import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import managers_of
from councils.visibility import membership_of
from ideabank.lib.times import clock_time
from ideas.comments import report_to_moderators
from ideas.models import TransitionNotAllowed
from ideas.notifications import can_see, queue_emails

from . import signals
from .mentions import mentioned_colleagues
from .models import Message, PilotComment, Question
from .permissions import is_lead, member_label

# Questions one person may ask in an hour: enough for real use, too few to spam a team.
QUESTIONS_PER_HOUR = 5
RATE_WINDOW = datetime.timedelta(hours=1)


class TooManyQuestions(TransitionNotAllowed):
    """The person asked QUESTIONS_PER_HOUR questions in the last hour."""


def send_on_commit(signal, sender, **kwargs):
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))


def pilot_team(pilot):
    """The pilot's lead (while in its council) and its council's managers, each once."""
    people = {manager.pk: manager for manager in managers_of(pilot.council)}
    if is_lead(pilot.lead, pilot):
        people.setdefault(pilot.lead.pk, pilot.lead)
    return [people[pk] for pk in sorted(people)]


def readers(people, pilot, *, besides):
    """Those of `people` still active and able to see the pilot, other than the writer."""
    return [
        person
        for person in people
        if person.is_active and person.pk != besides.pk and can_see(person, pilot)
    ]


def email_context(message, recipient, *, kind):
    question = message.question
    pilot = question.pilot
    return {
        "kind": kind,
        "pilot": pilot,
        "recipient": recipient,
        "message": message,
        "writer": member_label(recipient, pilot, message.author),
        "asker_council": question.council.short_name,
        "conversation_url": settings.SITE_URL
        + question.get_absolute_url()
        + f"#comment-{message.pk}",
        "preferences_url": settings.SITE_URL + reverse("accounts:profile"),
    }


def tell(message, people, *, kind):
    """Queue the email about `message` to each of `people`, once per message and address."""
    return queue_emails(
        "pilot_question",
        message,
        people,
        partial(email_context, kind=kind),
        key=f"pilot_question:{message.pk}",
    )


def rate_limit_ends(user, now=None):
    """When `user` may ask again, or None if they may now."""
    now = now or timezone.now()
    recent = list(
        Question.objects.asked_since(user, now - RATE_WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:QUESTIONS_PER_HOUR]
    )
    if len(recent) < QUESTIONS_PER_HOUR:
        return None
    return recent[-1] + RATE_WINDOW


@transaction.atomic
def ask_question(*, pilot, by, body):
    """Start a conversation with the team behind `pilot`; they are emailed once each."""
    ends = rate_limit_ends(by)
    if ends is not None:
        raise TooManyQuestions(
            _(
                "You have asked %(count)s questions in the last hour. You can ask again "
                "after %(time)s. Your question has not been sent: it is still below."
            )
            % {
                "count": QUESTIONS_PER_HOUR,
                "time": clock_time(ends),
            }
        )
    question = Question.objects.create(
        pilot=pilot, council_id=membership_of(by).council_id, asker=by
    )
    message = Message.objects.create(question=question, author=by, body=body)
    tell(message, readers(pilot_team(pilot), pilot, besides=by), kind="asked")
    send_on_commit(signals.question_asked, Question, question=question)
    return question


@transaction.atomic
def write_in_conversation(*, question, by, body):
    """A reply from the pilot's team goes to the asker; the asker's follow-up to the team."""
    pilot = question.pilot
    message = Message.objects.create(question=question, author=by, body=body)
    if by.pk == question.asker_id:
        tell(message, readers(pilot_team(pilot), pilot, besides=by), kind="follow_up")
    else:
        tell(message, readers([question.asker], pilot, besides=by), kind="answered")
        send_on_commit(signals.question_answered, Message, reply=message)
    return message


def report_message(*, message, by):
    """Ask the managers of both councils to look at a message; emailed the first time only."""
    question = message.question
    pilot = question.pilot
    moderators = {m.pk: m for m in managers_of(pilot.council)}
    moderators.update({m.pk: m for m in managers_of(question.council)})
    title = {"title": pilot.title}

    def about(recipient):
        return {
            "writer": member_label(recipient, pilot, message.author),
            "where": _("in a conversation about the pilot “%(title)s”") % title,
            "subject": _("A message about “%(title)s” was reported") % title,
            "url": f"{settings.SITE_URL}{question.get_absolute_url()}#comment-{message.pk}",
        }

    people = readers([moderators[pk] for pk in sorted(moderators)], pilot, besides=message.author)
    return report_to_moderators(message, by=by, moderators=people, about=about)


def report_comment(thread, comment, *, by):
    """Ask the lead and managers of the pilot's council to look at a comment on the
    pilot or its outcome (`thread`, from conversation_views); emailed the first time only."""
    pilot = thread.pilot
    people = readers(pilot_team(pilot), pilot, besides=comment.author)

    def about(recipient):
        return {
            "writer": member_label(recipient, pilot, comment.author),
            "where": thread.where,
            "subject": _("A comment %(where)s was reported") % {"where": thread.where},
            "url": f"{settings.SITE_URL}{thread.back_url}#comment-{comment.pk}",
        }

    return report_to_moderators(comment, by=by, moderators=people, about=about)


@transaction.atomic
def add_comment(*, model, by, body, **where):
    """Add a comment (PilotComment or OutcomeComment, on `where`), resolve its @mentions
    to colleagues of the writer's council, and announce both after commit."""
    comment = model.objects.create(author=by, body=body, **where)
    people = mentioned_colleagues(by, body)
    if people:
        comment.mentioned.set(people)
        send_on_commit(signals.people_mentioned, model, comment=comment, people=people)
    send_on_commit(signals.comment_posted, model, comment=comment)
    return comment


def add_pilot_comment(*, pilot, by, body):
    return add_comment(model=PilotComment, by=by, body=body, pilot=pilot)
