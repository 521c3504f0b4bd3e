"""'Already tried': pilots that look like an idea being written, from other councils and
from the idea's own council (its earlier pilots, labelled as such).

Ranked by text match and by how alike the councils are: a pilot's score is its
text match times (1 + LIKENESS_WEIGHT × closeness), where closeness is
1 − distance (councils/similarity.py) for the idea's council itself and its 10
most similar councils, and 0 for any other council. So of two pilots that match
equally well, the one from a council more like the idea's comes first, and a
council like it can outrank a slightly better match from a council unlike it.
Only pilots the person may see are matched, weighed or counted.
"""

from councils.similarity import likeness_to
from pilots.models import Pilot
from pilots.resemblance import failures_resembling, key_words, text_matches

MAX_SIMILAR = 5
LIKENESS_WEIGHT = 0.5


def similar_pilots(user, *, title, problem="", council_id=None, idea_id=None):
    """Up to five pilots visible to `user`, best first (see above). Each is marked
    `from_own_council` when it belongs to `council_id` (the idea's council) and carries
    `alike_reasons` when its council is one of that council's most similar. The idea's
    own pilots are left out."""
    words = key_words(title, problem)
    if not words:
        return []
    pilots = Pilot.objects.visible_to(user).select_related("council", "outcome")
    if idea_id is not None:
        pilots = pilots.exclude(idea_id=idea_id)
    found = text_matches(pilots.defer("search_vector"), words)
    likeness = likeness_to(council_id)
    for pilot in found:
        alike = likeness.get(pilot.council_id)
        closeness = 1 - alike.distance if alike else 0.0
        pilot.score = float(pilot.text_match) * (1 + LIKENESS_WEIGHT * closeness)
        pilot.from_own_council = pilot.council_id == council_id
        pilot.alike_reasons = alike.reasons if alike and not pilot.from_own_council else ""
        pilot.alike = bool(alike) and not pilot.from_own_council
    found.sort(key=lambda pilot: (-pilot.score, -pilot.pk))
    return found[:MAX_SIMILAR]


def failed_like(user, *, title, problem=""):
    """Pilots `user` may see that did not work or stopped early and closely resemble the
    idea being written (pilots/resemblance.py)."""
    return failures_resembling(Pilot.objects.visible_to(user), title, problem)
