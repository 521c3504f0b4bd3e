"""Kept for history: the full-text search triggers it once created now belong to the
apps whose tables they serve (ideas 0006, pilots 0005, outcomes 0003), which replace
explore's triggers on a database that has them. It does nothing.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0004_search_vector"),
        ("pilots", "0003_search_vector"),
        ("outcomes", "0002_initial"),
    ]

    operations = []
