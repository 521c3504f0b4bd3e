
import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('councils', '0001_initial'),
        ('councils', '0002_admin_names'),
        ('councils', '0003_council_sign_in'),
        ('councils', '0004_council_profiles_and_similar_councils'),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Council',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=8, unique=True, verbose_name='local authority code')),
                ('official_name', models.CharField(max_length=200, verbose_name='official name')),
                ('short_name', models.CharField(max_length=100, verbose_name='name')),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('gss_code', models.CharField(blank=True, max_length=9, null=True, unique=True, verbose_name='GSS code')),
                ('nation', models.CharField(choices=[('England', 'England'), ('Scotland', 'Scotland'), ('Wales', 'Wales'), ('Northern Ireland', 'Northern Ireland')], max_length=20, verbose_name='nation')),
                ('region', models.CharField(blank=True, max_length=60, verbose_name='region')),
                ('authority_type', models.CharField(choices=[('LBO', 'London borough'), ('MD', 'Metropolitan district'), ('NMD', 'Non-metropolitan district'), ('UA', 'Unitary authority'), ('CTY', 'County'), ('WPA', 'Welsh unitary authority'), ('SCO', 'Scottish unitary authority'), ('NID', 'Northern Ireland district'), ('COMB', 'Combined authority'), ('SRA', 'Strategic regional authority'), ('CC', 'City corporation')], max_length=8, verbose_name='type of council')),
                ('parent_county', models.CharField(blank=True, max_length=8, verbose_name='county council code')),
                ('combined_authority', models.CharField(blank=True, max_length=8, verbose_name='combined authority code')),
                ('start_date', models.DateField(blank=True, null=True, verbose_name='start date')),
                ('end_date', models.DateField(blank=True, null=True, verbose_name='end date')),
                ('replaced_by', models.CharField(blank=True, max_length=40, verbose_name='replaced by')),
                ('active', models.BooleanField(default=True, verbose_name='current council')),
                ('gov_uk_slug', models.CharField(blank=True, max_length=100)),
                ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='population (2020)')),
            ],
            options={
                'ordering': ['short_name'],
                'indexes': [models.Index(fields=['nation', 'region', 'authority_type'], name='councils_co_nation_8510de_idx')],
            },
        ),
        migrations.CreateModel(
            name='CouncilProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('deprivation_score', models.FloatField(blank=True, null=True, verbose_name='deprivation score')),
                ('deprivation_quintile', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('high_deprivation_share', models.FloatField(blank=True, null=True)),
                ('density', models.FloatField(blank=True, null=True, verbose_name='people per square kilometre')),
                ('emissions', models.CharField(blank=True, choices=[('Urban Mainstream', 'typical of towns and cities'), ('Transport/Domestic', 'mostly from transport and homes'), ('Public sector', 'a large share from public services'), ('Agriculture', 'mostly from farming'), ('Industry/Commerical/Domestic', 'mostly from industry, business and homes'), ('City of London', 'mostly from offices, as in the City of London')], max_length=40)),
                ('rural_urban', models.CharField(blank=True, choices=[('Urban', 'Urban'), ('Urban with rural areas', 'Urban with rural areas'), ('Rural', 'Mostly rural'), ('Sparse and rural', 'Sparse and rural')], max_length=30)),
                ('council', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='profile', to='councils.council')),
            ],
        ),
        migrations.CreateModel(
            name='IdentityProvider',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('issuer', models.URLField(help_text='For Microsoft Entra ID, the address shown above with your tenant ID in it. Sign-ins from any other issuer are refused.', max_length=300, verbose_name='issuer URL')),
                ('client_id', models.CharField(max_length=200, verbose_name='application (client) ID')),
                ('sealed_client_secret', models.TextField(blank=True, editable=False)),
                ('enabled', models.BooleanField(default=True, verbose_name='staff can sign in with it')),
                ('required', models.BooleanField(default=False, help_text="Password sign-in and password reset are refused for the council's staff.", verbose_name='staff must sign in with the council account')),
                ('enforces_mfa', models.BooleanField(default=False, help_text='Managers who sign in with it are not asked for an Idea Bank authenticator code.', verbose_name='the council account always asks for multi-factor authentication')),
                ('last_sign_in_at', models.DateTimeField(blank=True, null=True, verbose_name='last successful sign-in')),
                ('last_scim_at', models.DateTimeField(blank=True, null=True, verbose_name='last call from provisioning')),
                ('scim_token_hash', models.CharField(blank=True, editable=False, max_length=64)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('council', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='identity_provider', to='councils.council')),
            ],
            options={
                'verbose_name': 'council sign-in provider',
            },
        ),
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('staff', 'Staff'), ('manager', 'Manager'), ('council_admin', 'Council admin')], default='staff', max_length=20, verbose_name='role')),
                ('joined_at', models.DateTimeField(auto_now_add=True)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='councils.council')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='membership', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['council', 'user__email'],
            },
        ),
        migrations.CreateModel(
            name='Partnership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=150, unique=True, verbose_name='name')),
                ('slug', models.SlugField(max_length=150, unique=True)),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('councils', models.ManyToManyField(blank=True, related_name='partnerships', to='councils.council')),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='SignInSuspension',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('suspended_at', models.DateTimeField(auto_now_add=True)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='sign_in_suspension', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'suspension after a long time without signing in',
            },
        ),
        migrations.CreateModel(
            name='CouncilEmailDomain',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('domain', models.CharField(max_length=253, verbose_name='email domain')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='email_domains', to='councils.council')),
            ],
            options={
                'ordering': ['domain'],
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('domain'), name='unique_council_email_domain')],
            },
        ),
        migrations.CreateModel(
            name='MembershipRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('message', models.TextField(blank=True, max_length=2000, verbose_name='why you need access')),
                ('status', models.CharField(choices=[('pending', 'Waiting for a decision'), ('approved', 'Approved'), ('declined', 'Declined')], default='pending', max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='membership_requests', to='councils.council')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='membership_requests', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'request to join',
                'verbose_name_plural': 'requests to join',
                'ordering': ['created_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('user', 'council'), name='one_pending_request_per_council')],
            },
        ),
        migrations.CreateModel(
            name='SimilarCouncil',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rank', models.PositiveSmallIntegerField()),
                ('distance', models.FloatField()),
                ('reasons', models.JSONField(default=list)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='similar_links', to='councils.council')),
                ('similar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='councils.council')),
            ],
            options={
                'ordering': ['council', 'rank'],
                'constraints': [models.UniqueConstraint(fields=('council', 'rank'), name='one_similar_council_per_rank'), models.UniqueConstraint(fields=('council', 'similar'), name='similar_council_once')],
            },
        ),
    ]
