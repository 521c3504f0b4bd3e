"""Pilot counts per council, audience, status, lineage, outcome and theme, kept exact by
triggers, for the experiments page's facet counts (see ideas 0008_idea_counts,
which does the same for ideas). PostgreSQL only: on SQLite the table stays empty.

The triggers sit on pilots, their themes and outcomes, and write only this app's
table: a pilot's cell depends on its outcome, which the pilots app cannot know.
"""

import django.db.models.deletion
from django.db import migrations, models

from ideabank.lib.migrations import run_on_postgresql

FORWARD = '''
CREATE UNIQUE INDEX experiment_count_cell ON outcomes_experimentcount
    (council_id, visibility, status, adapted_from, verdict, evidence_level, theme_id)
    NULLS NOT DISTINCT;

-- Add `p_sign` (1 or -1) to the cells of one pilot: the one without a theme, and one per theme.
CREATE OR REPLACE FUNCTION outcomes_count_pilot(
    p_pilot bigint, p_council bigint, p_visibility text, p_status text, p_adopted boolean,
    p_verdict text, p_evidence smallint, p_sign integer
) RETURNS void LANGUAGE sql AS $$
    INSERT INTO outcomes_experimentcount
        (council_id, visibility, status, adapted_from, verdict, evidence_level, theme_id, count)
    SELECT p_council, p_visibility, p_status, p_adopted, p_verdict, p_evidence, cells.theme, p_sign
    FROM (
        SELECT NULL::bigint AS theme
        UNION ALL
        SELECT theme_id FROM pilots_pilot_themes WHERE pilot_id = p_pilot
    ) AS cells
    ON CONFLICT (council_id, visibility, status, adapted_from, verdict, evidence_level, theme_id)
    DO UPDATE SET count = outcomes_experimentcount.count + EXCLUDED.count;
$$;

-- The same for a pilot as it is now, with a given outcome (NULLs for none); nothing if it is gone.
CREATE OR REPLACE FUNCTION outcomes_count_pilot_now(
    p_pilot bigint, p_verdict text, p_evidence smallint, p_sign integer
) RETURNS void LANGUAGE sql AS $$
    SELECT outcomes_count_pilot(
        id, council_id, visibility, status, CASE WHEN adapted_from_id IS NULL THEN NULL ELSE true END,
        p_verdict, p_evidence, p_sign
    ) FROM pilots_pilot WHERE id = p_pilot;
$$;

CREATE OR REPLACE FUNCTION outcomes_pilot_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    found_verdict text;
    found_evidence smallint;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.council_id = OLD.council_id
            AND NEW.visibility = OLD.visibility AND NEW.status = OLD.status
            AND (NEW.adapted_from_id IS NULL) = (OLD.adapted_from_id IS NULL) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT verdict, evidence_level INTO found_verdict, found_evidence
        FROM outcomes_outcome WHERE pilot_id = OLD.id;
        PERFORM outcomes_count_pilot(
            OLD.id, OLD.council_id, OLD.visibility, OLD.status,
            CASE WHEN OLD.adapted_from_id IS NULL THEN NULL ELSE true END,
            found_verdict, found_evidence, -1
        );
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT verdict, evidence_level INTO found_verdict, found_evidence
        FROM outcomes_outcome WHERE pilot_id = NEW.id;
        PERFORM outcomes_count_pilot(
            NEW.id, NEW.council_id, NEW.visibility, NEW.status,
            CASE WHEN NEW.adapted_from_id IS NULL THEN NULL ELSE true END,
            found_verdict, found_evidence, 1
        );
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER outcomes_pilot_counts
    AFTER INSERT OR DELETE OR UPDATE OF council_id, visibility, status, adapted_from_id
    ON pilots_pilot FOR EACH ROW EXECUTE FUNCTION outcomes_pilot_counts();

-- One theme link: the pilot's cell for that theme, if the pilot is still there.
CREATE OR REPLACE FUNCTION outcomes_count_pilot_theme(p_pilot bigint, p_theme bigint, p_sign integer)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO outcomes_experimentcount
        (council_id, visibility, status, adapted_from, verdict, evidence_level, theme_id, count)
    SELECT p.council_id, p.visibility, p.status,
           CASE WHEN p.adapted_from_id IS NULL THEN NULL ELSE true END,
           o.verdict, o.evidence_level, p_theme, p_sign
    FROM pilots_pilot p LEFT JOIN outcomes_outcome o ON o.pilot_id = p.id
    WHERE p.id = p_pilot
    ON CONFLICT (council_id, visibility, status, adapted_from, verdict, evidence_level, theme_id)
    DO UPDATE SET count = outcomes_experimentcount.count + EXCLUDED.count;
$$;

CREATE OR REPLACE FUNCTION outcomes_pilot_theme_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM outcomes_count_pilot_theme(OLD.pilot_id, OLD.theme_id, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM outcomes_count_pilot_theme(NEW.pilot_id, NEW.theme_id, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER outcomes_pilot_theme_counts
    AFTER INSERT OR DELETE OR UPDATE ON pilots_pilot_themes
    FOR EACH ROW EXECUTE FUNCTION outcomes_pilot_theme_counts();

-- An outcome moves its pilot from the cells of "no outcome" to those of its verdict.
CREATE OR REPLACE FUNCTION outcomes_outcome_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.pilot_id = OLD.pilot_id AND NEW.verdict = OLD.verdict
            AND NEW.evidence_level = OLD.evidence_level THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM outcomes_count_pilot_now(OLD.pilot_id, OLD.verdict, OLD.evidence_level, -1);
        PERFORM outcomes_count_pilot_now(OLD.pilot_id, NULL, NULL, 1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM outcomes_count_pilot_now(NEW.pilot_id, NULL, NULL, -1);
        PERFORM outcomes_count_pilot_now(NEW.pilot_id, NEW.verdict, NEW.evidence_level, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER outcomes_outcome_counts
    AFTER INSERT OR DELETE OR UPDATE OF pilot_id, verdict, evidence_level ON outcomes_outcome
    FOR EACH ROW EXECUTE FUNCTION outcomes_outcome_counts();

-- The pilots already there.
INSERT INTO outcomes_experimentcount
    (council_id, visibility, status, adapted_from, verdict, evidence_level, theme_id, count)
SELECT p.council_id, p.visibility, p.status,
       CASE WHEN p.adapted_from_id IS NULL THEN NULL ELSE true END,
       o.verdict, o.evidence_level, t.theme_id, count(*)
FROM pilots_pilot p
LEFT JOIN outcomes_outcome o ON o.pilot_id = p.id
CROSS JOIN LATERAL (
    SELECT NULL::bigint AS theme_id
    UNION ALL
    SELECT theme_id FROM pilots_pilot_themes WHERE pilot_id = p.id
) AS t
GROUP BY 1, 2, 3, 4, 5, 6, 7;
'''

