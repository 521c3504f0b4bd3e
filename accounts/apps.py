from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_removed

        from .middleware import forget_authenticator_check

        authenticator_removed.connect(forget_authenticator_check, dispatch_uid="forget-mfa-check")
