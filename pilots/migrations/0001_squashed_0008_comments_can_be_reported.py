"""The pilots app's tables and its search trigger (PostgreSQL only).

Squashed on 7 December 2026 from 0001_initial … 0008_comments_can_be_reported. A database
that has applied all of those (any release before this one) is left as it is; one that
has applied only some must first be brought up to date with the release before this one.

SEARCH: a weighted full-text document, title (A), summary and hypothesis (B), and what
the pilot taught (C), kept current by a trigger, and its GIN index. What it taught lives
in outcomes, an app above pilots, so pilots reads it through
`pilots_pilot_learning(pilot_id)`: empty here, replaced by outcomes' migration (the
database's version of a registered hook). On SQLite nothing happens.
"""

import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


from ideabank.lib.migrations import run_on_postgresql

SEARCH_FORWARD = '''
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

CREATE TRIGGER pilots_pilot_search_vector
    BEFORE INSERT OR UPDATE OF title, summary, hypothesis, search_vector ON pilots_pilot
    FOR EACH ROW EXECUTE FUNCTION pilots_pilot_search_vector();

CREATE INDEX IF NOT EXISTS pilots_pilot_search_vector_gin ON pilots_pilot USING gin (search_vector);
'''

SEARCH_BACKWARD = '''
DROP INDEX IF EXISTS pilots_pilot_search_vector_gin;
DROP TRIGGER IF EXISTS pilots_pilot_search_vector ON pilots_pilot;
DROP FUNCTION IF EXISTS pilots_pilot_search_vector();
DROP FUNCTION IF EXISTS pilots_pilot_learning(bigint);
'''


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('pilots', '0001_initial'),
        ('pilots', '0002_protect_history'),
        ('pilots', '0003_search_vector'),
        ('pilots', '0004_browse_indexes'),
        ('pilots', '0005_search_trigger'),
        ('pilots', '0006_card_life_one_pilot_per_idea'),
        ('pilots', '0007_questions_and_comments'),
        ('pilots', '0008_comments_can_be_reported'),
    ]

    dependencies = [
        ('councils', '0001_squashed_0004_council_profiles_and_similar_councils'),
        ('ideas', '0001_squashed_0009_comments_can_be_reported'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Pilot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='title')),
                ('summary', models.TextField(max_length=3000, verbose_name='summary')),
                ('hypothesis', models.TextField(help_text='We believe that … We will know we are right when …', max_length=3000, verbose_name='hypothesis')),
                ('success_measure', models.TextField(max_length=2000, verbose_name='how you will measure success')),
                ('baseline', models.TextField(max_length=2000, verbose_name='the baseline today')),
                ('amplify_signals', models.TextField(blank=True, max_length=2000, verbose_name='signs that it is working and should grow')),
                ('stop_criteria', models.TextField(max_length=2000, verbose_name='when you will stop')),
                ('start_date', models.DateField(verbose_name='start date')),
                ('end_date', models.DateField(verbose_name='end date')),
                ('budget_cap', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='most it may spend (£)')),
                ('max_exposure', models.TextField(max_length=2000, verbose_name='who or what it may affect, at most')),
                ('rollback_plan', models.TextField(max_length=2000, verbose_name='how you will undo it')),
                ('team', models.CharField(blank=True, max_length=500, verbose_name='team')),
                ('visibility', models.CharField(choices=[('council', 'My council only'), ('partners', 'My council and our partner councils'), ('councils', 'Staff of any council'), ('public', 'Everyone, including the public')], default='partners', max_length=10, verbose_name='who can see this pilot')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('running', 'Running'), ('completed', 'Completed'), ('stopped_early', 'Stopped early'), ('discarded', 'Discarded')], default='planned', max_length=15)),
                ('stop_reason', models.TextField(blank=True, verbose_name='why it stopped early')),
                ('sign_off_requested_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('overdue_notified_at', models.DateTimeField(blank=True, null=True)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('adapted_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='adoptions', to='pilots.pilot')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pilots', to='councils.council')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('idea', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='pilots', to='ideas.idea')),
                ('lead', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='led_pilots', to=settings.AUTH_USER_MODEL)),
                ('themes', models.ManyToManyField(blank=True, related_name='pilots', to='ideas.theme')),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='PilotComment',
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
                ('pilot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='pilots.pilot')),
                ('reported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='PilotEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.TextField(blank=True)),
                ('audience', models.CharField(blank=True, choices=[('council', 'My council only'), ('partners', 'My council and our partner councils'), ('councils', 'Staff of any council'), ('public', 'Everyone, including the public')], max_length=10)),
                ('redacted', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('from_status', models.CharField(choices=[('planned', 'Planned'), ('running', 'Running'), ('completed', 'Completed'), ('stopped_early', 'Stopped early'), ('discarded', 'Discarded')], max_length=15)),
                ('to_status', models.CharField(choices=[('planned', 'Planned'), ('running', 'Running'), ('completed', 'Completed'), ('stopped_early', 'Stopped early'), ('discarded', 'Discarded')], max_length=15)),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pilot', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='pilots.pilot')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='PilotSignOff',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('limits', models.JSONField()),
                ('pilot', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='sign_off_record', to='pilots.pilot')),
                ('signed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='PilotUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.TextField(max_length=5000, verbose_name='update')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pilot_updates', to=settings.AUTH_USER_MODEL)),
                ('pilot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='pilots.pilot')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Question',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('asker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pilot_questions', to=settings.AUTH_USER_MODEL)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='councils.council')),
                ('pilot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='pilots.pilot')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Message',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.TextField(max_length=3000, verbose_name='comment')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('hidden_at', models.DateTimeField(blank=True, null=True)),
                ('hidden_reason', models.CharField(blank=True, max_length=500, verbose_name='reason for hiding')),
                ('reported_at', models.DateTimeField(blank=True, null=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('hidden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('reported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='pilots.question')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.AddIndex(
            model_name='pilot',
            index=models.Index(fields=['council', 'status'], name='pilots_pilo_council_cece11_idx'),
        ),
        migrations.AddIndex(
            model_name='pilot',
            index=models.Index(fields=['status', 'end_date'], name='pilots_pilo_status_0fa072_idx'),
        ),
        migrations.AddIndex(
            model_name='pilot',
            index=models.Index(fields=['visibility', '-created_at'], name='pilots_pilo_visibil_c77ec2_idx'),
        ),
        migrations.AddIndex(
            model_name='pilot',
            index=models.Index(fields=['-created_at', '-id'], name='pilot_newest'),
        ),
        migrations.AddIndex(
            model_name='pilot',
            index=models.Index(fields=['-updated_at', '-id'], name='pilot_updated'),
        ),
        migrations.AddIndex(
            model_name='pilot',
            index=models.Index(fields=['visibility', 'council', 'status', 'id'], name='pilot_facets'),
        ),
        migrations.AddConstraint(
            model_name='pilot',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='pilot_ends_after_it_starts'),
        ),
        migrations.AddConstraint(
            model_name='pilot',
            constraint=models.CheckConstraint(condition=models.Q(('budget_cap__gte', 0)), name='pilot_budget_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='pilot',
            constraint=models.UniqueConstraint(condition=models.Q(('adapted_from__isnull', False)), fields=('adapted_from', 'council'), name='one_adoption_per_council'),
        ),
        migrations.AddConstraint(
            model_name='pilot',
            constraint=models.UniqueConstraint(condition=models.Q(('idea__isnull', False), models.Q(('status', 'discarded'), _negated=True)), fields=('idea',), name='one_pilot_per_idea'),
        ),
        migrations.AddIndex(
            model_name='question',
            index=models.Index(fields=['asker', 'created_at'], name='pilots_ques_asker_i_b9a395_idx'),
        ),
        run_on_postgresql(SEARCH_FORWARD, SEARCH_BACKWARD),
    ]
