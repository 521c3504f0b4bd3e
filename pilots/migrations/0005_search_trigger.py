"""Full-text search for pilots on PostgreSQL: a weighted document kept current by a
trigger, and its GIN index. Nothing happens on SQLite, where search is a contains-search.

Title (A), summary and hypothesis (B), and what the pilot taught (C). What it taught
lives in outcomes, an app above pilots, so pilots reads it through
`pilots_pilot_learning(pilot_id)`: empty here, replaced by outcomes' migration
(the database's version of a registered hook).

This took over from explore's 0001_search_triggers (each app owns its tables'
triggers): on a database that already has explore's trigger, it is replaced by the
same one under this app's name and the index is renamed, so nothing is rebuilt.
"""

from django.db import migrations

from ideabank.lib.migrations import run_on_postgresql

FORWARD = """
DROP TRIGGER IF EXISTS explore_pilot_search_vector ON pilots_pilot;
DROP FUNCTION IF EXISTS explore_pilot_search_vector();
DROP FUNCTION IF EXISTS explore_pilot_document(text, text, text, text);

CREATE OR REPLACE FUNCTION pilots_pilot_learning(pilot_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT NULL::text
$$;

CREATE OR REPLACE FUNCTION pilots_pilot_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.summary, '') || ' ' || coalesce(NEW.hypothesis, '')), 'B')
        || setweight(to_tsvector('english', coalesce(pilots_pilot_learning(NEW.id), '')), 'C');
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS pilots_pilot_search_vector ON pilots_pilot;
CREATE TRIGGER pilots_pilot_search_vector
    BEFORE INSERT OR UPDATE OF title, summary, hypothesis, search_vector ON pilots_pilot
    FOR EACH ROW EXECUTE FUNCTION pilots_pilot_search_vector();

ALTER INDEX IF EXISTS explore_pilot_search_vector_gin RENAME TO pilots_pilot_search_vector_gin;
CREATE INDEX IF NOT EXISTS pilots_pilot_search_vector_gin ON pilots_pilot USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS pilots_pilot_search_vector_gin;
DROP TRIGGER IF EXISTS pilots_pilot_search_vector ON pilots_pilot;
DROP FUNCTION IF EXISTS pilots_pilot_search_vector();
DROP FUNCTION IF EXISTS pilots_pilot_learning(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0004_browse_indexes"),
    ]

    operations = [run_on_postgresql(FORWARD, BACKWARD)]
