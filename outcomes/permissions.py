"""Who may write an outcome. Seeing one follows its pilot (`Outcome.objects.visible_to`)."""

from pilots.permissions import can_close_pilot


def can_write_outcome(user, pilot):
    """The lead or a manager writes the outcome of a running pilot, once, as they close it."""
    return can_close_pilot(user, pilot) and not hasattr(pilot, "outcome")
