"""allauth's OpenID Connect provider, made strict for council sign-in.

Registered in place of allauth's own (SOCIALACCOUNT_PROVIDERS["openid_connect"]
["provider_class"]), one app per council, built from `IdentityProvider` rows by
`councils.sso.adapter`. allauth's provider, as of 65.22, leaves out two checks
that council sign-in needs, so this one adds them:

- a nonce in every request, checked against the ID token's (allauth sends none);
- the ID token's signature, checked against the issuer's published keys even when
  the token came straight from the token endpoint (allauth skips it then, as OIDC
  Core 3.1.3.7 allows over TLS; we check anyway, so a token altered on the way or by
  a misconfigured proxy is refused).
"""

import secrets

import jwt
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

# Asymmetric algorithms only: "none" and the HMAC ones would let anyone who knows the
# client secret (or nobody at all) make a token.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
NONCE_KEY = "nonce"


class SignInRefused(OAuth2Error):
    """A council sign-in refused for a reason the person should be told."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def verify_id_token(id_token, *, jwks_uri, issuer, client_id):
    """The ID token's claims, once its signature, issuer, audience and times are checked."""
    try:
        header = jwt.get_unverified_header(id_token)
        with get_adapter().get_requests_session() as session:
            response = session.get(jwks_uri)
            response.raise_for_status()
        keys = jwt.PyJWKSet.from_dict(response.json()).keys
        key = next((key for key in keys if key.key_id == header.get("kid")), None)
        if key is None or header.get("alg") not in ALGORITHMS:
            raise jwt.InvalidSignatureError("unknown key or algorithm")
        return jwt.decode(
            id_token,
            key=key,
            algorithms=[header["alg"]],
            audience=client_id,
            issuer=issuer,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.ExpiredSignatureError as error:
        raise SignInRefused(
            _("Your sign-in with your council account had expired. Start again.")
        ) from error
    except jwt.InvalidIssuerError as error:
        raise SignInRefused(
            _(
                "That sign-in came from another organisation’s account, not your council’s. "
                "Sign out of it, then sign in with your council account."
            )
        ) from error
    except (jwt.PyJWTError, ValueError) as error:
        raise SignInRefused(
            _("Your council account’s sign-in could not be checked. Start again.")
        ) from error


class CouncilOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def complete_login(self, request, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise SignInRefused(_("Your council account did not say who you are. Start again."))
        claims = verify_id_token(
            id_token,
            jwks_uri=self.openid_config["jwks_uri"],
            # The issuer the council registered, not only the one its discovery page names.
            issuer=app.settings["server_url"],
            client_id=app.client_id,
        )
        return self.get_provider().sociallogin_from_response(request, {"id_token": claims})


class CouncilOIDCProvider(OpenIDConnectProvider):
    oauth2_adapter_class = CouncilOIDCAdapter
    # allauth includes `<package>.urls` for each provider: ours, not allauth's openid_connect.
    package = "councils.sso"

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        auth_params[NONCE_KEY] = nonce
        # allauth keeps extra keyword arguments in the state it checks on the way back,
        # where `councils.sso.adapter` compares the token's nonce with this one.
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )


def get_adapter_for(request, provider_id):
    return CouncilOIDCAdapter(request, provider_id)


def run_view(view_class, request, provider_id):
    """allauth's OAuth2 `view_class` for the council's app; 404 when it has none."""
    try:
        view = view_class.adapter_view(get_adapter_for(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error


@login_not_required
@require_POST
def login(request, provider_id):
    """Start a council sign-in. POST only, as allauth's is: a link cannot start one."""
    return run_view(OAuth2LoginView, request, provider_id)


@login_not_required
def callback(request, provider_id):
    return run_view(OAuth2CallbackView, request, provider_id)
