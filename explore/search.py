"""Full-text search: PostgreSQL's stored, weighted documents; a contains-search on SQLite."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q

from pilots.resemblance import uses_full_text_search

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"
# A search ranks, counts and pages through at most this many matches, the newest: a
# common word then costs what a rare one does. One more is read, to say "more than".
MAX_MATCHES = 1_000

# What a contains-search looks through where PostgreSQL is not available.
CONTAINS_FIELDS = {
    "ideas.idea": ["title", "problem", "proposal"],
    "pilots.pilot": ["title", "summary", "hypothesis", "outcome__learned"],
}


def web_query(terms):
    return SearchQuery(terms, config=SEARCH_CONFIG, search_type="websearch")


def matching(queryset, terms):
    """Rows of `queryset` matching `terms`: English stemming on PostgreSQL."""
    if uses_full_text_search():
        return queryset.filter(search_vector=web_query(terms))
    fields = CONTAINS_FIELDS[queryset.model._meta.label_lower]
    matches = Q()
    for field in fields:
        matches |= Q(**{f"{field}__icontains": terms})
    return queryset.filter(matches)


def bounded(matches):
    """The newest MAX_MATCHES + 1 rows of `matches` (found through the full-text index),
    as a queryset to filter, count and order further."""
    newest = matches.order_by("-created_at", "-pk").values("pk")[: MAX_MATCHES + 1]
    return matches.model.objects.filter(pk__in=newest)


def ranked(queryset, terms):
    """`queryset` annotated with `rank`, how well each row matches `terms` (higher is better)."""
    if uses_full_text_search():
        return queryset.annotate(rank=SearchRank(F("search_vector"), web_query(terms)))
    # A contains-search has no ranking: newest first.
    return queryset.annotate(rank=F("created_at"))
