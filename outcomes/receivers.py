"""What outcomes add to the pages of the apps below, through their signals."""

from pilots.receivers import pilots_of_idea

from .models import Outcome
from .replication import EVIDENCE_RULE, evidence_with_replication, outcome_of, replication_of


def pilot_replication(sender, *, pilot, user, adoptions, hidden_adoptions, **kwargs):
    """How the pilot went in the councils that repeated it (only what `user` may see)."""
    return {"replication": replication_of(pilot, adoptions, hidden_adoptions)}


def idea_evidence(sender, *, idea, user, **kwargs):
    """The evidence level of the idea's piloted outcome, with replication taken into account."""
    pilot = next((pilot for pilot in pilots_of_idea(idea, user) if outcome_of(pilot)), None)
    if pilot is None:
        return {}
    repeats = []
    if pilot.adopted:  # else there is nothing to read
        repeats = list(Outcome.objects.visible_to(user).filter(pilot__adapted_from=pilot))
    return {
        "idea_evidence": evidence_with_replication(pilot.outcome, repeats),
        "evidence_rule": EVIDENCE_RULE,
    }
