"""Council sign-in workflows that are not allauth's own hooks."""

import datetime

import requests
from allauth.socialaccount.adapter import get_adapter
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import IdentityProvider, SignInSuspension

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


@transaction.atomic
def suspend_dormant_people(*, days, now=None):
    """Suspend people who sign in with their council account and have not for `days` days;
    their sessions stop working at once. Returns how many were suspended.

    The fallback for councils without provisioning (SCIM): a leaver's council account
    is switched off, so they stop signing in, and after `days` their Idea Bank
    account follows. A sign-in with the council account lifts it (adapter)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    people = get_user_model().objects
    dormant = list(
        people.filter(is_active=True, closed_at__isnull=True, socialaccount__isnull=False)
        .annotate(last_council_sign_in=Max("socialaccount__last_login"))
        .filter(last_council_sign_in__lt=cutoff)
        .values_list("pk", flat=True)
    )
    SignInSuspension.objects.bulk_create(
        [SignInSuspension(user_id=pk) for pk in dormant], ignore_conflicts=True
    )
    return people.filter(pk__in=dormant, is_active=True).update(is_active=False)


@transaction.atomic
def lift_suspension(*, person):
    """A suspended person signed in with their council account again."""
    if SignInSuspension.objects.filter(user=person).delete()[0]:
        person.is_active = True
        person.save(update_fields=["is_active"])
    return person
