"""Who may do what to a pilot. Seeing is decided by `Pilot.objects.visible_to`;
these predicates assume the pilot (or idea) is already visible to the user."""

from django.utils.translation import gettext as _

from councils.visibility import membership_of
from ideas.permissions import author_label, can_start_pilot, is_manager_of, is_member_of

from .models import Pilot


def is_lead(user, pilot):
    """The pilot's lead, while they still belong to the pilot's council."""
    return (
        user.is_authenticated and pilot.lead_id == user.pk and is_member_of(user, pilot.council_id)
    )


def is_lead_or_manager(user, pilot):
    """The people who run a pilot: its lead and the managers of its council."""
    return is_lead(user, pilot) or is_manager_of(user, pilot.council_id)


# One rule, defined beside the idea it starts from.
can_create_pilot = can_start_pilot


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
    """Someone named on a pilot, as the viewer may know them.

    The author of the pilot's idea keeps the choice they made there: if they
    showed their name to their own council only, other councils never see it.
    """
    if person is None:
        return _("someone who no longer uses Idea Bank")
    if pilot.idea_id and person.pk == pilot.idea.author_id:
        return author_label(user, pilot.idea)
    return person.display_name
