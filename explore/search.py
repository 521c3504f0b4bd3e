"""Full-text search: PostgreSQL's stored, weighted documents; a contains-search on SQLite."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q

from pilots.resemblance import uses_full_text_search

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"

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


def ranked(queryset, terms):
    """`queryset` annotated with `rank`, how well each row matches `terms` (higher is better)."""
    if uses_full_text_search():
        return queryset.annotate(rank=SearchRank(F("search_vector"), web_query(terms)))
    # A contains-search has no ranking: newest first.
    return queryset.annotate(rank=F("created_at"))
