from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from outbox.services import enqueue_message

from .signals import why_password_refused

MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"
# Setting up an authenticator app also makes the first recovery codes; the one banner
# for the set-up (mfa/messages/totp_activated.txt) speaks of both.
CODES_MADE_MESSAGE = "mfa/messages/recovery_codes_generated.txt"
SET_UP_URL_NAME = "mfa_activate_totp"
# Confirming a new account's address also signs its owner in; the one banner for both
# is "You have confirmed <address>", so the sign-in's own banner is left out there.
SIGNED_IN_MESSAGE = "account/messages/logged_in.txt"
CONFIRM_URL_NAME = "account_confirm_email"
# Each banner left out, by the page (URL name) that would show it twice.
SAID_ALREADY = {CODES_MADE_MESSAGE: SET_UP_URL_NAME, SIGNED_IN_MESSAGE: CONFIRM_URL_NAME}
# The council sign-in's own step (councils/sso/stages.py): named, not imported, because
# accounts imports no app above it.
COUNCIL_MFA_STAGE = "councils.sso.stages.AuthenticateUnlessProviderDid"


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

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        match = getattr(request, "resolver_match", None)
        if match and SAID_ALREADY.get(message_template) == match.url_name:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def get_login_stages(self):
        return [
            COUNCIL_MFA_STAGE if stage == MFA_STAGE else stage
            for stage in super().get_login_stages()
        ]

    def send_mail(self, template_prefix, email, context):
        """Queue allauth's emails (confirmations, password resets, notices) in the outbox,
        so they are retried and recorded like every other email.

        The context is built as allauth's own `send_mail` builds it (65.x), which
        renders and sends at once; only the sending differs.
        """
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        enqueue_message(message, template=template_prefix.rsplit("/", 1)[-1])


class MFAAdapter(DefaultMFAAdapter):
    """Two-step verification's errors in plain English."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "The security code is not right. Enter the code your authenticator app shows "
            "now: a new one appears every 30 seconds"
        ),
        "cannot_delete_authenticator": _(
            "You cannot turn off two-step verification on this account"
        ),
        "cannot_generate_recovery_codes": _(
            "Set up an authenticator app before you make recovery codes"
        ),
        "unverified_email": _(
            "Confirm your email address before you set up two-step verification"
        ),
    }
