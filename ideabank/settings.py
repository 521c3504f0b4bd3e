"""Idea Bank settings: one file, driven by environment variables.

Local defaults are safe for a laptop (SQLite, Celery eager, console email);
production sets DEBUG=0 and the variables listed in README.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from kombu import Exchange, Queue

from ideabank.lib.env import env_bool, env_choice, env_float, env_int, env_list
from ideabank.lib.logs import configure_structlog, structlog_logging
from ideabank.lib.static import add_static_headers

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "django-insecure-ideabank-local-development-only"


SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
# Old keys, comma-separated, still accepted while a new SECRET_KEY takes over:
# sessions, password-reset and unsubscribe links signed with them keep working
# (docs/operations.md, "Rotating secrets").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
# A laptop with no SECRET_KEY gets DEBUG on; a deployment that sets one gets
# DEBUG off unless it asks otherwise.
DEBUG = env_bool("DEBUG", default=SECRET_KEY == DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SECRET_KEY: Idea Bank will not run with DEBUG off and the development secret key."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Reverse proxies (issue 21) ---------------------------------------------
# How many reverse proxies of ours stand in front of gunicorn (Caddy in compose: 1).
# 0 (the default) means gunicorn faces clients directly: X-Forwarded-For and
# X-Forwarded-Proto are then ignored, since anyone can send them.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# allauth's sign-in rate limits count per client address with the same rule as
# ideabank.lib.proxy.client_ip (logs, audit rows).
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# The open data API's rate limits tell people apart by address, as allauth does.
NINJA_NUM_PROXIES = TRUSTED_PROXY_COUNT
# --- end reverse proxies ------------------------------------------------------

INSTALLED_APPS = [
    "ideabank.lib.admin.AdminConfig",  # django.contrib.admin with the project's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_filters",
    "csp",
    "django_prometheus",
    "django_structlog",
    "ideabank",
    "audit",
    "outbox",
    "accounts",
    "councils",
    "ideas",
    "pilots",
    "outcomes",
    "explore",
    "digests",
    "notifications",
    "evidence",
    "demo",
]

# A council's and a partnership's pages belong to explore, the app above councils:
# their get_absolute_url is wired here, so councils never names an explore URL.
ABSOLUTE_URL_OVERRIDES = {
    "councils.council": lambda council: reverse("explore:council", kwargs={"slug": council.slug}),
    "councils.partnership": lambda partnership: reverse(
        "explore:partnership", kwargs={"slug": partnership.slug}
    ),
}

MIDDLEWARE = [
    # Outermost, so that every response carries the security headers, refusals
    # made by the middleware below included (tests/security/test_headers.py).
    "ideabank.lib.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # /healthz answers before host validation: health checks use 127.0.0.1.
    "ideabank.lib.health.HealthCheckMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ideabank.lib.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # One log line per request with its id and the user's id (after authentication).
    "django_structlog.middlewares.RequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ideabank.lib.middleware.NumberTooLargeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Managers, council admins and platform admins: 30 idle minutes, and MFA first.
    "councils.middleware.PrivilegedIdleTimeoutMiddleware",
    "councils.middleware.RequireMFAForPowersMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "ideabank.urls"
WSGI_APPLICATION = "ideabank.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "councils.context_processors.navigation",
                "ideas.context_processors.review_queue",
                "notifications.context_processors.unread",
                "ideabank.lib.context_processors.support",
            ],
        },
    },
]
# Our templates/django/forms/ override Django's form templates with GOV.UK markup.
FORM_RENDERER = "ideabank.lib.forms.GovukRenderer"

# Database: SQLite on a laptop, PostgreSQL wherever DATABASE_URL is set.
# CONN_MAX_AGE keeps connections between requests (measured in docs/performance.md).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiles the browse pages' facet counts on every request (their nested visibility
    # subqueries pass jit_above_cost) and spent 0.7 s of a 1.1 s query doing it
    # (docs/performance.md "Every request different"). No parallel workers for one query:
    # with every CPU already answering requests, the workers a facet count started took
    # CPU from other requests, and browse pages answered 23-29 % fewer requests a
    # second with them (docs/performance.md "Eighth pass").
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c max_parallel_workers_per_gather=0"
    )
    # Parameters are sent apart from the SQL, so a statement a connection has run five
    # times is prepared and PostgreSQL stops planning it again: planning a pilot page's
    # main query took far longer than running it (docs/performance.md "Fifth pass").
    # A search whose best plan depends on its words is sent unprepared
    # (ideabank/lib/planning.py).
    DATABASES["default"]["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")


def next_redis_database(url):
    """redis://host:6379/0 -> redis://host:6379/1 (the database number is the path)."""
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    if not number.isdigit():
        raise ImproperlyConfigured("Set CACHE_URL: REDIS_URL has no database number to add 1 to.")
    return parts._replace(path=f"/{int(number) + 1}").geturl()


# The cache has a Redis database of its own, next to Celery's: clearing the cache
# (FLUSHDB) must never drop queued tasks or results.
CACHE_URL = os.environ.get("CACHE_URL") or (REDIS_URL and next_redis_database(REDIS_URL))

