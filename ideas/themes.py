"""The names of an idea's or a pilot's themes, read with the row where the database can."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef

from .models import Theme


def with_theme_names(rows):
    """`rows` (ideas or pilots) each with `theme_names`, its themes' names A to Z, read in
    the same query: on PostgreSQL, as an array. Elsewhere `rows` as they are, for
    `theme_names_of` to read afterwards."""
    if connection.vendor != "postgresql":
        return rows
    related = rows.model.themes.field.related_query_name()
    themes = Theme.objects.filter(**{related: OuterRef("pk")}).order_by("name")
    return rows.annotate(theme_names=ArraySubquery(themes.values("name")))


def theme_names_of(row):
    """`row`'s themes' names A to Z: read with it by `with_theme_names`, or now."""
    names = getattr(row, "theme_names", None)
    if names is None:
        names = [theme.name for theme in row.themes.all()]
    return names
