from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo loader: the top layer, as it builds rows in every app."""

    name = "demo"
    verbose_name = _("Demo")
