"""Sign-in, sign-up and password reset must not reveal whether an address has an account."""

from django.core import mail
from django.urls import reverse

from .helpers import PASSWORD, post_and_send, sign_up


def test_signing_in_answers_the_same_for_a_known_and_an_unknown_email(client, alice):
    known = client.post(
        reverse("account_login"), {"login": "alice@barnet.gov.uk", "password": "not-her-password"}
    )
    unknown = client.post(
        reverse("account_login"), {"login": "nobody@barnet.gov.uk", "password": "not-a-password"}
    )

    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors
    assert known.context["form"].non_field_errors() == [
        "The email address or password is not correct."
    ]


def test_signing_up_with_a_taken_email_looks_the_same_as_a_new_one(client, alice):
    taken = sign_up(client, "alice@barnet.gov.uk")
    new = sign_up(client.__class__(), "newcomer@barnet.gov.uk")

    assert taken.status_code == new.status_code == 302
    assert taken.url == new.url == reverse("account_email_verification_sent")
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["alice@barnet.gov.uk"] == "Idea Bank: You already have an account"
    assert subjects["newcomer@barnet.gov.uk"] == "Idea Bank: Confirm your email address"


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_email(client, alice):
    url = reverse("account_reset_password")
    known = post_and_send(client, url, {"email": "alice@barnet.gov.uk"})
    unknown = post_and_send(client, url, {"email": "nobody@barnet.gov.uk"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("account_reset_password_done")
    assert len(mail.outbox) == 2


def test_a_taken_email_is_not_revealed_on_the_signup_page(client, alice):
    response = sign_up(client, "ALICE@barnet.gov.uk", password=PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
