"""Who may write an outcome and record its benefits. Seeing one follows its pilot."""

from pilots.permissions import can_close_pilot, is_lead_or_manager


def can_write_outcome(user, pilot):
    """The lead or a manager writes the outcome of a running pilot, once, as they close it."""
    return can_close_pilot(user, pilot) and not hasattr(pilot, "outcome")


def can_correct_benefits(user, check_in):
    """The same people correct an answered check-in's figures: a wrong figure would stay
    in every council's savings ledger."""
    return check_in.answered_at is not None and is_lead_or_manager(user, check_in.outcome.pilot)


def can_record_benefits(user, check_in):
    """The lead or a manager of the pilot's council answers a due check-in, once."""
    return check_in.answered_at is None and is_lead_or_manager(user, check_in.outcome.pilot)
