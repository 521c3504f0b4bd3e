"""An outcome's learning is part of its pilot's search document (PostgreSQL only).

Outcomes replaces pilots' `pilots_pilot_learning(pilot_id)` with one that reads the
outcome, and a trigger refreshes the pilot's document when the outcome changes.

This took over from explore's 0001_search_triggers (each app owns its tables'
triggers): on a database that already has explore's trigger, it is replaced by the
same one under this app's name.
"""

from django.db import migrations

from ideabank.lib.migrations import run_on_postgresql

FORWARD = """
DROP TRIGGER IF EXISTS explore_outcome_search_vector ON outcomes_outcome;
DROP FUNCTION IF EXISTS explore_outcome_search_vector();

-- $1 rather than the argument's name: outcomes_outcome has a pilot_id column.
CREATE OR REPLACE FUNCTION pilots_pilot_learning(pilot_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT o.learned || ' ' || o.do_differently FROM outcomes_outcome o WHERE o.pilot_id = $1
$$;

CREATE OR REPLACE FUNCTION outcomes_outcome_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE pilots_pilot SET search_vector = NULL WHERE id = coalesce(NEW.pilot_id, OLD.pilot_id);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS outcomes_outcome_search_vector ON outcomes_outcome;
CREATE TRIGGER outcomes_outcome_search_vector
    AFTER INSERT OR DELETE OR UPDATE OF learned, do_differently ON outcomes_outcome
    FOR EACH ROW EXECUTE FUNCTION outcomes_outcome_search_vector();

UPDATE pilots_pilot SET search_vector = NULL WHERE search_vector IS NULL;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS outcomes_outcome_search_vector ON outcomes_outcome;
DROP FUNCTION IF EXISTS outcomes_outcome_search_vector();
CREATE OR REPLACE FUNCTION pilots_pilot_learning(pilot_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT NULL::text
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0002_initial"),
        ("pilots", "0005_search_trigger"),
    ]

    operations = [run_on_postgresql(FORWARD, BACKWARD)]
