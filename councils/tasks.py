from celery import shared_task
from django.conf import settings

from .sso.services import suspend_dormant_people


@shared_task
def suspend_dormant_council_sign_ins():
    """Suspend people whose council sign-in has not been used for IDEABANK_SSO_DORMANT_DAYS."""
    days = settings.IDEABANK_SSO_DORMANT_DAYS
    if not days:
        return "off"
    return f"suspended {suspend_dormant_people(days=days)}"
