"""Helpers for migrations that write SQL Django cannot express."""

from django.db import migrations


def run_on_postgresql(forward, backward):
    """A migration step that runs SQL on PostgreSQL and does nothing on SQLite (a laptop)."""

    def runner(sql):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql, params=None)

        return run

    return migrations.RunPython(runner(forward), runner(backward), elidable=False)
