"""Confirming a new account's email address signs its owner in, with one banner for both."""

import pytest
from django.urls import reverse

from .helpers import PASSWORD, confirm_last_email, sign_up

BANNER = "govuk-notification-banner__heading"


def banners_after(client, response):
    page = client.get(response.url)
    return [str(message) for message in page.context["messages"]], page.content.decode()


def test_confirming_a_new_account_shows_one_success_banner(client, barnet):
    sign_up(client, "alice@barnet.gov.uk")

    messages, page = banners_after(client, confirm_last_email(client))

    assert messages == ["You have confirmed alice@barnet.gov.uk."]
    assert page.count(BANNER) == 1


def test_confirming_in_another_browser_asks_them_to_sign_in_under_one_banner(client, barnet):
    sign_up(client, "alice@barnet.gov.uk")
    other_browser = client.__class__()

    messages, _page = banners_after(other_browser, confirm_last_email(other_browser))

    assert messages == ["You have confirmed alice@barnet.gov.uk."]


@pytest.mark.usefixtures("privileged_people_have_mfa")
def test_signing_in_with_a_password_still_says_you_are_signed_in(client, alice):
    alice.set_password(PASSWORD)
    alice.save()

    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})

    messages, page = banners_after(client, response)
    assert messages == ["You are signed in."]
    assert page.count(BANNER) == 1
