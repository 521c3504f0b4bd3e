"""Walking the URL resolver, and snapshots of the database for refused writes."""

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

UNNAMED = "(unnamed) "
# Path values for URLs whose objects the sweep does not build (allauth's keys).
# A pilot without an outcome has no outcome_pk: the API answers 404 for a made-up one.
DEFAULT_PARAMS = {
    "key": "not-a-real-key",
    "uidb36": "zz",
    "provider_id": "barnet",
    "outcome_pk": 0,
    "months": 6,  # the benefit check-in the world gives each outcome
}
# Rows a refused request may still touch: the session (last-seen time) and nothing else.
NOT_SNAPSHOTTED = {"sessions.session"}


def url_patterns(resolver=None, namespace="", params=()):
    """Every (name, parameter names) the project serves, through every include()."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        found = tuple(params) + tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from url_patterns(entry, inner, found)
        elif isinstance(entry, URLPattern):
            # Unnamed patterns (Django admin's redirects) still need a policy entry.
            yield f"{namespace}{entry.name or UNNAMED + str(entry.pattern)}", found


def snapshot():
    """Every row of every table, so a refused write that changed anything shows."""
    state = {}
    for model in apps.get_models():
        if model._meta.label_lower in NOT_SNAPSHOTTED:
            continue
        state[model._meta.label_lower] = list(model._base_manager.order_by("pk").values_list())
    return state


def changed_tables(before, after):
    return sorted(label for label in before if before[label] != after[label])


# Statements that cannot change a row: reads, and a transaction's own bookkeeping.
READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "SET", "SHOW")


class WriteCounter:
    """Counts the statements sent through Django's connection that may change a row
    (anything but READS; a WITH ... INSERT counts), so the sweep can check every refused
    request wrote nothing without asking PostgreSQL: its per-table counters
    (pg_stat_xact_user_tables) cost about 2 ms a request, a fifth of a visitor's sweep.

    Use as `with connection.execute_wrapper(counter := WriteCounter()):`.
    """

    def __init__(self):
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(READS):
            self.writes += 1
        return execute(sql, params, many, context)
