"""A council that requires its own sign-in, and MFA done by the council's provider."""

from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from ..factories import DEFAULT_PASSWORD
from .conftest import sign_in

HOW_TO = "Barnet staff sign in with their council account, not a password"


def require_council_sign_in(identity_provider_row):
    identity_provider_row.required = True
    identity_provider_row.save()


def test_password_sign_in_is_refused_when_barnet_requires_its_own(client, barnet_idp, alice):
    require_council_sign_in(alice.membership.council.identity_provider)

    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200
    assert HOW_TO in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_same_answer_is_given_for_an_address_with_no_account(client, barnet_idp, barnet):
    require_council_sign_in(barnet.identity_provider)

    response = client.post(
        reverse("account_login"), {"login": "nobody@barnet.gov.uk", "password": "whatever1234"}
    )

    assert HOW_TO in response.content.decode()


def test_a_password_reset_is_refused_and_no_email_is_sent(client, barnet_idp, alice):
    require_council_sign_in(alice.membership.council.identity_provider)

    response = client.post(reverse("account_reset_password"), {"email": alice.email})

    assert response.status_code == 200
    assert HOW_TO in response.content.decode()
    assert mail.outbox == []


def test_signing_up_with_a_password_is_refused(client, barnet_idp, barnet):
    require_council_sign_in(barnet.identity_provider)

    response = client.post(
        reverse("account_signup"),
        {"email": "new@barnet.gov.uk", "password1": "a-long-pass-9", "password2": "a-long-pass-9"},
    )

    assert HOW_TO in response.content.decode()
    assert mail.outbox == []


def test_other_councils_staff_still_sign_in_with_a_password(client, barnet_idp, carol):
    require_council_sign_in(barnet_idp_row(barnet_idp))

    response = client.post(
        reverse("account_login"), {"login": carol.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(carol.pk)


def barnet_idp_row(test_provider):
    from councils.models import IdentityProvider

    return IdentityProvider.objects.get(client_id=test_provider.client_id)


def test_barnet_staff_still_sign_in_with_a_password_when_it_is_not_required(
    client, barnet_idp, alice
):
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302


def test_staff_of_a_council_that_requires_it_sign_in_with_the_council_account(
    client, barnet_idp, alice
):
    require_council_sign_in(alice.membership.council.identity_provider)

    response = sign_in(client, "alice@barnet.gov.uk", "alice")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_bob_whose_council_account_did_mfa_reaches_the_review_queue_without_a_code(
    client, barnet_idp, bob
):
    assert Authenticator.objects.filter(user=bob).exists()

    response = sign_in(client, "bob@barnet.gov.uk", "bob-mfa")

    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_authenticate")
    assert client.get(reverse("ideas:review_queue")).status_code == 200


def test_bob_whose_council_account_did_not_do_mfa_is_asked_for_his_code(client, barnet_idp, bob):
    response = sign_in(client, "bob@barnet.gov.uk", "bob-pwd")

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("ideas:review_queue")).status_code == 302


def test_bob_without_an_authenticator_is_sent_to_set_one_up_without_provider_mfa(
    client, barnet_idp, bob
):
    Authenticator.objects.filter(user=bob).delete()
    sign_in(client, "bob@barnet.gov.uk", "bob-pwd")

    response = client.get(reverse("ideas:review_queue"))

    assert response["Location"] == reverse("mfa_activate_totp")


def test_bob_without_an_authenticator_needs_none_when_his_council_account_did_mfa(
    client, barnet_idp, bob
):
    Authenticator.objects.filter(user=bob).delete()
    sign_in(client, "bob@barnet.gov.uk", "bob-mfa")

    assert client.get(reverse("ideas:review_queue")).status_code == 200


def test_the_council_setting_counts_as_mfa_when_the_token_does_not_say(client, barnet_idp, bob):
    row = bob.membership.council.identity_provider
    row.enforces_mfa = True
    row.save()

    response = sign_in(client, "bob@barnet.gov.uk", "bob-pwd")

    assert response["Location"] != reverse("mfa_authenticate")
    assert client.get(reverse("ideas:review_queue")).status_code == 200


def test_a_platform_admin_still_needs_their_own_code(client, barnet_idp, bob):
    bob.is_staff = True
    bob.save()

    response = sign_in(client, "bob@barnet.gov.uk", "bob-mfa")

    assert response["Location"] == reverse("mfa_authenticate")
