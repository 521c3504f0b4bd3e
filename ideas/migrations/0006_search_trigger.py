"""Full-text search for ideas on PostgreSQL: a weighted document kept current by a
trigger, and its GIN index. Nothing happens on SQLite, where search is a contains-search.

Title (A), problem and proposal (B). A trigger rather than save() code, so bulk
inserts, `.update()` and the admin all keep the document current.

This took over from explore's 0001_search_triggers (each app owns its tables'
triggers): on a database that already has explore's trigger, it is replaced by the
same one under this app's name and the index is renamed, so nothing is rebuilt.
"""

from django.db import migrations

from ideabank.lib.migrations import run_on_postgresql

FORWARD = """
DROP TRIGGER IF EXISTS explore_idea_search_vector ON ideas_idea;
DROP FUNCTION IF EXISTS explore_idea_search_vector();

CREATE OR REPLACE FUNCTION ideas_idea_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.problem, '') || ' ' || coalesce(NEW.proposal, '')), 'B');
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS ideas_idea_search_vector ON ideas_idea;
CREATE TRIGGER ideas_idea_search_vector
    BEFORE INSERT OR UPDATE OF title, problem, proposal, search_vector ON ideas_idea
    FOR EACH ROW EXECUTE FUNCTION ideas_idea_search_vector();

ALTER INDEX IF EXISTS explore_idea_search_vector_gin RENAME TO ideas_idea_search_vector_gin;
CREATE INDEX IF NOT EXISTS ideas_idea_search_vector_gin ON ideas_idea USING gin (search_vector);

UPDATE ideas_idea SET search_vector = NULL WHERE search_vector IS NULL;
"""

BACKWARD = """
DROP INDEX IF EXISTS ideas_idea_search_vector_gin;
DROP TRIGGER IF EXISTS ideas_idea_search_vector ON ideas_idea;
DROP FUNCTION IF EXISTS ideas_idea_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0005_browse_indexes"),
    ]

    operations = [run_on_postgresql(FORWARD, BACKWARD)]
