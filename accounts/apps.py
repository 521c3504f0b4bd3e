from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.account.signals import user_logged_in
        from allauth.mfa.signals import authenticator_removed

        from .middleware import forget_authenticator_check, remember_provider_mfa

        authenticator_removed.connect(forget_authenticator_check, dispatch_uid="forget-mfa-check")
        user_logged_in.connect(remember_provider_mfa, dispatch_uid="remember-provider-mfa")
