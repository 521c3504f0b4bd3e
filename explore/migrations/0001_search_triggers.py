"""Full-text search on PostgreSQL: weighted documents kept current by triggers, GIN indexes.

Ideas: title (A), problem and proposal (B). Pilots: title (A), summary and
hypothesis (B), the outcome's learning (C). A trigger rather than save() code,
so bulk inserts, `.update()` and the admin all keep the document current.
Nothing happens on SQLite, where search is a contains-search.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION explore_pilot_document(title text, summary text, hypothesis text, learning text)
RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(hypothesis, '')), 'B')
        || setweight(to_tsvector('english', coalesce(learning, '')), 'C')
$$;

CREATE FUNCTION explore_idea_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.problem, '') || ' ' || coalesce(NEW.proposal, '')), 'B');
    RETURN NEW;
END
$$;

CREATE TRIGGER explore_idea_search_vector
    BEFORE INSERT OR UPDATE OF title, problem, proposal, search_vector ON ideas_idea
    FOR EACH ROW EXECUTE FUNCTION explore_idea_search_vector();

CREATE FUNCTION explore_pilot_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := explore_pilot_document(
        NEW.title, NEW.summary, NEW.hypothesis,
        (SELECT o.learned || ' ' || o.do_differently FROM outcomes_outcome o WHERE o.pilot_id = NEW.id)
    );
    RETURN NEW;
END
$$;

CREATE TRIGGER explore_pilot_search_vector
    BEFORE INSERT OR UPDATE OF title, summary, hypothesis, search_vector ON pilots_pilot
    FOR EACH ROW EXECUTE FUNCTION explore_pilot_search_vector();

-- An outcome's learning is part of its pilot's document.
CREATE FUNCTION explore_outcome_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE pilots_pilot SET search_vector = NULL WHERE id = coalesce(NEW.pilot_id, OLD.pilot_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER explore_outcome_search_vector
    AFTER INSERT OR DELETE OR UPDATE OF learned, do_differently ON outcomes_outcome
    FOR EACH ROW EXECUTE FUNCTION explore_outcome_search_vector();

UPDATE ideas_idea SET search_vector = NULL;
UPDATE pilots_pilot SET search_vector = NULL;

CREATE INDEX explore_idea_search_vector_gin ON ideas_idea USING gin (search_vector);
CREATE INDEX explore_pilot_search_vector_gin ON pilots_pilot USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS explore_pilot_search_vector_gin;
DROP INDEX IF EXISTS explore_idea_search_vector_gin;
DROP TRIGGER IF EXISTS explore_outcome_search_vector ON outcomes_outcome;
DROP FUNCTION IF EXISTS explore_outcome_search_vector();
DROP TRIGGER IF EXISTS explore_pilot_search_vector ON pilots_pilot;
DROP FUNCTION IF EXISTS explore_pilot_search_vector();
DROP TRIGGER IF EXISTS explore_idea_search_vector ON ideas_idea;
DROP FUNCTION IF EXISTS explore_idea_search_vector();
DROP FUNCTION IF EXISTS explore_pilot_document(text, text, text, text);
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0004_search_vector"),
        ("pilots", "0003_search_vector"),
        ("outcomes", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD), elidable=False),
    ]
