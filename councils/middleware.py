"""Extra protection for the accounts that hold powers: managers, council admins
and platform admins (ASVS L2 sessions and MFA, README "Security").

It lives in councils because the rule reads a council role: a manager or council
admin holds powers over other people's work (accounts imports no app, DESIGN.md).
"""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "ideabank_last_seen"
# Writing the session on every request would cost a query each time; a minute's
# slack on a 30-minute limit is harmless.
LAST_SEEN_RESOLUTION = 60
MFA_CHECKED_KEY = "ideabank_mfa_checked_at"
# The person signed in through their council's account, which did MFA (councils/sso).
PROVIDER_MFA_KEY = "ideabank_mfa_by_provider"
# Set on a council sign-in's state by councils.sso.adapter when its provider did MFA.
PROVIDER_MFA_STATE = "mfa"

# Where a privileged person without an authenticator may still go: allauth's own
# pages (sign out, set up MFA, reauthenticate), the health check and static pages.
MFA_SETUP_ALLOWED_NAMESPACES = {"pages"}
MFA_SETUP_ALLOWED_NAMES = {"healthz"}
MFA_SETUP_ALLOWED_PREFIXES = ("account_", "mfa_")


def is_privileged(user):
    """Managers, council admins and platform admins: they need MFA and an idle timeout."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # The reverse one-to-one raises an AttributeError subclass when there is none.
    membership = getattr(user, "membership", None)
    return membership is not None and membership.is_manager


class PrivilegedIdleTimeoutMiddleware:
    """Signs privileged people out after IDEABANK_PRIVILEGED_IDLE_TIMEOUT seconds idle."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_privileged(request.user):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if (
                last_seen is not None
                and now - last_seen > settings.IDEABANK_PRIVILEGED_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("You were signed out after 30 minutes without activity."))
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def has_authenticator(request):
    """Whether the person has set up TOTP: asked of the database at most once a minute.

    Removing one's own authenticator forgets the answer at once (councils.apps).
    """
    now = int(time.time())
    checked_at = request.session.get(MFA_CHECKED_KEY)
    if checked_at is not None and now - checked_at < LAST_SEEN_RESOLUTION:
        return True
    if not is_mfa_enabled(request.user, types=[Authenticator.Type.TOTP]):
        return False
    request.session[MFA_CHECKED_KEY] = now
    return True


def forget_authenticator_check(sender, request, **kwargs):
    request.session.pop(MFA_CHECKED_KEY, None)


def provider_did_mfa(user, sociallogin):
    """A sign-in through a council's account that did MFA counts as MFA for managers and
    council admins; platform admins (Django staff) still use their own authenticator."""
    return bool(
        sociallogin is not None
        and sociallogin.state.get(PROVIDER_MFA_STATE)
        and user is not None
        and not (user.is_staff or user.is_superuser)
    )


def remember_provider_mfa(sender, request, user, sociallogin=None, **kwargs):
    """allauth's user_logged_in: the session remembers, for this person only."""
    if provider_did_mfa(user, sociallogin):
        request.session[PROVIDER_MFA_KEY] = user.pk


class RequireMFAForPowersMiddleware:
    """Sends privileged people without a TOTP authenticator to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_privileged(request.user):
            return None
        match = request.resolver_match
        if (
            match.namespace in MFA_SETUP_ALLOWED_NAMESPACES
            or match.url_name in MFA_SETUP_ALLOWED_NAMES
            or (match.url_name or "").startswith(MFA_SETUP_ALLOWED_PREFIXES)
        ):
            return None
        if request.session.get(PROVIDER_MFA_KEY) == request.user.pk or has_authenticator(request):
            return None
        messages.info(
            request,
            _(
                "Your role lets you change other people’s work, so your account needs "
                "two-step verification. Set it up to continue."
            ),
        )
        return redirect("mfa_activate_totp")