BACKWARD = '''
DROP TRIGGER IF EXISTS outcomes_outcome_counts ON outcomes_outcome;
DROP TRIGGER IF EXISTS outcomes_pilot_theme_counts ON pilots_pilot_themes;
DROP TRIGGER IF EXISTS outcomes_pilot_counts ON pilots_pilot;
DROP FUNCTION IF EXISTS outcomes_outcome_counts();
DROP FUNCTION IF EXISTS outcomes_pilot_theme_counts();
DROP FUNCTION IF EXISTS outcomes_pilot_counts();
DROP FUNCTION IF EXISTS outcomes_count_pilot_theme(bigint, bigint, integer);
DROP FUNCTION IF EXISTS outcomes_count_pilot_now(bigint, text, smallint, integer);
DROP FUNCTION IF EXISTS outcomes_count_pilot(bigint, bigint, text, text, boolean, text, smallint, integer);
DROP INDEX IF EXISTS experiment_count_cell;
'''


class Migration(migrations.Migration):

    dependencies = [
        ('councils', '0004_council_profiles_and_similar_councils'),
        ('ideas', '0008_idea_counts'),
        ('outcomes', '0004_ideas_follow_their_pilots'),
    ]

    operations = [
        migrations.CreateModel(
            name='ExperimentCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('visibility', models.CharField(choices=[('council', 'My council only'), ('partners', 'My council and our partner councils'), ('councils', 'Staff of any council'), ('public', 'Everyone, including the public')], max_length=10)),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('running', 'Running'), ('completed', 'Completed'), ('stopped_early', 'Stopped early'), ('discarded', 'Discarded')], max_length=15)),
                ('adapted_from', models.BooleanField(null=True)),
                ('verdict', models.CharField(choices=[('worked', 'It worked'), ('partly_worked', 'It partly worked'), ('did_not_work', 'It did not work'), ('stopped_early', 'Stopped early'), ('inconclusive', 'Inconclusive')], max_length=15, null=True)),
                ('evidence_level', models.PositiveSmallIntegerField(null=True)),
                ('count', models.IntegerField(default=0)),
                ('council', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='councils.council')),
                ('theme', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='ideas.theme')),
            ],
        ),
        run_on_postgresql(FORWARD, BACKWARD),
    ]
