"""allauth's hooks for council sign-in: which council's provider, and who may come in.

Each council's provider is an `IdentityProvider` row; allauth sees it as an
openid_connect app whose provider id is the council's slug. A person is let in
only when the token carries the nonce we sent, its issuer is the one the council
registered (`provider.verify_id_token`), and their email address is at one of
that council's email domains. Nothing is created for anyone refused.
"""

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from ..middleware import PROVIDER_MFA_STATE
from ..models import IdentityProvider, SignInSuspension
from ..services import email_domain, join_council_by_email
from ..visibility import membership_of
from .provider import NONCE_KEY, SignInRefused
from .services import lift_suspension

REFUSED_TEMPLATE = "councils/sso_refused.html"


def social_app(identity_provider):
    """The allauth app for a council's provider; never saved (the row is the record)."""
    return SocialApp(
        provider="openid_connect",
        provider_id=identity_provider.council.slug,
        name=identity_provider.council.short_name,
        client_id=identity_provider.client_id,
        secret=identity_provider.client_secret,
        settings={"server_url": identity_provider.issuer, "oauth_pkce_enabled": True},
    )


def refuse(request, message, council=None):
    response = render(request, REFUSED_TEMPLATE, {"message": message, "council": council})
    response.status_code = 400
    raise ImmediateHttpResponse(response)


def id_token_claims(sociallogin):
    return sociallogin.account.extra_data.get("id_token") or {}


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        rows = IdentityProvider.objects.filter(enabled=True, council__active=True)
        if provider and provider != "openid_connect":
            rows = rows.filter(council__slug=provider)
        if client_id:
            rows = rows.filter(client_id=client_id)
        return [social_app(row) for row in rows.select_related("council")]

    def pre_social_login(self, request, sociallogin):
        identity_provider = (
            IdentityProvider.objects.select_related("council")
            .filter(council__slug=sociallogin.account.provider)
            .first()
        )
        if identity_provider is None:
            refuse(request, _("Your council no longer offers sign-in with its own account."))
        council = identity_provider.council
        claims = id_token_claims(sociallogin)
        if not constant_time_compare(
            str(claims.get(NONCE_KEY, "")), str(sociallogin.state.get(NONCE_KEY) or "-")
        ):
            refuse(
                request,
                _("That sign-in was started somewhere else or was already used. Start again."),
                council,
            )
        email = str(claims.get("email") or claims.get("preferred_username") or "").lower()
        domains = set(council.email_domains.values_list("domain", flat=True))
        if "@" not in email or email_domain(email) not in domains:
            refuse(
                request,
                _(
                    "Your council account’s email address is not at one of %(council)s’s "
                    "email domains, so it cannot be used to sign in to %(council)s. "
                    "Sign in with your email address and password instead."
                )
                % {"council": council.short_name},
                council,
            )
        user = sociallogin.user if sociallogin.is_existing else None
        if user is None:
            user = get_user_model().objects.filter(email__iexact=email).first()
        if user is not None:
            membership = membership_of(user)
            if membership is not None and membership.council_id != council.pk:
                refuse(
                    request,
                    _(
                        "Your Idea Bank account is part of %(other)s, not %(council)s. "
                        "Sign in with your email address and password."
                    )
                    % {"other": membership.council.short_name, "council": council.short_name},
                    council,
                )
            if not user.is_active and not SignInSuspension.objects.filter(user=user).exists():
                refuse(
                    request,
                    _("Your Idea Bank account is closed. Ask your council admin for help."),
                    council,
                )
        # The council's own provider vouches for addresses at the council's domains.
        sociallogin.email_addresses = [EmailAddress(email=email, verified=True, primary=True)]
        sociallogin.state[PROVIDER_MFA_STATE] = identity_provider.enforces_mfa or "mfa" in (
            claims.get("amr") or []
        )
        if user is not None:
            lift_suspension(person=user)
        if user is not None and not sociallogin.is_existing:
            sociallogin.connect(request, user)
        if sociallogin.is_existing:
            self.update_person(sociallogin, claims)
            join_council_by_email(user=sociallogin.user, email=email)
        else:
            sociallogin.user.email = email

    def update_person(self, sociallogin, claims):
        """Later sign-ins bring the person's name from the council's directory."""
        name = str(claims.get("name") or "").strip()[:150]
        user = sociallogin.user
        if name and name != user.full_name:
            user.full_name = name
            user.save(update_fields=["full_name"])

    def is_open_for_signup(self, request, sociallogin):
        # Only people pre_social_login let through get this far.
        return True

    def populate_user(self, request, sociallogin, data):
        user = sociallogin.user
        user.email = (data.get("email") or "").lower()
        user.full_name = (data.get("name") or "").strip()[:150]
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        join_council_by_email(user=user, email=user.email)
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        if isinstance(exception, SignInRefused):
            message = exception.message
        elif exception is None:
            message = _(
                "That sign-in link has expired or was already used. "
                "Start again from the sign-in page."
            )
        else:
            message = _(
                "We could not sign you in with your council account. Start again. "
                "If it keeps happening, tell your council’s IT team."
            )
        refuse(request, message)
