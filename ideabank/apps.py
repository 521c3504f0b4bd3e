from django.apps import AppConfig
from django.core import checks


class IdeabankConfig(AppConfig):
    """The project package as an app: it registers the site-wide system checks."""

    name = "ideabank"
    verbose_name = "Idea Bank"

    def ready(self):
        from .lib.checks import check_languages_are_translated, check_production_settings

        # Not deploy-only: with DEBUG off, `migrate` and every start-up must refuse too.
        checks.register(check_production_settings, checks.Tags.security)
        checks.register(check_languages_are_translated, checks.Tags.translation)
