
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('audit', '0001_initial'),
        ('audit', '0002_record_admin_changes_and_the_person_named'),
        ('audit', '0003_add_export_event_kind'),
        ('audit', '0004_evidence_removed'),
        ('audit', '0005_savings_corrected'),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='when')),
                ('kind', models.CharField(choices=[('signed_in', 'Signed in'), ('sign_in_failed', 'Sign-in failed'), ('mfa_failed', 'Two-factor code rejected'), ('mfa_added', 'Two-factor authentication set up'), ('mfa_removed', 'Two-factor authentication removed'), ('role_changed', 'Role changed'), ('member_removed', 'Member removed'), ('request_approved', 'Request to join approved'), ('request_declined', 'Request to join declined'), ('domain_added', 'Email domain added'), ('domain_removed', 'Email domain removed'), ('account_closed', 'Account closed'), ('pilot_signed_off', 'Pilot signed off'), ('evidence_removed', 'Evidence file removed'), ('savings_corrected', 'Savings figures corrected'), ('admin_added', 'Added in the admin site'), ('admin_changed', 'Changed in the admin site'), ('admin_deleted', 'Deleted in the admin site'), ('export', 'List downloaded')], max_length=30, verbose_name='what happened')),
                ('actor_label', models.CharField(blank=True, max_length=200, verbose_name='who (at the time)')),
                ('subject', models.CharField(blank=True, max_length=200, verbose_name='to whom or what')),
                ('detail', models.CharField(blank=True, max_length=200, verbose_name='detail')),
                ('council_id', models.BigIntegerField(blank=True, null=True, verbose_name='council id')),
                ('council_name', models.CharField(blank=True, max_length=200, verbose_name='council (at the time)')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='from address')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who')),
                ('subject_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='whom')),
            ],
            options={
                'verbose_name': 'audit event',
                'verbose_name_plural': 'audit events',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['council_id', '-created_at'], name='audit_council_recent'), models.Index(fields=['-created_at'], name='audit_recent')],
            },
        ),
    ]
