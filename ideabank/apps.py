from django.apps import AppConfig
from django.core import checks


class IdeabankConfig(AppConfig):
    """The project package as an app: it registers the site-wide system checks."""

    name = "ideabank"
    verbose_name = "Idea Bank"

    def ready(self):
        from .lib.checks import check_languages_are_translated, check_support_email

        checks.register(check_support_email, checks.Tags.compatibility, deploy=True)
        checks.register(check_languages_are_translated, checks.Tags.translation)
