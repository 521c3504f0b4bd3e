"""Searches planned for their own words (ideabank/lib/planning.py)."""

import pytest
from django.db import connection

from ideabank.lib import planning
from ideabank.lib.planning import planned_for_its_words
from pilots.models import Pilot
from pilots.resemblance import text_matches

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

WORDS = ["parking", "permits"]


def prepared_statements():
    """The statements the server holds prepared for this connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def ranked_text_matches(**kwargs):
    """`text_matches` run often enough for a statement to be prepared."""
    for _ in range(connection.connection.prepare_threshold + 2):
        text_matches(Pilot.objects.all(), WORDS, **kwargs)
    return [statement for statement in prepared_statements() if "ts_rank" in statement]


def test_the_newest_matches_are_never_ranked_by_a_prepared_plan():
    assert ranked_text_matches(among_newest=200) == []


def test_ranking_every_match_keeps_its_prepared_plan():
    # Every match is gathered through the index whatever the words: a shared plan serves.
    assert len(ranked_text_matches()) == 1


def test_queries_after_it_are_prepared_as_before():
    threshold = connection.connection.prepare_threshold
    with planned_for_its_words():
        assert connection.connection.prepare_threshold is None
    assert connection.connection.prepare_threshold == threshold == 5


def test_a_failure_inside_leaves_preparing_as_it_was():
    with pytest.raises(ZeroDivisionError), planned_for_its_words():
        1 / 0  # noqa: B018

    assert connection.connection.prepare_threshold == 5


def test_without_postgresql_it_changes_nothing(monkeypatch):
    monkeypatch.setattr(planning.connection, "vendor", "sqlite")
    with planned_for_its_words():
        assert connection.connection.prepare_threshold == 5
