"""Provisioning (SCIM 2.0) per council: Entra ID adds people and removes leavers."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from councils.models import IdentityProvider, Membership
from councils.sso.scim import PATCH_SCHEMA, USER_SCHEMA, rotate_token
from ideas.models import Idea

from ..ideas.factories import IdeaFactory

User = get_user_model()


def provider_with_token(council):
    identity_provider = IdentityProvider(
        council=council, issuer="https://login.example/tenant/v2.0", client_id="x"
    )
    identity_provider.set_client_secret("secret")
    identity_provider.save()
    return rotate_token(identity_provider)


@pytest.fixture
def barnet_token(barnet):
    return provider_with_token(barnet)


@pytest.fixture
def brent_token(brent):
    return provider_with_token(brent)


class Scim:
    def __init__(self, client, slug, token):
        self.client, self.slug, self.headers = client, slug, {"Authorization": f"Bearer {token}"}

    def url(self, pk=None):
        if pk is None:
            return reverse("scim:users", kwargs={"slug": self.slug})
        return reverse("scim:user", kwargs={"slug": self.slug, "pk": pk})

    def send(self, method, pk=None, body=None, **params):
        return getattr(self.client, method)(
            self.url(pk)
            + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""),
            data=json.dumps(body) if body is not None else None,
            content_type="application/scim+json",
            headers=self.headers,
        )


def new_user(email="nia@barnet.gov.uk", name="Nia Newton"):
    return {"schemas": [USER_SCHEMA], "userName": email, "displayName": name, "active": True}


def deactivate():
    return {
        "schemas": [PATCH_SCHEMA],
        "Operations": [{"op": "Replace", "path": "active", "value": "False"}],
    }


def test_provisioning_creates_a_barnet_member_of_staff(client, barnet, barnet_token):
    response = Scim(client, "barnet", barnet_token).send("post", body=new_user())

    assert response.status_code == 201
    assert response["Content-Type"] == "application/scim+json"
    person = User.objects.get(email="nia@barnet.gov.uk")
    assert response.json()["id"] == str(person.pk)
    assert person.full_name == "Nia Newton"
    assert person.membership.council == barnet
    assert person.membership.role == Membership.Role.STAFF
    assert not person.has_usable_password()
    assert IdentityProvider.objects.get(council=barnet).last_scim_at is not None


def test_provisioning_cannot_create_someone_at_another_councils_domain(
    client, barnet, brent, barnet_token
):
    response = Scim(client, "barnet", barnet_token).send("post", body=new_user("x@brent.gov.uk"))

    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidValue"
    assert not User.objects.filter(email="x@brent.gov.uk").exists()


def test_creating_someone_twice_is_a_conflict(client, alice, barnet_token):
    response = Scim(client, "barnet", barnet_token).send("post", body=new_user(alice.email))

    assert response.status_code == 409
    assert User.objects.filter(email=alice.email).count() == 1


def test_get_and_list_with_a_username_filter(client, alice, bob, barnet_token):
    scim = Scim(client, "barnet", barnet_token)

    one = scim.send("get", alice.pk).json()
    found = scim.send("get", filter=f'userName eq "{alice.email.upper()}"').json()
    everyone = scim.send("get").json()

    assert one["userName"] == alice.email and one["active"] is True
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == str(alice.pk)
    assert everyone["totalResults"] == 2


def test_an_unsupported_filter_is_a_clear_400(client, alice, barnet_token):
    response = Scim(client, "barnet", barnet_token).send("get", filter="emails co x")

    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidFilter"


def test_put_updates_the_name(client, alice, barnet_token):
    body = {"schemas": [USER_SCHEMA], "userName": alice.email, "displayName": "Alice A. Smith"}

    response = Scim(client, "barnet", barnet_token).send("put", alice.pk, body)

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.full_name == "Alice A. Smith"


def test_deactivating_a_leaver_closes_their_account_keeps_their_work_and_ends_their_sessions(
    client, client_for, alice, bob, barnet_token
):
    idea = IdeaFactory(author=alice, title="Bins that say when they are full")
    alices_browser = client_for(alice)
    assert alices_browser.get(reverse("accounts:profile")).status_code == 200

    response = Scim(client, "barnet", barnet_token).send("patch", alice.pk, deactivate())

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.is_closed and not alice.is_active
    assert not Membership.objects.filter(user=alice).exists()
    assert Idea.objects.filter(pk=idea.pk, author=alice).exists()
    assert alices_browser.get(reverse("accounts:profile")).status_code == 302


def test_deleting_a_leaver_closes_their_account(client, alice, bob, barnet_token):
    scim = Scim(client, "barnet", barnet_token)

    response = scim.send("delete", alice.pk)

    assert response.status_code == 204
    alice.refresh_from_db()
    assert alice.is_closed
    assert scim.send("get", alice.pk).status_code == 404


def test_the_last_council_admin_cannot_be_closed_by_provisioning(client, erin, barnet_token):
    response = Scim(client, "barnet", barnet_token).send("delete", erin.pk)

    assert response.status_code == 400
    assert "must have at least one council admin" in response.json()["detail"]
    erin.refresh_from_db()
    assert not erin.is_closed


def test_brents_token_cannot_read_or_close_anyone_at_barnet(
    client, alice, bob, barnet_token, brent_token
):
    scim = Scim(client, "barnet", brent_token)
    before = list(User.objects.order_by("pk").values_list("pk", "email", "is_active"))

    answers = [
        scim.send("get", alice.pk),
        scim.send("get"),
        scim.send("patch", alice.pk, deactivate()),
        scim.send("delete", alice.pk),
        scim.send("post", body=new_user()),
    ]

    assert [answer.status_code for answer in answers] == [401] * 5
    assert list(User.objects.order_by("pk").values_list("pk", "email", "is_active")) == before


def test_brents_own_endpoint_does_not_show_barnet_people(client, alice, carol, brent_token):
    scim = Scim(client, "brent", brent_token)

    assert scim.send("get", alice.pk).status_code == 404
    assert scim.send("delete", alice.pk).status_code == 404
    assert [r["userName"] for r in scim.send("get").json()["Resources"]] == [carol.email]
    alice.refresh_from_db()
    assert not alice.is_closed


def test_no_token_or_a_rotated_token_is_refused(client, alice, barnet, barnet_token):
    assert Scim(client, "barnet", "").send("get").status_code == 401
    rotate_token(barnet.identity_provider)

    assert Scim(client, "barnet", barnet_token).send("get").status_code == 401


def test_a_body_that_is_not_json_is_a_clear_400(client, barnet, barnet_token):
    response = client.post(
        reverse("scim:users", kwargs={"slug": "barnet"}),
        data="not json",
        content_type="application/scim+json",
        headers={"Authorization": f"Bearer {barnet_token}"},
    )

    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidSyntax"


def test_the_council_admin_makes_a_token_and_sees_it_once(client_for, erin, barnet_token):
    client = client_for(erin)

    response = client.post(reverse("members:scim_token", args=["barnet"]))

    token = response.context["scim_token"]
    assert token and token in response.content.decode()
    assert Scim(client, "barnet", token).send("get").status_code == 200
    assert Scim(client, "barnet", barnet_token).send("get").status_code == 401
    assert token not in client.get(reverse("members:sso", args=["barnet"])).content.decode()


def test_a_member_of_staff_cannot_make_a_token(client_for, alice, barnet_token):
    response = client_for(alice).post(reverse("members:scim_token", args=["barnet"]))

    assert response.status_code == 403