if CACHE_URL:
    # allauth keeps its rate-limit counters in the cache: they must be shared
    # between web processes, so production uses Redis.
    CACHES = {
        "default": {
            # Django's, with one Redis client per pool instead of one per call.
            "BACKEND": "ideabank.lib.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "ideabank",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, loading the person's council with them.
AUTHENTICATION_BACKENDS = [
    "councils.backends.ModelBackend",
    "councils.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: email is the login; an email must be verified before it
# ties the person to a council.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# Plain-English labels and errors on allauth's forms.
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
# Every email's subject starts with it: allauth's, and ours (ideabank/lib/mail.py).
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Idea Bank: "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
# TOTP with recovery codes; councils.middleware requires it of everyone with powers.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Idea Bank"
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.forms.MFAAuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
}

LANGUAGE_CODE = "en-gb"
# Every string is marked for translation, but nothing is translated yet. Welsh
# ("cy") goes back in with its catalogue in locale/cy: offered without one, a
# Welsh browser got English pages marked lang="cy" (ideabank.lib.checks refuses that).
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("IDEABANK_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_ADD_HEADERS_FUNCTION = add_static_headers

# --- Evidence files (issue 19) --------------------------------------------------
# Uploaded files are kept through STORAGES["default"]: this folder by default, S3 or
# Azure Blob through django-storages (README, "Evidence files"). No URL serves MEDIA_ROOT:
# files are downloaded only through evidence.views.download, which checks who can see them.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# The first handler stops an oversized upload before any of it is kept (evidence/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "evidence.uploads.RefuseOversizedUploads",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# ClamAV's clamd, "host:port" or a unix socket path: each file is scanned before it is
# stored; while clamd cannot be reached files wait, not downloadable, for a later scan.
# Empty: files are stored as "not checked for viruses".
CLAMD_ADDRESS = os.environ.get("CLAMD_ADDRESS", "")
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 30, minimum=1)
# --- end evidence files -----------------------------------------------------------

# Email: console on a laptop; EMAIL_HOST set means SMTP (mailpit in compose).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    # Seconds before a silent mail server counts as a temporary failure (the outbox
    # retries it); below the send task's soft time limit (outbox/tasks.py).
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Idea Bank <noreply@ideabank.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write about the site itself, shown on the accessibility and privacy pages.
SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", "support@ideabank.local")

# Explore caches each browse section (a page of results and their total) per
# audience for this many seconds, or until a change it shows (explore/sections.py).
# 0 turns the cache off, facet counts included.
EXPLORE_SECTION_SECONDS = env_int("EXPLORE_SECTION_SECONDS", 120)
# The filter form with its facet counts, per audience and filter state: kept this
# long whatever changes, so a count may lag a change by as much; results never do.
EXPLORE_FACET_SECONDS = env_int("EXPLORE_FACET_SECONDS", 60)

# Celery: Redis when REDIS_URL is set, otherwise tasks run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL or env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery's own log format would replace LOGGING's (JSON lines in production).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Two queues, a worker (or more) each in production: a national digest run (about
# 1,000 batch tasks) waits on "digests" and never delays a decision email, which goes
# through "notifications" with everything else. A worker started without -Q takes both.
# Each queue has its own exchange: bound to the default one, both would get every task.
CELERY_TASK_QUEUES = [
    Queue(name, Exchange(name), routing_key=name) for name in ("notifications", "digests")
]
CELERY_TASK_DEFAULT_QUEUE = "notifications"
CELERY_TASK_ROUTES = {"digests.tasks.*": {"queue": "digests"}}
# Every task has time limits: these, or its own in its @shared_task (the outbox's
# send task has 45/60 seconds; a digest run's planning, the longest, 10/12 minutes: it
# took 18 s for 100,000 people, docs/performance.md).
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_TASK_TIME_LIMIT = 6 * 60
# With acks_late, Redis hands a task it delivered to another worker if it is not
# acknowledged within this time. It must be longer than the longest task (12 minutes)
# and the longest retry countdown (30 minutes, digests and outbox backoff), or a task
# still running or waiting would run twice. A task a killed worker held comes back only
# after it: the outbox and digest sweepers queue such rows again much sooner.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_BEAT_SCHEDULE = {
    # Shows that beat and a worker are alive (visible in the worker log).
    "heartbeat": {"task": "ideabank.celery.heartbeat", "schedule": crontab(minute="*/15")},
    # Yesterday's digest for people who chose daily, every morning at 07:00.
    "digests-daily": {
        "task": "digests.tasks.start_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ("daily",),
    },
    # Last week's digest (Monday to Sunday) for people who chose weekly, Mondays at 07:00.
    "digests-weekly": {
        "task": "digests.tasks.start_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ("weekly",),
    },
    # Tells each overdue pilot's lead and managers, once, that its outcome is due.
    "notify-overdue-pilots": {
        "task": "pilots.tasks.notify_overdue_pilots",
        "schedule": crontab(hour=7, minute=0),
    },
    # Queues again any email whose send task was lost (a killed worker), every minute.
    "outbox-sweeper": {
        "task": "outbox.tasks.requeue_stale_emails",
        "schedule": crontab(minute="*"),
    },
    # Queues again any digest a dead worker left unsent.
    "digests-sweeper": {
        "task": "digests.tasks.requeue_stale_digests",
        "schedule": crontab(minute="*/5"),
    },
    # The open data file of every public outcome (/open-data/), every night at 02:30.
    "write-open-data-file": {
        "task": "explore.tasks.write_open_data_file",
        "schedule": crontab(hour=2, minute=30),
    },
    # Checks again, hourly, evidence files stored while clamd could not be reached.
    "evidence-rescan": {
        "task": "evidence.tasks.requeue_files_awaiting_scan",
        "schedule": crontab(minute=20),
    },
    # Asks each pilot's lead, once, for the savings due at 6 and 12 months, daily at 07:00.
    "remind-benefit-check-ins": {
        "task": "outcomes.tasks.remind_benefit_check_ins",
        "schedule": crontab(hour=7, minute=0),
    },
    # Deletes sessions past their expiry (SESSION_COOKIE_AGE), every night at 03:30.
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
}

# Security headers. HTTPS-only settings switch on with DEBUG off.
# X-Forwarded-Proto says the request came over HTTPS only if our proxy wrote it.
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 60 * 60
# Managers, council admins and platform admins are signed out after this long idle.
IDEABANK_PRIVILEGED_IDLE_TIMEOUT = 30 * 60
CSRF_COOKIE_SAMESITE = "Lax"
# A form whose CSRF check fails gets a page in the site's layout that says what to do.
CSRF_FAILURE_VIEW = "ideabank.lib.csrf.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain HTTP
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

# Content Security Policy (django-csp 4): scripts only from our origin or with
# the per-request nonce; no inline event handlers, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logs, errors and metrics (issue 14) -------------------------------------
# One JSON object per line in production (LOG_FORMAT=json, the default with DEBUG
# off), readable lines on a laptop (console). django-structlog adds the request id,
# the user's id (never an email address) and the client address (client_ip) to
# every line logged during a request, and carries the request id into Celery tasks.
LOG_FORMAT = env_choice("LOG_FORMAT", "console" if DEBUG else "json", ("json", "console"))
LOG_LEVEL = env_choice(
    "LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
).upper()
LOGGING = structlog_logging(LOG_FORMAT, LOG_LEVEL)
configure_structlog()
DJANGO_STRUCTLOG_CELERY_ENABLED = True
# ideabank.lib.logs binds the address from client_ip, which knows our proxies.
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False

# Error reports go to Sentry (or a self-hosted GlitchTip) when SENTRY_DSN is set.
# No personal data: no cookies, no form bodies, no email addresses, user id only.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("IDEABANK_RELEASE") or None,
        send_default_pii=False,
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0, maximum=1.0),
    )
    # Scanners send made-up Host headers all day: a 400, not an error to report.
    from sentry_sdk.integrations.logging import ignore_logger

    ignore_logger("django.security.DisallowedHost")

