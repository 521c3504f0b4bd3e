"""Who may do what to a pilot. Seeing is decided by `Pilot.objects.visible_to`;
these predicates assume the pilot (or idea) is already visible to the user."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from councils.permissions import is_manager_of, is_member_of, whom_to_ask
from councils.visibility import membership_of
from ideabank.lib.refusals import Refused
from ideas.models import Idea
from ideas.permissions import person_label as idea_person_label
from ideas.permissions import writer_label

from .models import Pilot


def is_lead(user, pilot):
    """The pilot's lead, while they still belong to the pilot's council."""
    return (
        user.is_authenticated and pilot.lead_id == user.pk and is_member_of(user, pilot.council_id)
    )


def is_lead_or_manager(user, pilot):
    """The people who run a pilot: its lead and the managers of its council."""
    return is_lead(user, pilot) or is_manager_of(user, pilot.council_id)


def refused_unless_lead_or_manager(user, pilot, *, doing):
    """Why `user` may not do what only the pilot's lead and its council's managers do
    (`doing`: "record its outcome"), if that is why; otherwise a plain 403. Only its own
    council's staff are told whom to ask: no one elsewhere can give them the right."""
    if is_lead_or_manager(user, pilot):
        return PermissionDenied()
    council = pilot.council
    reason = _("Only the pilot’s lead and managers at %(council)s can %(doing)s.") % {
        "council": council.short_name,
        "doing": doing,
    }
    if is_member_of(user, council.pk):
        reason = f"{reason} {whom_to_ask(council, managers=True)}"
    return Refused(reason)


def can_create_pilot(user, idea):
    """Managers of the idea's council turn an accepted idea into one pilot."""
    return (
        is_manager_of(user, idea.council_id)
        and idea.status == Idea.Status.ACCEPTED
        and not idea.pilots.exclude(status=Pilot.Status.DISCARDED).exists()
    )


def can_ask_for_sign_off(user, pilot):
    """The lead (or a manager) asks the council's managers to sign off a planned card
    (`Pilot.ask_for_sign_off` refuses a second request)."""
    return pilot.status == Pilot.Status.PLANNED and is_lead_or_manager(user, pilot)


def can_discard_pilot(user, pilot):
    """A planned card nobody will run can be discarded by its lead or a manager."""
    return pilot.status == Pilot.Status.PLANNED and is_lead_or_manager(user, pilot)


def can_change_pilot_audience(user, pilot):
    """Managers of the pilot's council narrow or widen its audience and redact its text."""
    return pilot.is_signed_off and is_manager_of(user, pilot.council_id)


def can_edit_pilot(user, pilot):
    """The card changes only before sign-off, and only by its lead or a manager."""
    return pilot.status == Pilot.Status.PLANNED and is_lead_or_manager(user, pilot)


def can_sign_off_pilot(user, pilot):
    """Managers of the pilot's council give permission to fail, once, before it starts."""
    return pilot.status == Pilot.Status.PLANNED and is_manager_of(user, pilot.council_id)


def can_add_pilot_update(user, pilot):
    """Progress goes into updates while the pilot runs."""
    return pilot.status == Pilot.Status.RUNNING and is_lead_or_manager(user, pilot)


def can_close_pilot(user, pilot):
    """Completing or stopping early: both go through the outcome form."""
    return pilot.status == Pilot.Status.RUNNING and is_lead_or_manager(user, pilot)


def can_adopt_pilot(user, pilot):
    """Staff of any other council may adopt a pilot they can see."""
    membership = membership_of(user)
    return membership is not None and membership.council_id != pilot.council_id


def is_own_council_pilot(user, pilot):
    """A pilot of the user's own council: theirs to run, not to adopt."""
    return is_member_of(user, pilot.council_id)


def person_label(user, pilot, person):
    """Someone named on a pilot, as the viewer may know them (`ideas.permissions.person_label`:
    the author of the pilot's idea keeps the choice they made there)."""
    return idea_person_label(
        user, person, council=pilot.council, idea=pilot.idea if pilot.idea_id else None
    )


def member_label(user, pilot, person):
    """Someone who wrote on a pilot (a comment, a question, a reply): `writer_label`."""
    return writer_label(
        user, person, council=pilot.council, idea=pilot.idea if pilot.idea_id else None
    )


def can_ask_about_pilot(user, pilot):
    """Staff of another council ask the team behind a signed-off pilot they can see."""
    membership = membership_of(user)
    return (
        membership is not None
        and membership.council_id != pilot.council_id
        and pilot.is_signed_off
    )


def can_write_in_conversation(user, question):
    """The asker and the pilot's lead and managers write in a conversation; their
    colleagues read it."""
    if is_lead_or_manager(user, question.pilot):
        return True
    return question.asker_id == user.pk and is_member_of(user, question.council_id)


def can_hide_message(user, message):
    """Managers of either council in the conversation moderate it."""
    question = message.question
    return is_manager_of(user, question.pilot.council_id) or is_manager_of(
        user, question.council_id
    )


def can_comment_on_pilot(user, pilot):
    """Anyone signed in who can see a pilot (or its outcome) may comment on it."""
    return user.is_authenticated and pilot.status != Pilot.Status.DISCARDED


def can_hide_pilot_comment(user, pilot):
    """The lead and the managers of the pilot's council moderate its comments, and its
    outcome's."""
    return is_lead_or_manager(user, pilot)
