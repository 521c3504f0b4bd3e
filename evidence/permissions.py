"""Who may attach and remove evidence. Seeing a file follows its pilot
(`EvidenceFile.objects.visible_to`); these predicates assume the pilot is already
visible to the user."""

from pilots.permissions import is_lead_or_manager
from pilots.permissions import person_label as pilot_person_label


def can_attach_to_pilot(user, pilot):
    """The people who run a pilot (its lead and its council's managers) attach evidence
    at any stage: a planned card's business case, a running pilot's data."""
    return is_lead_or_manager(user, pilot)


def can_attach_to_outcome(user, outcome):
    """The same people attach the evaluation report to the pilot's outcome."""
    return is_lead_or_manager(user, outcome.pilot)


def can_remove(user, evidence):
    """The same people take a file off again: one attached by mistake, or holding what
    it should not (a name, a home address). Infected files are gone already."""
    return is_lead_or_manager(user, evidence.pilot)


def uploader_label(user, evidence):
    """Who uploaded it, under the name-privacy rule of the pilot's page."""
    return pilot_person_label(user, evidence.pilot, evidence.uploaded_by)
