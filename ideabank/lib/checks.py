"""System checks for site-wide settings (`manage.py check`, and `check --deploy`).

Registered by `ideabank.apps.IdeabankConfig.ready()`.
"""

from pathlib import Path

from django.conf import settings
from django.core import checks

# settings.SUPPORT_EMAIL's default: fine on a laptop, read by nobody.
PLACEHOLDER_EMAIL_DOMAIN = "ideabank.local"


def check_support_email(app_configs, **kwargs):
    """The accessibility statement and privacy notice must give an address someone reads."""
    if settings.SUPPORT_EMAIL.rpartition("@")[2] != PLACEHOLDER_EMAIL_DOMAIN:
        return []
    return [
        checks.Warning(
            f"SUPPORT_EMAIL is {settings.SUPPORT_EMAIL}, which nobody reads.",
            hint="Set SUPPORT_EMAIL to a mailbox your team watches: the accessibility "
            "statement and privacy notice tell people to write to it.",
            id="ideabank.W001",
        )
    ]


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
