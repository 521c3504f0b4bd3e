"""Idea counts per council, audience, status and theme, kept exact by triggers.

The browse page sums these cells over the ones a person may see (the same
`shared_filter` the ideas go through) instead of counting every visible idea.
PostgreSQL only: on SQLite the table stays empty and the page counts the ideas.

A trigger rather than save() code, so bulk loads, `.update()`, the admin and a
shell all keep the counts exact. A save that changes none of council, audience
or status costs nothing. A deleted idea's themes may go before or after it
(Django's foreign keys are deferred): a theme link counts only while its idea
exists, and an idea counts the links it still has.
"""

import django.db.models.deletion
from django.db import migrations, models

from ideabank.lib.migrations import run_on_postgresql

FORWARD = '''
CREATE UNIQUE INDEX idea_count_cell ON ideas_ideacount (council_id, visibility, status, theme_id)
    NULLS NOT DISTINCT;

-- Add `sign` (1 or -1) to the cells of one idea: the one without a theme, and one per theme.
CREATE OR REPLACE FUNCTION ideas_count_idea(
    p_idea bigint, p_council bigint, p_visibility text, p_status text, p_sign integer
) RETURNS void LANGUAGE sql AS $$
    INSERT INTO ideas_ideacount (council_id, visibility, status, theme_id, count)
    SELECT p_council, p_visibility, p_status, cells.theme, p_sign
    FROM (
        SELECT NULL::bigint AS theme
        UNION ALL
        SELECT theme_id FROM ideas_idea_themes WHERE idea_id = p_idea
    ) AS cells
    ON CONFLICT (council_id, visibility, status, theme_id)
    DO UPDATE SET count = ideas_ideacount.count + EXCLUDED.count;
$$;

CREATE OR REPLACE FUNCTION ideas_idea_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.council_id = OLD.council_id
            AND NEW.visibility = OLD.visibility AND NEW.status = OLD.status THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM ideas_count_idea(OLD.id, OLD.council_id, OLD.visibility, OLD.status, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM ideas_count_idea(NEW.id, NEW.council_id, NEW.visibility, NEW.status, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ideas_idea_counts
    AFTER INSERT OR DELETE OR UPDATE OF council_id, visibility, status ON ideas_idea
    FOR EACH ROW EXECUTE FUNCTION ideas_idea_counts();

CREATE OR REPLACE FUNCTION ideas_idea_theme_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO ideas_ideacount (council_id, visibility, status, theme_id, count)
        SELECT council_id, visibility, status, OLD.theme_id, -1 FROM ideas_idea WHERE id = OLD.idea_id
        ON CONFLICT (council_id, visibility, status, theme_id)
        DO UPDATE SET count = ideas_ideacount.count + EXCLUDED.count;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ideas_ideacount (council_id, visibility, status, theme_id, count)
        SELECT council_id, visibility, status, NEW.theme_id, 1 FROM ideas_idea WHERE id = NEW.idea_id
        ON CONFLICT (council_id, visibility, status, theme_id)
        DO UPDATE SET count = ideas_ideacount.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ideas_idea_theme_counts
    AFTER INSERT OR DELETE OR UPDATE ON ideas_idea_themes
    FOR EACH ROW EXECUTE FUNCTION ideas_idea_theme_counts();

-- The ideas already there.
INSERT INTO ideas_ideacount (council_id, visibility, status, theme_id, count)
SELECT council_id, visibility, status, NULL, count(*) FROM ideas_idea
GROUP BY council_id, visibility, status;
INSERT INTO ideas_ideacount (council_id, visibility, status, theme_id, count)
SELECT i.council_id, i.visibility, i.status, t.theme_id, count(*)
FROM ideas_idea i JOIN ideas_idea_themes t ON t.idea_id = i.id
GROUP BY i.council_id, i.visibility, i.status, t.theme_id;
'''

BACKWARD = '''
DROP TRIGGER IF EXISTS ideas_idea_theme_counts ON ideas_idea_themes;
DROP TRIGGER IF EXISTS ideas_idea_counts ON ideas_idea;
DROP FUNCTION IF EXISTS ideas_idea_theme_counts();
DROP FUNCTION IF EXISTS ideas_idea_counts();
DROP FUNCTION IF EXISTS ideas_count_idea(bigint, bigint, text, text, integer);
DROP INDEX IF EXISTS idea_count_cell;
'''


class Migration(migrations.Migration):

    dependencies = [
        ('councils', '0004_council_profiles_and_similar_councils'),
        ('ideas', '0007_requested_audience_and_piloting'),
    ]

    operations = [
        migrations.CreateModel(
            name='IdeaCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('visibility', models.CharField(choices=[('council', 'My council only'), ('partners', 'My council and our partner councils'), ('councils', 'Staff of any council'), ('public', 'Everyone, including the public')], max_length=10)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('parked', 'On the shelf'), ('withdrawn', 'Withdrawn'), ('piloting', 'Piloting'), ('piloted', 'Piloted')], max_length=12)),
                ('count', models.IntegerField(default=0)),
                ('council', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='councils.council')),
                ('theme', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='ideas.theme')),
            ],
        ),
        run_on_postgresql(FORWARD, BACKWARD),
    ]
