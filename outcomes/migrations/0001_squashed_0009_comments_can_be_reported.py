"""The outcomes app's tables and the SQL Django cannot express (PostgreSQL only).

Squashed on 7 December 2026 from 0001_initial … 0009_comments_can_be_reported. A database
that has applied all of those (any release before this one) is left as it is; one that
has applied only some must first be brought up to date with the release before this one.

- SEARCH: an outcome's learning is part of its pilot's search document. Outcomes
  replaces pilots' `pilots_pilot_learning(pilot_id)` with one that reads the outcome, and
  a trigger refreshes the pilot's document when the outcome changes.
- COUNTS: pilot counts per council, audience, status, lineage, outcome and theme, kept
  exact by triggers, for the experiments page's facet counts (as ideas' COUNTS does for
  ideas). The triggers sit on pilots, their themes and outcomes, and write only this
  app's table: a pilot's cell depends on its outcome, which the pilots app cannot know.
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.expressions
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


from ideabank.lib.migrations import run_on_postgresql

SEARCH_FORWARD = '''
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

CREATE TRIGGER outcomes_outcome_search_vector
    AFTER INSERT OR DELETE OR UPDATE OF learned, do_differently ON outcomes_outcome
    FOR EACH ROW EXECUTE FUNCTION outcomes_outcome_search_vector();
'''

SEARCH_BACKWARD = '''
DROP TRIGGER IF EXISTS outcomes_outcome_search_vector ON outcomes_outcome;
DROP FUNCTION IF EXISTS outcomes_outcome_search_vector();
CREATE OR REPLACE FUNCTION pilots_pilot_learning(pilot_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT NULL::text
$$;
'''

COUNTS_FORWARD = '''
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

COUNTS_BACKWARD = '''
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

    initial = True

    replaces = [
        ('outcomes', '0001_initial'),
        ('outcomes', '0002_initial'),
        ('outcomes', '0003_search_trigger'),
        ('outcomes', '0004_ideas_follow_their_pilots'),
        ('outcomes', '0005_benefits_and_check_ins'),
        ('outcomes', '0005_experiment_counts'),
        ('outcomes', '0005_outcome_comments'),
        ('outcomes', '0005_structured_measure'),
        ('outcomes', '0006_merge_comments_and_benefits'),
        ('outcomes', '0007_merge_structured_measure'),
        ('outcomes', '0008_merge_experiment_counts'),
        ('outcomes', '0009_comments_can_be_reported'),
    ]

    dependencies = [
        ('councils', '0001_squashed_0004_council_profiles_and_similar_councils'),
        ('ideas', '0001_squashed_0009_comments_can_be_reported'),
        ('pilots', '0001_squashed_0008_comments_can_be_reported'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
        migrations.CreateModel(
            name='Outcome',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('measure_name', models.CharField(blank=True, max_length=150, verbose_name='what was measured')),
                ('measure_unit', models.CharField(blank=True, max_length=40, verbose_name='unit')),
                ('measure_baseline', models.DecimalField(blank=True, decimal_places=4, max_digits=14, null=True, verbose_name='baseline')),
                ('measure_result', models.DecimalField(blank=True, decimal_places=4, max_digits=14, null=True, verbose_name='result')),
                ('measure_comparison', models.DecimalField(blank=True, decimal_places=4, max_digits=14, null=True, verbose_name="comparison group's result")),
                ('verdict', models.CharField(choices=[('worked', 'It worked'), ('partly_worked', 'It partly worked'), ('did_not_work', 'It did not work'), ('stopped_early', 'Stopped early'), ('inconclusive', 'Inconclusive')], max_length=15, verbose_name='what happened')),
                ('expected_result', models.TextField(max_length=3000, verbose_name='what you expected')),
                ('measured_result', models.TextField(max_length=3000, verbose_name='what you measured')),
                ('learned', models.TextField(max_length=5000, verbose_name='what you learned')),
                ('do_differently', models.TextField(max_length=5000, verbose_name='what you would do differently')),
                ('recommend', models.CharField(choices=[('yes', 'Yes'), ('with_changes', 'Yes, with changes'), ('no', 'No')], max_length=15, verbose_name='would you recommend another council tries it?')),
                ('evidence_level', models.PositiveSmallIntegerField(choices=[(1, 'Level 1: we can describe what we did and why it matters'), (2, 'Level 2: we captured data that shows change'), (3, 'Level 3: we can show we caused the change, using a comparison group'), (4, 'Level 4: an independent evaluation confirms the impact'), (5, 'Level 5: it has been repeated elsewhere with the same results')], validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='evidence level')),
                ('actual_cost', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='actual cost (£)')),
                ('yearly_saving', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='estimated saving a year (£)')),
                ('people_reached', models.PositiveIntegerField(blank=True, null=True, verbose_name='people reached')),
                ('cashable_saving', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='cashable saving a year (£)')),
                ('cost_avoided', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='cost avoided a year (£)')),
                ('saving_basis', models.TextField(blank=True, max_length=2000, verbose_name='how the saving was worked out')),
                ('published_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('pilot', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='outcome', to='pilots.pilot')),
                ('written_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-published_at'],
            },
        ),
        migrations.CreateModel(
            name='BenefitCheckIn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('months', models.PositiveSmallIntegerField(verbose_name='months after the outcome')),
                ('due_on', models.DateField(verbose_name='due on')),
                ('reminded_at', models.DateTimeField(blank=True, null=True)),
                ('realised_cashable', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='cashable saving so far (£)')),
                ('realised_cost_avoided', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='cost avoided so far (£)')),
                ('note', models.TextField(blank=True, max_length=3000, verbose_name='note')),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('outcome', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='check_ins', to='outcomes.outcome')),
            ],
            options={
                'verbose_name': 'benefit check-in',
                'ordering': ['due_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='OutcomeComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.TextField(max_length=3000, verbose_name='comment')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('hidden_at', models.DateTimeField(blank=True, null=True)),
                ('hidden_reason', models.CharField(blank=True, max_length=500, verbose_name='reason for hiding')),
                ('reported_at', models.DateTimeField(blank=True, null=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('hidden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentioned', models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('outcome', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='outcomes.outcome')),
                ('reported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.AddIndex(
            model_name='outcome',
            index=models.Index(fields=['-published_at'], name='outcomes_ou_publish_6584a7_idx'),
        ),
        migrations.AddIndex(
            model_name='outcome',
            index=models.Index(fields=['verdict'], name='outcomes_ou_verdict_c32c1b_idx'),
        ),
        migrations.AddConstraint(
            model_name='outcome',
            constraint=models.CheckConstraint(condition=models.Q(('evidence_level__gte', 1), ('evidence_level__lte', 5)), name='evidence_level_1_to_5'),
        ),
        migrations.AddConstraint(
            model_name='outcome',
            constraint=models.CheckConstraint(condition=models.Q(('actual_cost__gte', 0)), name='outcome_cost_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='outcome',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('cashable_saving__isnull', True), ('cost_avoided__isnull', True)), models.Q(('cashable_saving__isnull', False), ('cost_avoided__isnull', False), ('yearly_saving', django.db.models.expressions.CombinedExpression(models.F('cashable_saving'), '+', models.F('cost_avoided')))), _connector='OR'), name='outcome_saving_split_adds_up'),
        ),
        migrations.AddIndex(
            model_name='benefitcheckin',
            index=models.Index(condition=models.Q(('answered_at__isnull', True)), fields=['due_on'], name='check_in_unanswered_by_due'),
        ),
        migrations.AddConstraint(
            model_name='benefitcheckin',
            constraint=models.UniqueConstraint(fields=('outcome', 'months'), name='one_check_in_per_month'),
        ),
        run_on_postgresql(SEARCH_FORWARD, SEARCH_BACKWARD),
        run_on_postgresql(COUNTS_FORWARD, COUNTS_BACKWARD),
    ]
