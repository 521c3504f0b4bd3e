"""System checks for site-wide settings (`manage.py check`, and `check --deploy`).

Registered by `ideabank.apps.IdeabankConfig.ready()`. The production checks run
wherever Django runs its checks (`check`, `migrate`, `runserver`), and
ideabank/wsgi.py and ideabank/celery.py run them before gunicorn or a Celery
process starts work: with DEBUG off, each one is an Error, so the service
refuses to start on a laptop's defaults instead of degrading.
"""

from pathlib import Path

from django.conf import settings
from django.core import checks

# settings.SUPPORT_EMAIL's default: fine on a laptop, read by nobody.
PLACEHOLDER_EMAIL_DOMAIN = "ideabank.local"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", ".localhost"}
# Email backends that deliver nothing to anyone.
NON_SENDING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


def check_production_settings(app_configs, **kwargs):
    """With DEBUG off, refuse the laptop defaults: every one of them fails quietly."""
    if settings.DEBUG:
        return []
    errors = []
    if not settings.REDIS_URL:
        errors.append(
            checks.Error(
                "REDIS_URL is not set, so Celery would run every task inside web requests "
                "and each process would keep its own cache and sign-in rate limits.",
                hint="Set REDIS_URL to your Redis server, for example "
                "redis://:PASSWORD@redis:6379/0 (docs/operations.md, 'Redis').",
                id="ideabank.E010",
            )
        )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        errors.append(
            checks.Error(
                "CELERY_TASK_ALWAYS_EAGER is on, so tasks would run inside web requests.",
                hint="Remove CELERY_TASK_ALWAYS_EAGER from the environment.",
                id="ideabank.E011",
            )
        )
    if settings.EMAIL_BACKEND in NON_SENDING_BACKENDS or (
        settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
        and not settings.EMAIL_HOST
    ):
        errors.append(
            checks.Error(
                "No email server is set, so email (password reset links included) "
                "would go to the log instead of to people.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, "
                "EMAIL_USE_TLS) to your SMTP server or relay.",
                id="ideabank.E012",
            )
        )
    real_hosts = [host for host in settings.ALLOWED_HOSTS if host not in LOCAL_HOSTS]
    if not real_hosts or "*" in real_hosts:
        errors.append(
            checks.Error(
                f"ALLOWED_HOSTS is {','.join(settings.ALLOWED_HOSTS) or 'empty'}: it must name "
                "the host names people use, and only those.",
                hint="Set ALLOWED_HOSTS to the site's host name, for example "
                "ALLOWED_HOSTS=ideabank.barnet.gov.uk (comma-separated, no '*').",
                id="ideabank.E013",
            )
        )
    if settings.SUPPORT_EMAIL.rpartition("@")[2] == PLACEHOLDER_EMAIL_DOMAIN:
        errors.append(
            checks.Error(
                f"SUPPORT_EMAIL is {settings.SUPPORT_EMAIL}, which nobody reads.",
                hint="Set SUPPORT_EMAIL to a mailbox your team watches: the accessibility "
                "statement and privacy notice tell people to write to it.",
                id="ideabank.E014",
            )
        )
    return errors


def check_languages_are_translated(app_configs, **kwargs):
    """Offer a language only with its translation, or pages say lang="cy" over English text."""
    default = settings.LANGUAGE_CODE
    return [
        checks.Error(
            f"{name} ({code}) is in LANGUAGES but has no compiled translation.",
            hint=f"Add locale/{code}/LC_MESSAGES/django.po, run compilemessages, "
            f"or take {code} out of LANGUAGES.",
            id="ideabank.E001",
        )
        for code, name in settings.LANGUAGES
        if code != default and not has_catalogue(code)
    ]


def has_catalogue(code):
    folder = code.replace("-", "_")
    return any(
        (Path(path) / folder / "LC_MESSAGES" / "django.mo").exists()
        for path in settings.LOCALE_PATHS
    )


def refuse_unsafe_settings():
    """Raise SystemCheckError if any check fails at Error level: for gunicorn and Celery,
    which run no system checks of their own."""
    from django.core.management.base import SystemCheckError

    errors = [message for message in checks.run_checks() if message.is_serious()]
    if errors:
        raise SystemCheckError(
            "Idea Bank will not start:\n" + "\n".join(f"{e.id}: {e.msg} {e.hint}" for e in errors)
        )
