"""Who may write an outcome and record its benefits. Seeing one follows its pilot."""

from pilots.permissions import can_close_pilot, is_lead_or_manager


def can_write_outcome(user, pilot):
    """The lead or a manager writes the outcome of a running pilot, once, as they close it."""
    return can_close_pilot(user, pilot) and not hasattr(pilot, "outcome")


def has_published_outcome(user, pilot):
    """The pilot's outcome is published and the user is one of those who write it: they
    are told so, not refused."""
    return hasattr(pilot, "outcome") and is_lead_or_manager(user, pilot)


def answers_check_ins(user, outcome):
    """The lead and the managers of the pilot's council answer its check-ins and correct
    them; anyone else who sees the outcome is refused."""
    return is_lead_or_manager(user, outcome.pilot)


def can_correct_benefits(user, check_in):
    """The same people correct an answered check-in's figures: a wrong figure would stay
    in every council's savings ledger."""
    return check_in.answered_at is not None and answers_check_ins(user, check_in.outcome)


def can_record_benefits(user, check_in, today):
    """The lead or a manager answers a check-in once it is due, once."""
    return (
        check_in.answered_at is None
        and check_in.is_due(today)
        and answers_check_ins(user, check_in.outcome)
    )
