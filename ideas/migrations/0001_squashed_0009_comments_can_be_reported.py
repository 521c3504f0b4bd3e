"""The ideas app's tables, its themes, and the SQL Django cannot express (PostgreSQL only).

Squashed on 7 December 2026 from 0001_initial … 0009_comments_can_be_reported. A database
that has applied all of those (any release before this one) is left as it is; one that
has applied only some must first be brought up to date with the release before this one.

- SEARCH: a weighted full-text document, title (A), problem and proposal (B), kept
  current by a trigger (so bulk inserts, `.update()` and the admin keep it current), and
  its GIN index. On SQLite search is a contains-search and nothing happens.
- COUNTS: idea counts per council, audience, status and theme, kept exact by triggers.
  The browse page sums the cells a person may see instead of counting every visible
  idea. A save that changes none of council, audience or status costs nothing. A deleted
  idea's themes may go before or after it (Django's foreign keys are deferred): a theme
  link counts only while its idea exists, and an idea counts the links it still has.
"""

import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify


from ideabank.lib.migrations import run_on_postgresql

THEMES = [
    "Adult social care",
    "Children and families",
    "Housing and homelessness",
    "Environment and climate",
    "Waste and recycling",
    "Transport and highways",
    "Planning and regeneration",
    "Economic growth",
    "Community safety",
    "Public health",
    "Culture, leisure and libraries",
    "Digital and data",
    "Customer services",
    "Finance and procurement",
    "Workforce and culture",
    "Community budgets and place-based working",
]


def seed(apps, schema_editor):
    Theme = apps.get_model("ideas", "Theme")
    for name in THEMES:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def unseed(apps, schema_editor):
    Theme = apps.get_model("ideas", "Theme")
    Theme.objects.filter(slug__in=[slugify(name) for name in THEMES], ideas=None).delete()


SEARCH_FORWARD = '''
CREATE OR REPLACE FUNCTION ideas_idea_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.problem, '') || ' ' || coalesce(NEW.proposal, '')), 'B');
    RETURN NEW;
END
$$;

CREATE TRIGGER ideas_idea_search_vector
    BEFORE INSERT OR UPDATE OF title, problem, proposal, search_vector ON ideas_idea
    FOR EACH ROW EXECUTE FUNCTION ideas_idea_search_vector();

CREATE INDEX IF NOT EXISTS ideas_idea_search_vector_gin ON ideas_idea USING gin (search_vector);
'''

SEARCH_BACKWARD = '''
DROP INDEX IF EXISTS ideas_idea_search_vector_gin;
DROP TRIGGER IF EXISTS ideas_idea_search_vector ON ideas_idea;
DROP FUNCTION IF EXISTS ideas_idea_search_vector();
'''

