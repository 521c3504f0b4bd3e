"""How much a piece of writing (an idea, a card) resembles pilots already run.

Used by "Already tried", "Similar pilots" (explore/similar.py) and the warning
about pilots that did not work (`failures_resembling`). On PostgreSQL the
pilots' stored search documents are matched and ranked (English stemming); on
SQLite, a contains-search on title and summary, ranked by how many of the
words each pilot shares. Every caller passes a queryset already scoped with
`visible_to(user)`, so what a person may not see never takes part.
"""

import re
from contextlib import nullcontext

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from ideabank.lib.planning import planned_for_its_words
from ideas.models import Verdict

MAX_WORDS = 20
CANDIDATES = 50  # best text matches looked at before anything else is weighed
# "Councils trying alike" ranks the newest 200 text matches only: ranking every pilot that
# shares one of twenty words read a third of 100,000 pilots through the visibility rule's
# lineage (333 ms a pilot page; docs/performance.md "Eighth pass"). The others rank them all.
ALIKE_AMONG_NEWEST = 200
WORD = re.compile(r"[^\W\d_]{3,}")
# Words so common in council ideas that they say nothing about likeness.
COMMON_WORDS = {
    "and", "the", "for", "with", "that", "this", "from", "our", "their", "they", "are",
    "was", "were", "will", "would", "could", "should", "have", "has", "not", "but", "more",
    "less", "council", "councils", "residents", "people", "service", "services", "pilot",
    "pilots", "trial", "new", "use", "using",
}  # fmt: skip
# "Closely resembles": at least this many of the writing's key words are in the pilot's
# title or summary (or all of them, if it has fewer).
CLOSE_SHARED_WORDS = 2
MAX_WARNINGS = 3
LESSON_WORDS = 30
SEARCH_CONFIG = "english"


def key_words(*texts):
    """The distinct meaningful words of `texts`, the first text's first, at most MAX_WORDS."""
    words = []
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            if word not in COMMON_WORDS and word not in words:
                words.append(word)
    return words[:MAX_WORDS]


def stem(word):
    """A crude English stem, enough to tell "texts" and "text" are one word."""
    for ending in ("ing", "es", "ed", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def uses_full_text_search():
    return connection.vendor == "postgresql"


def any_of(words):
    """A query matching documents that contain any of `words`, for ranking by likeness."""
    query = None
    for word in words:
        term = SearchQuery(word, config=SEARCH_CONFIG, search_type="plain")
        query = term if query is None else query | term
    return query


def shared_words(words, pilot):
    """How many of `words` (stemmed) are in `pilot`'s title or summary."""
    own = {stem(word) for word in key_words(pilot.title, pilot.summary)}
    return sum(1 for word in words if stem(word) in own)


def text_matches(pilots, words, *, limit=CANDIDATES, among_newest=None):
    """Up to `limit` of `pilots` that match any of `words`, best match first, each with
    `text_match` (higher is better; comparable only within one call). With `among_newest`,
    only that many of the newest matches are ranked (PostgreSQL; a search does the same)."""
    if not words:
        return []
    if uses_full_text_search():
        query = any_of(words)
        matches = pilots.filter(search_vector=query)
        if among_newest is not None:
            newest = matches.order_by("-created_at", "-pk").values("pk")[:among_newest]
            matches = matches.filter(pk__in=newest)
        ranked = matches.annotate(text_match=SearchRank(F("search_vector"), query))
        with planned_for_its_words() if among_newest is not None else nullcontext():
            found = list(ranked.order_by("-text_match", "-pk")[:limit])
    else:
        matches = Q()
        for word in words[:5]:
            matches |= Q(title__icontains=word) | Q(summary__icontains=word)
        found = list(pilots.filter(matches).order_by("-pk")[: limit * 4])
        for pilot in found:
            pilot.text_match = shared_words(words, pilot)
        found.sort(key=lambda pilot: (-pilot.text_match, -pilot.pk))
        found = found[:limit]
    return found


def closely_resembling(pilots, words, *, among_newest=None):
    """The best text matches of `pilots` for `words` that share at least CLOSE_SHARED_WORDS
    of them (all of them, if there are fewer), best first (`among_newest`: `text_matches`)."""
    needed = min(CLOSE_SHARED_WORDS, len(words))
    found = text_matches(pilots.defer("search_vector"), words, among_newest=among_newest)
    return [pilot for pilot in found if needed and shared_words(words, pilot) >= needed]


def failures_resembling(pilots, *texts, exclude_pk=None):
    """Pilots of `pilots` that did not work or stopped early and closely resemble `texts`,
    best match first, at most MAX_WARNINGS, each with `lesson` (the stop reason, or
    what was learned) and `ended_year`."""
    words = key_words(*texts)
    failed = pilots.did_not_work().select_related("council", "outcome")
    if exclude_pk is not None:
        failed = failed.exclude(pk=exclude_pk)
    close = closely_resembling(failed, words)
    for pilot in close[:MAX_WARNINGS]:
        pilot.lesson = lesson_of(pilot)
        ended = pilot.closed_at or pilot.outcome.published_at
        pilot.ended_year = ended.year
        pilot.stopped = pilot.status == pilot.Status.STOPPED_EARLY or (
            pilot.outcome.verdict == Verdict.STOPPED_EARLY
        )
    return close[:MAX_WARNINGS]


def lesson_of(pilot):
    """What another council should know first: why it stopped, else what was learned."""
    return (pilot.stop_reason or pilot.outcome.learned or "").strip()


def councils_trying_alike(pilots, pilot, *, lineage):
    """The ids of the councils with a pilot in `pilots` of the same kind as `pilot`: in its
    `lineage` (the pilots of `pilots` it was adapted from or adopted as, which its page
    has already read), or closely resembling its card (running, planned or finished; among
    the newest ALIKE_AMONG_NEWEST text matches)."""
    words = key_words(pilot.title, pilot.summary)
    # Only what likeness and the answer need, not each match's whole card.
    others = pilots.exclude(pk=pilot.pk).only("council_id", "title", "summary")
    alike = closely_resembling(others, words, among_newest=ALIKE_AMONG_NEWEST)
    return {other.council_id for other in [*alike, *lineage]}
