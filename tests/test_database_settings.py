"""How the app's own PostgreSQL connections are set up (ideabank/settings.py)."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def setting(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_queries_run_without_jit_or_parallel_workers():
    assert setting("jit") == "off"
    assert setting("max_parallel_workers_per_gather") == "0"
