"""The council admin's page for the council's sign-in, and the platform admin's."""

from django.urls import reverse

from councils.models import IdentityProvider

FORM = {
    "issuer": "https://login.microsoftonline.com/0000-tenant/v2.0/",
    "client_id": "ideabank-client",
    "client_secret": "s3cret-from-entra",
    "enabled": "on",
}


def test_erin_registers_barnets_provider_and_its_secret_is_sealed(client_for, erin):
    client = client_for(erin)

    response = client.post(reverse("members:sso", args=["barnet"]), FORM)

    assert response.status_code == 302
    row = IdentityProvider.objects.get(council__slug="barnet")
    assert row.issuer == "https://login.microsoftonline.com/0000-tenant/v2.0"
    assert row.client_secret == "s3cret-from-entra"
    assert "s3cret" not in row.sealed_client_secret
    page = client.get(reverse("members:sso", args=["barnet"])).content.decode()
    assert "s3cret-from-entra" not in page
    assert "/accounts/oidc/barnet/login/callback/" in page


def test_saving_again_without_a_secret_keeps_the_old_one(client_for, erin):
    client = client_for(erin)
    client.post(reverse("members:sso", args=["barnet"]), FORM)

    client.post(
        reverse("members:sso", args=["barnet"]), {**FORM, "client_secret": "", "required": "on"}
    )

    row = IdentityProvider.objects.get(council__slug="barnet")
    assert row.client_secret == "s3cret-from-entra"
    assert row.required


def test_missing_fields_are_explained(client_for, erin):
    response = client_for(erin).post(reverse("members:sso", args=["barnet"]), {"issuer": "nope"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the issuer URL, starting with https://" in page
    assert "Enter the application (client) ID" in page
    assert "Enter the client secret" in page
    assert not IdentityProvider.objects.exists()


def test_staff_get_403_and_other_councils_admins_404(client_for, alice, brent_admin):
    url = reverse("members:sso", args=["barnet"])

    assert client_for(alice).get(url).status_code == 403
    assert client_for(brent_admin).get(url).status_code == 404
    assert client_for(brent_admin).post(url, FORM).status_code == 404
    assert not IdentityProvider.objects.exists()


def test_testing_the_connection_finds_the_real_providers_endpoints(client_for, erin, barnet_idp):
    response = client_for(erin).post(reverse("members:sso_test", args=["barnet"]), follow=True)

    assert "found its sign-in endpoints" in response.content.decode()


def test_testing_a_wrong_issuer_says_what_the_provider_calls_itself(
    client_for, erin, barnet_idp, barnet
):
    row = barnet.identity_provider
    row.issuer = barnet_idp.url + "/barnet-tenant/v2.0/../v2.0"
    row.save()

    response = client_for(erin).post(reverse("members:sso_test", args=["barnet"]), follow=True)

    assert "Check the issuer URL" in response.content.decode()


def test_testing_an_unreachable_issuer_says_so(client_for, erin, barnet_idp, barnet):
    row = barnet.identity_provider
    row.issuer = "http://127.0.0.1:9/nothing-here"
    row.save()

    response = client_for(erin).post(reverse("members:sso_test", args=["barnet"]), follow=True)

    assert "could not fetch" in response.content.decode()


def test_a_platform_admin_registers_a_provider_in_django_admin(client_for, platform_admin, brent):
    client = client_for(platform_admin)

    response = client.post(
        reverse("admin:councils_identityprovider_add"), {**FORM, "council": brent.pk}
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert IdentityProvider.objects.get(council=brent).client_secret == "s3cret-from-entra"


def test_an_issuer_without_https_is_refused(client_for, erin):
    response = client_for(erin).post(
        reverse("members:sso", args=["barnet"]), {**FORM, "issuer": "http://intranet.local/x"}
    )

    assert "Enter the issuer URL, starting with https://" in response.content.decode()
    assert not IdentityProvider.objects.exists()
