"""Council sign-in workflows that are not allauth's own hooks."""

import requests
from allauth.socialaccount.adapter import get_adapter
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import IdentityProvider

DISCOVERY_PATH = "/.well-known/openid-configuration"
REQUIRED_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri")


def check_connection(identity_provider):
    """Fetch the issuer's discovery document: (True, what it found) or (False, what went wrong)."""
    url = identity_provider.issuer + DISCOVERY_PATH
    try:
        with get_adapter().get_requests_session() as session:
            response = session.get(url)
        response.raise_for_status()
        document = response.json()
    except requests.RequestException as error:
        return False, _("Idea Bank could not fetch %(url)s: %(error)s") % {
            "url": url,
            "error": error.__class__.__name__,
        }
    except ValueError:
        return False, _("%(url)s did not answer with a discovery document.") % {"url": url}
    if not isinstance(document, dict) or document.get("issuer") != identity_provider.issuer:
        found = document.get("issuer") if isinstance(document, dict) else None
        return False, _(
            "The discovery document names the issuer “%(found)s”, not “%(issuer)s”. "
            "Check the issuer URL (for Entra ID it includes your tenant ID)."
        ) % {"found": found, "issuer": identity_provider.issuer}
    missing = [name for name in REQUIRED_ENDPOINTS if not document.get(name)]
    if missing:
        return False, _("The discovery document has no %(names)s.") % {"names": ", ".join(missing)}
    return True, _("Idea Bank reached %(issuer)s and found its sign-in endpoints.") % {
        "issuer": identity_provider.issuer
    }


def record_sign_in(*, council_slug):
    """Note the time of the council's latest successful sign-in, for its admin page."""
    IdentityProvider.objects.filter(council__slug=council_slug).update(
        last_sign_in_at=timezone.now()
    )
