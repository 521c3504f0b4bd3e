"""Who hears of each event the apps below record, and what their notification says.

Each function takes the object the event is about, already committed, and calls
`services.notify`. Where the app below already emails someone about the event (the
idea's author about a decision or a comment, managers about a sign-off request,
adopting councils about an outcome), that app's email stands and these add the
notifications page entry only; those who hear of it only because they follow it get
this app's email too.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import NotificationKind
from councils.models import managers_of
from ideas.models import Idea
from pilots.models import Pilot

from .services import follow, followers_of, followers_of_council, notify, unique_people

K = NotificationKind

DECISIONS = {
    Idea.Status.ACCEPTED: gettext_lazy("Your idea was accepted"),
    Idea.Status.DECLINED: gettext_lazy("Your idea was declined"),
    Idea.Status.PARKED: gettext_lazy("Your idea was parked on the innovation shelf"),
}


def key_of(name, obj):
    return f"{name}:{obj._meta.label_lower}:{obj.pk}"


def pilot_of(obj):
    """The pilot a question, reply or comment from the app below is about."""
    if isinstance(obj, Pilot):
        return obj
    for name in ("pilot", "outcome", "question"):
        related = getattr(obj, name, None)
        if related is not None:
            return pilot_of(related)
    return None


def url_of(obj, pilot):
    anchor = f"#{obj._meta.model_name}-{obj.pk}"
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return pilot.get_absolute_url() + anchor


def idea_decided(event):
    """The author hears of a decision on their idea (ideas emails them)."""
    idea = event.idea
    if event.to_status not in DECISIONS:
        return []
    return notify(
        [idea.author],
        K.DECISION,
        message=DECISIONS[event.to_status],
        key=key_of("decision", event),
        url=idea.get_absolute_url(),
        idea=idea,
        email=False,
    )


def idea_commented(comment):
    """The idea's author (emailed by ideas) and its followers hear of a new comment."""
    if comment.is_hidden:
        return []
    idea = comment.idea
    key = key_of("comment", comment)
    url = f"{idea.get_absolute_url()}#comment-{comment.pk}"
    told = []
    if idea.author_id != comment.author_id:
        told += notify(
            [idea.author],
            K.COMMENT,
            message=_("New comment on your idea"),
            key=key,
            url=url,
            idea=idea,
            email=False,
        )
    followers = unique_people(
        followers_of(idea=idea), leave_out=[idea.author_id, comment.author_id]
    )
    told += notify(
        followers,
        K.COMMENT,
        message=_("New comment on an idea you follow"),
        key=key,
        url=url,
        idea=idea,
    )
    return told


def pilot_commented(comment):
    """The followers of the pilot a comment is on (or on whose outcome) hear of it."""
    pilot = pilot_of(comment)
    if pilot is None or getattr(comment, "is_hidden", False):
        return []
    people = unique_people(followers_of(pilot=pilot), leave_out=[comment.author_id])
    return notify(
        people,
        K.COMMENT,
        message=_("New comment on a pilot you follow"),
        key=key_of("comment", comment),
        url=url_of(comment, pilot),
        pilot=pilot,
    )


def people_mentioned(comment, people):
    """Each colleague named with @ in a comment hears of it."""
    pilot = pilot_of(comment)
    idea = getattr(comment, "idea", None) if pilot is None else None
    if pilot is None and idea is None:
        return []
    return notify(
        unique_people(people, leave_out=[comment.author_id]),
        K.MENTION,
        message=_("You were mentioned in a comment"),
        key=key_of("mention", comment),
        url=url_of(comment, pilot) if pilot else f"{idea.get_absolute_url()}#comment-{comment.pk}",
        pilot=pilot,
        idea=idea,
    )


def sign_off_requested(pilot):
    """The managers of the pilot's council see the card waiting (pilots emails them)."""
    managers = unique_people(managers_of(pilot.council_id), leave_out=[pilot.lead_id])
    stamp = pilot.sign_off_requested_at.isoformat() if pilot.sign_off_requested_at else ""
    return notify(
        managers,
        K.SIGN_OFF,
        message=_("A pilot card is waiting for your sign-off"),
        key=f"{key_of('sign_off', pilot)}:{stamp}",
        url=pilot.get_absolute_url(),
        pilot=pilot,
        email=False,
    )


def adopters_of(pilot):
    """The leads and managers of the councils that adopted `pilot` (outcomes emails them)."""
    people = []
    copies = pilot.adoptions.exclude(status=Pilot.Status.DISCARDED).select_related("lead")
    for copy in copies:
        people += [copy.lead, *managers_of(copy.council_id)]
    return people


def outcome_published(outcome):
    """Councils that adopted the pilot, its followers and followers of its council (or of
    a partnership its council is in) hear what it found."""
    pilot = outcome.pilot
    key = key_of("outcome", outcome)
    verdict = outcome.get_verdict_display()
    adopters = unique_people(adopters_of(pilot), leave_out=[outcome.written_by_id])
    told = notify(
        adopters,
        K.OUTCOME,
        message=_("A pilot your council adopted published its outcome: %(verdict)s")
        % {"verdict": verdict},
        key=key,
        url=outcome.get_absolute_url(),
        pilot=pilot,
        email=False,
    )
    told_already = [outcome.written_by_id, *(person.pk for person in adopters)]
    followers = unique_people(followers_of(pilot=pilot), leave_out=told_already)
    told += notify(
        followers,
        K.OUTCOME,
        message=_("A pilot you follow published its outcome: %(verdict)s") % {"verdict": verdict},
        key=key,
        url=outcome.get_absolute_url(),
        pilot=pilot,
    )
    # Following a council, or a partnership it is in, promises its outcomes (the follow
    # button says so); `notify` tells only those who may see the pilot.
    council_followers = unique_people(
        followers_of_council(pilot.council_id),
        leave_out=[*told_already, *(person.pk for person in followers)],
    )
    told += notify(
        council_followers,
        K.OUTCOME,
        message=_("A council you follow published a pilot’s outcome: %(verdict)s")
        % {"verdict": verdict},
        key=key,
        url=outcome.get_absolute_url(),
        pilot=pilot,
    )
    return told


def tell_of_question(people, question, pilot, *, message, key):
    """A page entry only: the conversation relays questions and replies by email itself."""
    return notify(
        people,
        K.QUESTION,
        message=message,
        key=key,
        url=url_of(question, pilot),
        pilot=pilot,
        email=False,
    )


def question_asked(question):
    """The pilot's lead and its council's managers see a question about the pilot.

    The conversation relays the question itself by email, so this adds the page entry.
    """
    pilot = pilot_of(question)
    if pilot is None:
        return []
    people = unique_people(
        [pilot.lead, *managers_of(pilot.council_id)], leave_out=[question.asker_id]
    )
    message = _("New question about a pilot at your council")
    key = key_of("question", question)
    return tell_of_question(people, question, pilot, message=message, key=key)


def question_answered(reply):
    """Whoever asked the question sees the answer (the conversation relays it by email)."""
    question = getattr(reply, "question", None)
    pilot = pilot_of(reply)
    asker = getattr(question, "asker", None)
    if pilot is None or asker is None:
        return []
    people = unique_people([asker], leave_out=[reply.author_id])
    message = _("Your question about a pilot was answered")
    key = key_of("answer", reply)
    return tell_of_question(people, question, pilot, message=message, key=key)


def adopted(pilot):
    """The adopting council's lead follows the pilot they adopted, to hear how it goes."""
    if pilot.adapted_from_id is None:
        return None
    return follow(user=pilot.lead, target="pilot", obj=pilot.adapted_from)
