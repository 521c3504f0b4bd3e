"""A count of related rows as a column of the outer query."""

from django.db.models import Count, IntegerField, Subquery
from django.db.models.functions import Coalesce


def count_of(rows, by):
    """How many of `rows` belong to each outer row, 0 where none do.

    `rows` is filtered on an `OuterRef` already; `by` is the field naming the outer
    row (`idea`, `adapted_from`, `recipient`). One correlated subquery, so a page
    reads its counts in the query that reads its rows.
    """
    counts = rows.order_by().values(by).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)
