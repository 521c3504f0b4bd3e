
import accounts.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('accounts', '0001_initial'),
        ('accounts', '0002_notification_preferences'),
        ('accounts', '0003_closed_accounts'),
        ('accounts', '0004_pilot_emails'),
        ('accounts', '0005_notification_kinds'),
    ]

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='User',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password', models.CharField(max_length=128, verbose_name='password')),
                ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                ('email', models.EmailField(max_length=254, unique=True, verbose_name='email address')),
                ('full_name', models.CharField(blank=True, max_length=150, verbose_name='full name')),
                ('job_title', models.CharField(blank=True, max_length=150, verbose_name='job title')),
                ('notify_idea_submitted', models.BooleanField(default=True, verbose_name='a new idea is submitted for my review')),
                ('notify_idea_decided', models.BooleanField(default=True, verbose_name='a decision is made on my idea')),
                ('notify_idea_comment', models.BooleanField(default=True, verbose_name='someone comments on my idea')),
                ('notify_pilot_adopted', models.BooleanField(default=True, verbose_name='another council adopts a pilot I lead')),
                ('notify_pilot_overdue', models.BooleanField(default=True, verbose_name='a pilot passes its end date without an outcome')),
                ('notify_pilot_created', models.BooleanField(default=True, verbose_name='a pilot card is started from my idea, or for me to lead')),
                ('notify_sign_off_requested', models.BooleanField(default=True, verbose_name='a pilot card is waiting for my sign-off')),
                ('notify_pilot_signed_off', models.BooleanField(default=True, verbose_name='a pilot from my idea, or that I lead, is signed off')),
                ('notify_pilot_stopped_early', models.BooleanField(default=True, verbose_name='a pilot from my idea, or that I lead, stops early')),
                ('notify_pilot_closed', models.BooleanField(default=True, verbose_name='a pilot from my idea, or that I lead, closes with its outcome')),
                ('notify_adopted_outcome', models.BooleanField(default=True, verbose_name='a pilot my council adopted publishes its outcome')),
                ('notify_mention', models.BooleanField(default=True, verbose_name='someone mentions me in a comment')),
                ('notify_question', models.BooleanField(default=True, verbose_name='someone asks about a pilot I lead, or answers my question')),
                ('page_idea_decided', models.BooleanField(default=True, verbose_name='decisions on my ideas')),
                ('page_comment', models.BooleanField(default=True, verbose_name='comments on my ideas and on what I follow')),
                ('page_mention', models.BooleanField(default=True, verbose_name='mentions of me')),
                ('page_sign_off_requested', models.BooleanField(default=True, verbose_name='pilot cards waiting for my sign-off')),
                ('page_outcome', models.BooleanField(default=True, verbose_name='outcomes of pilots I follow or my council adopted')),
                ('page_question', models.BooleanField(default=True, verbose_name='questions about my pilots')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='account closed')),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='closed by')),
                ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
            ],
            options={
                'verbose_name': 'user',
                'verbose_name_plural': 'users',
            },
            managers=[
                ('objects', accounts.models.UserManager()),
            ],
        ),
    ]
