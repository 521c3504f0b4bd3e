"""What the notifications app hears from the apps below: their event rows and signals.

Each receiver hands the event to a task once the transaction commits, so a rolled-back
change tells no one and a slow recipient list never holds up a request.
"""

from django.db import transaction

from councils.models import Partnership

from . import events, tasks
from .context_processors import forget_none_waiting
from .models import Follow


def after_commit(handler, obj, **extra):
    label = obj._meta.label
    transaction.on_commit(lambda: tasks.tell.delay(handler, label, obj.pk, **extra), robust=True)


def on_notification_saved(sender, instance, created, raw=False, **kwargs):
    """A new notification: its person's header counts again, now and once it commits (a
    page counted in between saw none)."""
    if created:
        forget_none_waiting(instance.recipient_id)
        transaction.on_commit(lambda: forget_none_waiting(instance.recipient_id))


def on_idea_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.to_status in events.DECISIONS:
        after_commit("idea_decided", instance)


def on_idea_comment(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        after_commit("idea_commented", instance)


def on_pilot_saved(sender, instance, created, raw=False, **kwargs):
    """An adoption: its lead follows the original at once, in the same transaction."""
    if created and not raw and instance.adapted_from_id:
        events.adopted(instance)


def on_sign_off_requested(sender, pilot, **kwargs):
    after_commit("sign_off_requested", pilot)


def on_outcome_published(sender, outcome, **kwargs):
    after_commit("outcome_published", outcome)


def on_question_asked(sender, question, **kwargs):
    after_commit("question_asked", question)


def on_question_answered(sender, reply, **kwargs):
    after_commit("question_answered", reply)


def on_comment_posted(sender, comment, **kwargs):
    after_commit("pilot_commented", comment)


def on_people_mentioned(sender, comment, people, **kwargs):
    after_commit("people_mentioned", comment, people=[person.pk for person in people])


def follows_for_digest(sender, users, **kwargs):
    """{user id: ((target, id), …)} for the digests; a partnership counts as its councils."""
    found = {}
    rows = Follow.objects.filter(user__in=users).values_list(
        "user_id", "idea_id", "pilot_id", "council_id", "partnership_id"
    )
    partnerships = set()
    for user_id, idea_id, pilot_id, council_id, partnership_id in rows:
        targets = found.setdefault(user_id, set())
        for target, pk in (("idea", idea_id), ("pilot", pilot_id), ("council", council_id)):
            if pk is not None:
                targets.add((target, pk))
        if partnership_id is not None:
            partnerships.add((user_id, partnership_id))
    if partnerships:
        members = Partnership.councils.through.objects.filter(
            partnership_id__in={pk for _user, pk in partnerships}
        ).values_list("partnership_id", "council_id")
        councils_of = {}
        for partnership_id, council_id in members:
            councils_of.setdefault(partnership_id, set()).add(council_id)
        for user_id, partnership_id in partnerships:
            found[user_id].update(("council", pk) for pk in councils_of.get(partnership_id, ()))
    return found
