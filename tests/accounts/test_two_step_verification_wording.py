"""Setting up two-step verification says so once, and every page calls it by that name."""

import re

import pytest
from django.urls import reverse

from ideabank.lib.totp import current_code
from tests.factories import DEFAULT_PASSWORD

OTHER_NAMES = ["two-factor", "Two-factor", "TOTP", "multi-factor"]


def banners(page):
    return re.findall(r'class="govuk-notification-banner__heading[^"]*">([^<]*)<', page)


def set_up_authenticator(client):
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    setup_page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', setup_page)[1]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    return client.get(response.url).content.decode()


# allauth adds these messages when the transaction commits: inside the request, as in
# production, only if the test does not wrap everything in one transaction.
@pytest.mark.django_db(transaction=True)
def test_setting_up_shows_one_plain_banner_on_the_recovery_codes_page(client_for, alice):
    page = set_up_authenticator(client_for(alice))

    assert "Your recovery codes" in page
    assert banners(page) == [
        "Two-step verification is on. Save your recovery codes now: "
        "you need one if you lose your phone."
    ]


@pytest.mark.django_db(transaction=True)
def test_making_new_codes_later_says_so_plainly(client_for, alice):
    client = client_for(alice)
    set_up_authenticator(client)

    response = client.post(reverse("mfa_generate_recovery_codes"))
    page = client.get(response.url).content.decode()

    assert banners(page) == ["You have new recovery codes. Your old codes no longer work."]


def test_a_manager_without_an_authenticator_is_asked_for_two_step_verification(client_for, bob):
    # Without privileged_people_have_mfa, Bob the manager has no authenticator yet.
    page = client_for(bob).get(reverse("ideas:list"), follow=True).content.decode()

    assert "needs two-step verification. Set it up to continue." in page
    for name in OTHER_NAMES:
        assert name not in page, name
