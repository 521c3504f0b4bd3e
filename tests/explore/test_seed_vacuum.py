"""`seed_scale` leaves its tables as a running site has them: vacuumed, kept counts too."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from ideas.models import IdeaCount
from outcomes.models import ExperimentCount

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def vacuumed(model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s",
            [model._meta.db_table],
        )
        return cursor.fetchone()[0]


def test_the_kept_counts_are_vacuumed_after_seeding(barnet, brent, leeds):
    call_command(
        "seed_scale",
        councils=3,
        users=10,
        ideas=60,
        pilots=20,
        force=True,
        stdout=io.StringIO(),
    )

    assert IdeaCount.objects.exists() and ExperimentCount.objects.exists()
    assert vacuumed(IdeaCount)
    assert vacuumed(ExperimentCount)
