"""allauth's pages use our GOV.UK layout.

Each has one h1, labelled fields, GOV.UK buttons and an error summary above the h1.
"""

import re

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

from ..html import PageOutline
from .helpers import PASSWORD, confirm_last_email, last_link_to, post_and_send, sign_up

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

VISITOR_PAGES = ["account_login", "account_signup", "account_reset_password"]
SIGNED_IN_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "mfa_index",
    "account_reauthenticate",
]


def assert_govuk_page(response):
    assert response.status_code == 200
    html = response.content.decode()
    outline = PageOutline(html)
    assert "govuk-template__body" in html
    assert outline.h1_count == 1
    assert outline.unlabelled_fields() == []
    for button in outline.buttons:
        assert "govuk-" in button.get("class", "")
    return outline


@pytest.mark.parametrize("url_name", VISITOR_PAGES)
def test_a_visitor_sees_a_govuk_page(client, db, url_name):
    outline = assert_govuk_page(client.get(reverse(url_name)))

    assert any("govuk-button" in button.get("class", "") for button in outline.buttons)


@pytest.mark.parametrize("url_name", SIGNED_IN_PAGES)
def test_alice_sees_a_govuk_page(client_for, alice, url_name):
    assert_govuk_page(client_for(alice).get(reverse(url_name)))


def test_a_failed_sign_in_shows_the_error_summary_above_the_h1(client, alice):
    response = client.post(reverse("account_login"), {"login": "alice@barnet.gov.uk"})

    outline = assert_govuk_page(response)
    summary = outline.first_index("div", "govuk-error-summary")
    assert summary is not None
    assert summary < outline.first_index("h1")
    assert "<title>Error: Sign in" in response.content.decode()
    assert 'href="#id_password"' in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("account_signup", {"email": "not-an-email"}),
        ("account_reset_password", {"email": ""}),
    ],
)
def test_a_visitor_form_with_errors_shows_the_error_summary(client, db, url_name, data):
    response = client.post(reverse(url_name), data)

    assert_govuk_page(response)
    assert "govuk-error-summary" in response.content.decode()


def test_a_password_change_with_errors_shows_the_error_summary(client_for, alice):
    response = client_for(alice).post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "x", "password2": "y"},
    )

    assert_govuk_page(response)
    assert "govuk-error-summary" in response.content.decode()


def test_a_two_factor_page_built_from_allauth_elements_shows_the_error_summary(client_for, alice):
    client = client_for(alice)
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    assert_govuk_page(client.get(reverse("mfa_activate_totp")))

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})

    outline = assert_govuk_page(response)
    assert outline.first_index("div", "govuk-error-summary") < outline.first_index("h1")


def test_the_signup_pages_are_govuk_pages_from_start_to_finish(client, barnet):
    sent = client.get(sign_up(client, "alice@barnet.gov.uk").url)
    assert_govuk_page(sent)
    assert "Check your email" in sent.content.decode()

    link = last_link_to("/confirm-email/")
    confirm_page = client.get(link)
    assert_govuk_page(confirm_page)
    assert "alice@barnet.gov.uk" in confirm_page.content.decode()

    confirmed = confirm_last_email(client)
    assert confirmed.status_code == 302


def test_an_unknown_confirmation_link_says_so(client, db):
    response = client.get(reverse("account_confirm_email", args=["not-a-key"]))

    assert_govuk_page(response)
    assert "This link has expired or does not work" in response.content.decode()


def test_the_password_reset_pages_are_govuk_pages_from_start_to_finish(client, alice):
    requested = post_and_send(
        client, reverse("account_reset_password"), {"email": "alice@barnet.gov.uk"}
    )
    done = client.get(requested.url)
    assert_govuk_page(done)

    key_page = client.get(last_link_to("/password/reset/key/"), follow=True)
    assert_govuk_page(key_page)
    set_password_url = key_page.redirect_chain[-1][0]
    new_password = "a-brand-new-" + PASSWORD
    changed = client.post(
        set_password_url, {"password1": new_password, "password2": new_password}, follow=True
    )
    assert_govuk_page(changed)
    assert "Your password has been changed" in changed.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(new_password)


def test_a_used_password_reset_link_says_so(client, alice):
    response = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "nope"}),
        follow=True,
    )

    assert_govuk_page(response)
    assert "This link has expired or does not work" in response.content.decode()


def test_sign_in_uses_plain_english_labels_without_placeholders(client, db):
    html = client.get(reverse("account_login")).content.decode()

    assert "Email address" in html
    assert "Keep me signed in on this device" in html
    assert "placeholder=" not in html


def test_confirming_it_is_you_is_in_plain_english_and_a_wrong_password_is_explained(
    client_for, alice
):
    client = client_for(alice)
    page = client.get(reverse("account_reauthenticate"))
    assert_govuk_page(page)
    assert "<title>Confirm it is you" in page.content.decode()
    assert "Please reauthenticate" not in page.content.decode()

    response = client.post(reverse("account_reauthenticate"), {"password": "not-her-password"})

    outline = assert_govuk_page(response)
    assert outline.first_index("div", "govuk-error-summary") < outline.first_index("h1")
    assert "<title>Error: Confirm it is you" in response.content.decode()


def test_confirming_it_is_you_with_an_authenticator_code_is_the_same_page(client_for, bob):
    response = client_for(bob).get(reverse("mfa_reauthenticate"))

    assert_govuk_page(response)
    page = response.content.decode()
    assert "<title>Confirm it is you" in page
    assert f'action="{reverse("mfa_reauthenticate")}"' in page
    assert 'name="code"' in page
    assert re.search(r"<button[^>]*>\s*Continue\s*</button>", page)
