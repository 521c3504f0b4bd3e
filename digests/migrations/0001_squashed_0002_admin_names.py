
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('digests', '0001_initial'),
        ('digests', '0002_admin_names'),
    ]

    dependencies = [
        ('ideas', '0001_squashed_0009_comments_can_be_reported'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DigestRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=30, unique=True)),
                ('period', models.CharField(choices=[('off', 'Never: do not send me digests'), ('daily', 'Every morning'), ('weekly', 'Every Monday morning')], max_length=10)),
                ('start', models.DateTimeField()),
                ('end', models.DateTimeField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'digest run',
                'verbose_name_plural': 'digest runs',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='DigestPreference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('frequency', models.CharField(choices=[('off', 'Never: do not send me digests'), ('daily', 'Every morning'), ('weekly', 'Every Monday morning')], default='weekly', max_length=10, verbose_name='How often do you want a digest?')),
                ('scope', models.CharField(choices=[('partnerships', 'My council and our partner councils'), ('all', 'All councils I can see')], default='partnerships', max_length=15, verbose_name='Which councils should it cover?')),
                ('include_review_queue', models.BooleanField(default=True, verbose_name='Ideas waiting for my review')),
                ('include_overdue_pilots', models.BooleanField(default=True, verbose_name='Pilots that have passed their end date without an outcome')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('themes', models.ManyToManyField(blank=True, related_name='+', to='ideas.theme')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='digest_preference', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'digest setting',
                'verbose_name_plural': 'digest settings',
            },
        ),
        migrations.CreateModel(
            name='DigestDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Waiting to be sent'), ('sent', 'Sent'), ('failed', 'Could not be sent')], default='pending', max_length=10)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('last_error', models.TextField(blank=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='digest_deliveries', to=settings.AUTH_USER_MODEL)),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='digests.digestrun')),
            ],
            options={
                'verbose_name': 'digest delivery',
                'verbose_name_plural': 'digest deliveries',
                'ordering': ['run', 'pk'],
                'indexes': [models.Index(fields=['status', 'claimed_at'], name='digests_dig_status_3f69b7_idx')],
                'constraints': [models.UniqueConstraint(fields=('run', 'user'), name='one_digest_per_person_per_run')],
            },
        ),
    ]
