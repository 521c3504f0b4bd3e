"""Signing in with a council's own account, against real OpenID Connect providers."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from councils.models import Membership

from ..conftest import member
from .conftest import return_to_ideabank, sign_in, sign_in_at_provider, start_sign_in

User = get_user_model()


def people_and_links():
    return User.objects.count(), SocialAccount.objects.count(), Membership.objects.count()


def test_a_first_sign_in_creates_a_barnet_member_of_staff(client, barnet_idp, barnet):
    response = sign_in(client, "nadia.new@barnet.gov.uk", "nadia")

    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(email="nadia.new@barnet.gov.uk")
    assert person.full_name == "Nadia Newman"
    assert person.membership.council == barnet
    assert person.membership.role == Membership.Role.STAFF
    assert not person.has_usable_password()
    assert client.get("/account/profile/").context["user"] == person


def refusal(response):
    assert response.status_code == 400, response.content.decode()[:1000]
    return response.content.decode()


def test_a_later_sign_in_updates_the_persons_name(client, barnet_idp, alice):
    response = sign_in(client, "alice@barnet.gov.uk", "alice")

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adeyemi-Smith"
    assert SocialAccount.objects.get(user=alice).provider == "barnet"


def test_a_second_sign_in_finds_the_same_person_and_takes_their_new_name(
    client, barnet_idp, barnet
):
    sign_in(client, "nadia.new@barnet.gov.uk", "nadia")
    client.logout()

    response = sign_in(client, "nadia.new@barnet.gov.uk", "nadia-renamed")

    assert response.status_code == 302
    assert User.objects.filter(email="nadia.new@barnet.gov.uk").count() == 1
    assert User.objects.get(email="nadia.new@barnet.gov.uk").full_name == "Nadia Newman-Lee"


def test_the_time_of_the_last_sign_in_is_kept_for_the_council_admin(client, barnet_idp, barnet):
    sign_in(client, "nadia.new@barnet.gov.uk", "nadia")

    assert barnet.identity_provider.__class__.objects.get().last_sign_in_at is not None


def test_an_address_at_another_domain_is_refused_and_nothing_is_created(
    client, barnet_idp, barnet
):
    before = people_and_links()
    callback = sign_in_at_provider(start_sign_in(client, "nadia.new@barnet.gov.uk"), "gmail")

    page = refusal(return_to_ideabank(client, callback))

    assert "is not at one of Barnet’s email domains" in page
    assert people_and_links() == before
    assert "_auth_user_id" not in client.session


def test_a_brent_address_at_barnets_provider_is_refused(client, barnet_idp, carol):
    before = people_and_links()
    callback = sign_in_at_provider(start_sign_in(client, "x@barnet.gov.uk"), "carol")

    assert "Barnet’s email domains" in refusal(return_to_ideabank(client, callback))
    assert people_and_links() == before


def test_brents_provider_cannot_sign_anyone_into_barnet(client, barnet_idp, brent_idp, alice):
    before = people_and_links()
    callback = sign_in_at_provider(start_sign_in(client, "carol@brent.gov.uk"), "mallory")

    page = refusal(return_to_ideabank(client, callback))

    assert "cannot be used to sign in to Brent" in page
    assert people_and_links() == before
    assert not User.objects.filter(email="mallory@barnet.gov.uk").exists()


def test_a_code_from_brents_provider_is_refused_at_barnets_callback(
    client, barnet_idp, brent_idp, barnet
):
    before = people_and_links()
    brent_callback = sign_in_at_provider(start_sign_in(client, "carol@brent.gov.uk"), "carol")
    barnet_authorize = start_sign_in(client, "nadia.new@barnet.gov.uk")
    barnet_state = barnet_authorize.split("state=")[1].split("&")[0]
    brent_code = brent_callback.split("code=")[1].split("&")[0]

    response = client.get(
        "/accounts/oidc/barnet/login/callback/", {"code": brent_code, "state": barnet_state}
    )

    assert "could not sign you in" in refusal(response)
    assert people_and_links() == before


@pytest.mark.parametrize(
    ("email", "username", "message"),
    [
        ("olga@barnet.gov.uk", "other", "came from another organisation’s account"),
        ("eve@barnet.gov.uk", "expired", "had expired"),
        ("tom@barnet.gov.uk", "tampered", "could not be checked"),
    ],
    ids=["from_another_issuer", "expired", "changed_after_signing"],
)
def test_a_token_that_fails_its_checks_is_refused_and_signs_no_one_in(
    client, barnet_idp, bob, email, username, message
):
    before = people_and_links()

    page = refusal(sign_in(client, email, username))

    assert message in page
    assert people_and_links() == before
    assert "_auth_user_id" not in client.session


def test_a_state_used_once_cannot_be_used_again(client, barnet_idp, barnet):
    callback = sign_in_at_provider(start_sign_in(client, "nadia.new@barnet.gov.uk"), "nadia")
    assert return_to_ideabank(client, callback).status_code == 302
    client.logout()
    before = people_and_links()

    page = refusal(return_to_ideabank(client, callback))

    assert "expired or was already used" in page
    assert people_and_links() == before
    assert "_auth_user_id" not in client.session


def replay_with_another_state(client):
    """The provider's answer to one sign-in, sent back with the state of another."""
    first = sign_in_at_provider(start_sign_in(client, "nadia.new@barnet.gov.uk"), "nadia")
    second = start_sign_in(client, "nadia.new@barnet.gov.uk")
    first_code = first.split("code=")[1].split("&")[0]
    second_state = second.split("state=")[1].split("&")[0]
    return client.get(
        "/accounts/oidc/barnet/login/callback/", {"code": first_code, "state": second_state}
    )


def test_an_answer_replayed_with_another_sign_ins_state_is_refused(client, barnet_idp, barnet):
    before = people_and_links()

    # PKCE refuses it first: the code was issued for the other sign-in's challenge.
    assert "could not sign you in" in refusal(replay_with_another_state(client))
    assert people_and_links() == before


def test_without_pkce_the_nonce_still_refuses_a_replayed_answer(
    client, barnet_idp, barnet, monkeypatch
):
    from councils.sso import adapter

    def without_pkce(identity_provider):
        app = social_app(identity_provider)
        app.settings["oauth_pkce_enabled"] = False
        return app

    social_app = adapter.social_app
    monkeypatch.setattr(adapter, "social_app", without_pkce)
    before = people_and_links()

    page = refusal(replay_with_another_state(client))

    assert "started somewhere else or was already used" in page
    assert people_and_links() == before


def test_a_council_without_its_own_sign_in_is_told_so(client, barnet):
    response = client.post("/sign-in/council-account/", {"email": "alice@barnet.gov.uk"})

    assert response.status_code == 200
    assert "has not set up sign-in with its own account" in response.content.decode()


def test_an_email_address_in_the_wrong_format_is_explained(client, barnet_idp):
    response = client.post("/sign-in/council-account/", {"email": "alice"})

    assert "Enter an email address in the right format" in response.content.decode()


def test_a_member_of_another_council_is_refused(client, barnet_idp, brent):
    member("alice@barnet.gov.uk", "Alice at Brent", brent)
    before = people_and_links()

    page = refusal(sign_in(client, "alice@barnet.gov.uk", "alice"))

    assert "part of Brent, not Barnet" in page
    assert people_and_links() == before
