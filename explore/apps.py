from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExploreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "explore"
    verbose_name = _("Explore")

    def ready(self):
        from . import signals

        signals.connect()
