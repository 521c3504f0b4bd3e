from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from councils.models import Membership

from .helpers import confirm_last_email, post_and_send, sign_up


def test_verifying_alice_at_barnet_through_signup_makes_her_staff_of_barnet(client, barnet):
    sign_up(client, "alice@barnet.gov.uk")
    alice = User.objects.get(email="alice@barnet.gov.uk")
    assert not Membership.objects.filter(user=alice).exists()

    confirm_last_email(client)

    membership = Membership.objects.get(user=alice)
    assert membership.council == barnet
    assert membership.role == Membership.Role.STAFF


def test_an_unverified_barnet_address_gives_no_council(client, barnet):
    response = sign_up(client, "alice@barnet.gov.uk")

    assert response.status_code == 302
    alice = User.objects.get(email="alice@barnet.gov.uk")
    assert not EmailAddress.objects.get(user=alice).verified
    assert not Membership.objects.filter(user=alice).exists()


def test_an_unverified_barnet_address_cannot_sign_in(client, barnet):
    sign_up(client, "alice@barnet.gov.uk")
    other_browser = client.__class__()

    response = other_browser.post(
        reverse("account_login"),
        {"login": "alice@barnet.gov.uk", "password": "lantern-orchard-1987"},
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not Membership.objects.filter(user__email="alice@barnet.gov.uk").exists()


def test_a_verified_gmail_address_gives_no_council(client, barnet):
    sign_up(client, "nina@gmail.com")

    confirm_last_email(client)

    nina = User.objects.get(email="nina@gmail.com")
    assert EmailAddress.objects.get(user=nina).verified
    assert not Membership.objects.filter(user=nina).exists()


def test_a_subdomain_of_a_council_domain_gives_no_council(client, barnet):
    sign_up(client, "sam@schools.barnet.gov.uk")

    confirm_last_email(client)

    assert not Membership.objects.filter(user__email="sam@schools.barnet.gov.uk").exists()


def test_a_lookalike_domain_gives_no_council(client, barnet):
    sign_up(client, "mallory@notbarnet.gov.uk")

    confirm_last_email(client)

    assert not Membership.objects.filter(user__email="mallory@notbarnet.gov.uk").exists()


def test_the_domain_matches_whatever_the_case_of_the_address(client, barnet):
    sign_up(client, "Alice@Barnet.GOV.UK")

    confirm_last_email(client)

    membership = Membership.objects.get(user__email="alice@barnet.gov.uk")
    assert membership.council == barnet


def test_a_closed_councils_domain_gives_no_council(client, barnet):
    barnet.active = False
    barnet.save()
    sign_up(client, "alice@barnet.gov.uk")

    confirm_last_email(client)

    assert not Membership.objects.filter(user__email="alice@barnet.gov.uk").exists()


def test_nina_joins_barnet_when_she_adds_and_verifies_a_barnet_address(client_for, nina, barnet):
    client = client_for(nina)

    post_and_send(
        client, reverse("account_email"), {"action_add": "", "email": "nina@barnet.gov.uk"}
    )
    assert not Membership.objects.filter(user=nina).exists()
    confirm_last_email(client)

    assert Membership.objects.get(user=nina).council == barnet


def test_carol_stays_at_brent_when_she_verifies_a_barnet_address(client_for, carol, barnet):
    client = client_for(carol)

    post_and_send(
        client, reverse("account_email"), {"action_add": "", "email": "carol@barnet.gov.uk"}
    )
    confirm_last_email(client)

    membership = Membership.objects.get(user=carol)
    assert membership.council.slug == "brent"
    assert membership.role == Membership.Role.STAFF


def test_a_confirmation_email_is_sent_in_plain_english(client, barnet):
    sign_up(client, "alice@barnet.gov.uk")

    message = mail.outbox[-1]
    assert message.subject == "Idea Bank: Confirm your email address"
    assert "/accounts/confirm-email/" in message.body
