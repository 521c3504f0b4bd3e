"""'Already tried': pilots that look like an idea being written, from other councils and
from the idea's own council (its earlier pilots, labelled as such)."""

import re

from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q

from pilots.models import Pilot

from .search import any_of, uses_full_text_search

MAX_SIMILAR = 5
MAX_WORDS = 20
WORD = re.compile(r"[^\W\d_]{3,}")
# Words so common in council ideas that they say nothing about likeness.
COMMON_WORDS = {
    "and", "the", "for", "with", "that", "this", "from", "our", "their", "they", "are",
    "was", "were", "will", "would", "could", "should", "have", "has", "not", "but", "more",
    "less", "council", "councils", "residents", "people", "service", "services",
}  # fmt: skip


def key_words(*texts):
    """The distinct meaningful words of `texts`, the title's first, at most MAX_WORDS."""
    words = []
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            if word not in COMMON_WORDS and word not in words:
                words.append(word)
    return words[:MAX_WORDS]


def similar_pilots(user, *, title, problem="", council_id=None, idea_id=None):
    """Up to five pilots visible to `user`, most alike first, each marked `from_own_council`
    when it belongs to `council_id` (the idea's council). The idea's own pilots are left out.
    """
    words = key_words(title, problem)
    if not words:
        return []
    pilots = Pilot.objects.visible_to(user).select_related("council", "outcome")
    if idea_id is not None:
        pilots = pilots.exclude(idea_id=idea_id)
    if uses_full_text_search():
        query = any_of(words)
        pilots = (
            pilots.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-pk")
        )
    else:
        matches = Q()
        for word in words[:5]:
            matches |= Q(title__icontains=word) | Q(summary__icontains=word)
        pilots = pilots.filter(matches).order_by("-pk")
    found = list(pilots[:MAX_SIMILAR])
    for pilot in found:
        pilot.from_own_council = pilot.council_id == council_id
    return found
