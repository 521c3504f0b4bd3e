"""Sign-up and password pages say each thing once, in plain English."""

import pytest
from django.urls import reverse

from .helpers import sign_up

DJANGO_PASSWORD_HINTS = [
    "too similar to your other personal information",
    "must contain at least",
    "commonly used password",
    "entirely numeric",
]
PASSWORD_HINT = "Use at least 10 characters. Do not use a password you use elsewhere."


def test_check_your_email_says_once_that_the_email_was_sent(client, barnet):
    page = client.get(sign_up(client, "alice@barnet.gov.uk").url).content.decode()

    assert "Check your email" in page
    assert page.count("We have sent") == 1
    assert "We have sent a confirmation email to alice@barnet.gov.uk." in page
    assert "Follow the link in the email" in page


def assert_one_plain_password_hint(page):
    for hint in DJANGO_PASSWORD_HINTS:
        assert hint not in page, hint
    assert page.count(PASSWORD_HINT) == 1


def test_sign_up_gives_one_plain_password_hint(client, db):
    assert_one_plain_password_hint(client.get(reverse("account_signup")).content.decode())


@pytest.mark.usefixtures("privileged_people_have_mfa")
def test_changing_a_password_gives_the_same_hint(client_for, alice):
    page = client_for(alice).get(reverse("account_change_password")).content.decode()

    assert_one_plain_password_hint(page)
