"""The fallback for councils without provisioning: a council sign-in unused for
IDEABANK_SSO_DORMANT_DAYS suspends the person until they use it again."""

import datetime

from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from django.utils import timezone

from councils.models import SignInSuspension
from councils.tasks import suspend_dormant_council_sign_ins

from .conftest import sign_in


def last_council_sign_in(person, days_ago):
    SocialAccount.objects.filter(user=person).update(
        last_login=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_a_person_whose_council_sign_in_went_unused_is_suspended_and_signed_out(
    client, barnet_idp, alice, bob, settings
):
    settings.IDEABANK_SSO_DORMANT_DAYS = 90
    sign_in(client, alice.email, "alice")
    assert client.get(reverse("accounts:profile")).status_code == 200
    last_council_sign_in(alice, days_ago=91)

    assert suspend_dormant_council_sign_ins.delay().get() == "suspended 1"

    alice.refresh_from_db()
    assert not alice.is_active and not alice.is_closed
    assert alice.membership.council.slug == "barnet"
    assert client.get(reverse("accounts:profile")).status_code == 302
    bob.refresh_from_db()
    assert bob.is_active  # bob signs in with a password only


def test_a_recent_council_sign_in_is_left_alone(client, barnet_idp, alice, settings):
    settings.IDEABANK_SSO_DORMANT_DAYS = 90
    sign_in(client, alice.email, "alice")
    last_council_sign_in(alice, days_ago=89)

    assert suspend_dormant_council_sign_ins() == "suspended 0"
    alice.refresh_from_db()
    assert alice.is_active


def test_signing_in_with_the_council_account_again_lifts_the_suspension(
    client, barnet_idp, alice, settings
):
    settings.IDEABANK_SSO_DORMANT_DAYS = 90
    sign_in(client, alice.email, "alice")
    last_council_sign_in(alice, days_ago=100)
    suspend_dormant_council_sign_ins()
    client.logout()

    response = sign_in(client, alice.email, "alice")

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.is_active
    assert not SignInSuspension.objects.exists()
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_closed_account_is_not_reopened_by_the_council_sign_in(
    client, barnet_idp, alice, settings
):
    sign_in(client, alice.email, "alice")
    alice.is_active = False
    alice.save()
    client.logout()

    page = sign_in(client, alice.email, "alice").content.decode()

    assert "Your Idea Bank account is closed" in page
    alice.refresh_from_db()
    assert not alice.is_active


def test_zero_days_turns_the_fallback_off(db, settings):
    settings.IDEABANK_SSO_DORMANT_DAYS = 0

    assert suspend_dormant_council_sign_ins() == "off"
