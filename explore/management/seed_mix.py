"""The mix seed_scale draws from: how often each visibility, status, verdict and
evidence level comes up, as (value, weight) pairs, and how far back the history goes."""

from datetime import timedelta

from councils.models import Visibility
from ideas.models import Idea
from outcomes.models import Outcome
from pilots.models import Pilot

# Weighted choices: (value, weight).
VISIBILITIES = [
    (Visibility.COUNCIL, 30),
    (Visibility.PARTNERS, 30),
    (Visibility.COUNCILS, 25),
    (Visibility.PUBLIC, 15),
]
IDEA_STATUSES = [
    (Idea.Status.DRAFT, 4),
    (Idea.Status.SUBMITTED, 26),
    (Idea.Status.IN_REVIEW, 6),
    (Idea.Status.ACCEPTED, 22),
    (Idea.Status.DECLINED, 18),
    (Idea.Status.PARKED, 19),
    (Idea.Status.WITHDRAWN, 5),
]
PILOT_STATUSES = [
    (Pilot.Status.PLANNED, 10),
    (Pilot.Status.RUNNING, 25),
    (Pilot.Status.COMPLETED, 50),
    (Pilot.Status.STOPPED_EARLY, 15),
]
COMPLETED_VERDICTS = [
    (Outcome.Verdict.WORKED, 35),
    (Outcome.Verdict.PARTLY_WORKED, 30),
    (Outcome.Verdict.DID_NOT_WORK, 20),
    (Outcome.Verdict.INCONCLUSIVE, 15),
]
STOPPED_VERDICTS = [
    (Outcome.Verdict.STOPPED_EARLY, 70),
    (Outcome.Verdict.DID_NOT_WORK, 20),
    (Outcome.Verdict.INCONCLUSIVE, 10),
]
EVIDENCE_LEVELS = [(1, 35), (2, 35), (3, 20), (4, 8), (5, 2)]
ADOPTION_SHARE = 0.08
HISTORY = timedelta(days=3 * 365)