COUNTS_FORWARD = '''
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

COUNTS_BACKWARD = '''
DROP TRIGGER IF EXISTS ideas_idea_theme_counts ON ideas_idea_themes;
DROP TRIGGER IF EXISTS ideas_idea_counts ON ideas_idea;
DROP FUNCTION IF EXISTS ideas_idea_theme_counts();
DROP FUNCTION IF EXISTS ideas_idea_counts();
DROP FUNCTION IF EXISTS ideas_count_idea(bigint, bigint, text, text, integer);
DROP INDEX IF EXISTS idea_count_cell;
'''


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('ideas', '0001_initial'),
        ('ideas', '0002_seed_themes'),
        ('ideas', '0003_protect_history'),
        ('ideas', '0004_search_vector'),
        ('ideas', '0005_browse_indexes'),
        ('ideas', '0006_search_trigger'),
        ('ideas', '0007_requested_audience_and_piloting'),
        ('ideas', '0008_idea_counts'),
        ('ideas', '0009_comments_can_be_reported'),
    ]

    dependencies = [
        ('councils', '0001_squashed_0004_council_profiles_and_similar_councils'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Theme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                ('slug', models.SlugField(max_length=100, unique=True)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Idea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='title')),
                ('problem', models.TextField(blank=True, max_length=5000, verbose_name='the problem')),
                ('proposal', models.TextField(blank=True, max_length=5000, verbose_name='the change you propose')),
                ('expected_benefit', models.TextField(blank=True, max_length=3000, verbose_name='expected benefit')),
                ('who_benefits', models.CharField(blank=True, max_length=300, verbose_name='who benefits')),
                ('cost_band', models.CharField(choices=[('none', 'No cost'), ('under_10k', 'Under £10,000'), ('10k_50k', '£10,000 to £50,000'), ('50k_250k', '£50,000 to £250,000'), ('over_250k', 'Over £250,000')], default='under_10k', max_length=20, verbose_name='rough cost')),
                ('requested_visibility', models.CharField(choices=[('council', 'My council only'), ('partners', 'My council and our partner councils'), ('councils', 'Staff of any council'), ('public', 'Everyone, including the public')], default='partners', max_length=10, verbose_name='who would you like to see this idea')),
                ('visibility', models.CharField(choices=[('council', 'My council only'), ('partners', 'My council and our partner councils'), ('councils', 'Staff of any council'), ('public', 'Everyone, including the public')], default='council', max_length=10, verbose_name='who can see this idea')),
                ('name_display', models.CharField(choices=[('everyone', 'Everyone who can see the idea'), ('council', 'People in my council only')], default='everyone', max_length=10, verbose_name='who can see your name')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('parked', 'On the shelf'), ('withdrawn', 'Withdrawn'), ('piloting', 'Piloting'), ('piloted', 'Piloted')], default='draft', max_length=12)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('verdict', models.CharField(blank=True, choices=[('worked', 'It worked'), ('partly_worked', 'It partly worked'), ('did_not_work', 'It did not work'), ('stopped_early', 'Stopped early'), ('inconclusive', 'Inconclusive')], max_length=15)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ideas', to=settings.AUTH_USER_MODEL)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ideas', to='councils.council')),
                ('themes', models.ManyToManyField(blank=True, related_name='ideas', to='ideas.theme')),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.TextField(max_length=3000, verbose_name='comment')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('hidden_at', models.DateTimeField(blank=True, null=True)),
                ('hidden_reason', models.CharField(blank=True, max_length=500, verbose_name='reason for hiding')),
                ('reported_at', models.DateTimeField(blank=True, null=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='idea_comments', to=settings.AUTH_USER_MODEL)),
                ('hidden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('reported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='ideas.idea')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='IdeaEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.TextField(blank=True)),
                ('audience', models.CharField(blank=True, choices=[('council', 'My council only'), ('partners', 'My council and our partner councils'), ('councils', 'Staff of any council'), ('public', 'Everyone, including the public')], max_length=10)),
                ('redacted', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('from_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('parked', 'On the shelf'), ('withdrawn', 'Withdrawn'), ('piloting', 'Piloting'), ('piloted', 'Piloted')], max_length=12)),
                ('to_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('parked', 'On the shelf'), ('withdrawn', 'Withdrawn'), ('piloting', 'Piloting'), ('piloted', 'Piloted')], max_length=12)),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='ideas.idea')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'abstract': False,
            },
        ),
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
        migrations.CreateModel(
            name='Endorsement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('support', 'I support this'), ('would_try', 'We would try this')], max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='endorsements', to=settings.AUTH_USER_MODEL)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='endorsements', to='ideas.idea')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('idea', 'user'), name='one_endorsement_per_person')],
            },
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['council', 'status', 'submitted_at'], name='ideas_idea_council_a9ae47_idx'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['visibility', 'status', '-created_at'], name='ideas_idea_visibil_0ffeb0_idx'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(condition=models.Q(('status', 'draft'), _negated=True), fields=['-created_at', '-id'], name='idea_shared_newest'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(condition=models.Q(('status', 'draft'), _negated=True), fields=['-updated_at', '-id'], name='idea_shared_updated'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['status', 'visibility', 'council', 'id'], name='idea_facets'),
        ),
        migrations.RunPython(seed, unseed),
        run_on_postgresql(SEARCH_FORWARD, SEARCH_BACKWARD),
        run_on_postgresql(COUNTS_FORWARD, COUNTS_BACKWARD),
    ]
