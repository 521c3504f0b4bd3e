from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.stages import AuthenticateStage
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .middleware import provider_did_mfa
from .signals import why_password_refused

MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AccountAdapter(DefaultAccountAdapter):
    """Anyone may sign up; a verified council email address joins them to that council.

    The joining itself is in `councils.signals`, because accounts may not import
    councils. Enumeration prevention stays on (ACCOUNT_PREVENT_ENUMERATION), so
    sign-in, sign-up and password reset answer alike for known and unknown addresses.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "cannot_remove_primary_email": _("You cannot remove your main email address."),
        "duplicate_email": _("This email address is already on your account."),
        "email_password_mismatch": _("The email address or password is not correct."),
        "enter_current_password": _("Enter your current password."),
        "incorrect_password": _("The password is not correct."),
        "rate_limited": _("You have tried too many times. Wait a few minutes and try again."),
        "too_many_login_attempts": _(
            "You have tried to sign in too many times. Wait a few minutes and try again."
        ),
        "unverified_primary_email": _("Confirm your main email address first."),
    }

    def is_open_for_signup(self, request):
        return True

    def clean_email(self, email):
        return super().clean_email(email.strip().lower())

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        reason = why_password_refused(credentials.get("email"))
        if reason:
            raise ValidationError(reason, code="council_sign_in_required")

    def get_login_stages(self):
        return [
            "accounts.adapters.AuthenticateUnlessProviderDid" if stage == MFA_STAGE else stage
            for stage in super().get_login_stages()
        ]


class AuthenticateUnlessProviderDid(AuthenticateStage):
    """allauth's "enter your authenticator code" step, skipped when the person signed in
    through their council's account and it did multi-factor authentication."""

    def handle(self):
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if provider_did_mfa(self.login.user, sociallogin):
            return None, True
        return super().handle()
