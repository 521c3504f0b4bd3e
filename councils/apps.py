from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Councils")

    def ready(self):
        from allauth.account.signals import user_logged_in
        from allauth.mfa.signals import authenticator_removed

        from . import signals  # noqa: F401  (connects the allauth and accounts receivers)
        from .middleware import forget_authenticator_check, remember_provider_mfa

        authenticator_removed.connect(forget_authenticator_check, dispatch_uid="forget-mfa-check")
        user_logged_in.connect(remember_provider_mfa, dispatch_uid="remember-provider-mfa")