# Prometheus metrics at /metrics, only for a scraper that sends
# "Authorization: Bearer <METRICS_TOKEN>"; everyone else (and everyone while the
# token is unset) gets a 404.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# Collectors that read their figures at each scrape (prometheus_client Collector
# classes, by dotted path), for example the email outbox's backlog and its oldest
# unsent email. Apps append theirs here; ideabank.lib.metrics imports none of them.
METRICS_COLLECTORS = []
# --- end logs, errors and metrics ----------------------------------------------

# --- Council sign-in (issue 16): each council's own OpenID Connect provider, such as
# its Microsoft Entra ID tenant, registered as councils.IdentityProvider (councils/sso/).
SOCIALACCOUNT_ADAPTER = "councils.sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    # allauth's provider, with a nonce and the ID token's signature always checked.
    "openid_connect": {"provider_class": "councils.sso.provider.CouncilOIDCProvider"},
}
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
# The redirect URI a council registers: https in production, behind the proxy.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Seals each council's client secret in the database (ideabank/lib/sealed.py); empty
# means a key derived from SECRET_KEY. Changing it means councils enter their secret again.
IDEABANK_SEAL_KEY = os.environ.get("IDEABANK_SEAL_KEY", "")
# People who sign in with their council account and have not for this many days are
# suspended until they do again (councils.tasks); 0 turns it off. Provisioning (SCIM)
# removes leavers the day they leave; this catches councils without it.
IDEABANK_SSO_DORMANT_DAYS = env_int("IDEABANK_SSO_DORMANT_DAYS", 90)
CELERY_BEAT_SCHEDULE["suspend-dormant-council-sign-ins"] = {
    "task": "councils.tasks.suspend_dormant_council_sign_ins",
    "schedule": crontab(hour=4, minute=0),
}
# --- end council sign-in ---------------------------------------------------------
