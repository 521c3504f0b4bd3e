"""The council sign-in form says what it needs: the secret is required until one is saved."""

import pytest
from django.urls import reverse

from councils.models import IdentityProvider
from tests.html import PageOutline

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

SETTINGS = {
    "issuer": "https://login.microsoftonline.com/0000-tenant/v2.0",
    "client_id": "ideabank-client",
    "client_secret": "s3cret-from-entra",
    "enabled": "on",
}


def settings_page(client):
    return client.get(reverse("members:sso", args=["barnet"])).content.decode()


def ticked(page, name):
    outline = PageOutline(page)
    (field,) = [attrs for attrs in outline.fields if attrs.get("name") == name]
    return "checked" in field


def test_on_first_set_up_the_secret_is_required_and_there_is_nothing_to_keep(client_for, erin):
    page = settings_page(client_for(erin))

    assert "Client secret (optional)" not in page
    assert "Client secret" in page
    assert "Leave empty to keep" not in page


def test_once_a_secret_is_saved_it_is_optional_and_kept_if_left_empty(client_for, erin):
    client = client_for(erin)
    client.post(reverse("members:sso", args=["barnet"]), SETTINGS)

    page = settings_page(client)

    assert "Client secret (optional)" in page
    assert "Leave empty to keep the secret you saved before" in page


def test_the_issuer_label_spells_url_in_capitals(client_for, erin):
    page = settings_page(client_for(erin))

    assert "Issuer URL" in page
    assert "Issuer url" not in page


def test_staff_sign_in_starts_unticked_on_first_set_up(client_for, erin):
    assert not ticked(settings_page(client_for(erin)), "enabled")


def test_a_saved_setting_shows_as_saved(client_for, erin):
    client = client_for(erin)
    client.post(reverse("members:sso", args=["barnet"]), SETTINGS)

    assert ticked(settings_page(client), "enabled")
    assert IdentityProvider.objects.get(council__slug="barnet").enabled


def test_a_first_save_without_a_secret_asks_for_it_and_keeps_what_was_typed(client_for, erin):
    response = client_for(erin).post(
        reverse("members:sso", args=["barnet"]), {**SETTINGS, "client_secret": ""}
    )

    page = response.content.decode()
    assert "Enter the client secret" in page
    assert "ideabank-client" in page
    assert "Client secret (optional)" not in page
    assert not IdentityProvider.objects.exists()


def test_a_first_save_left_off_says_what_to_do_next(client_for, erin):
    settings = {key: value for key, value in SETTINGS.items() if key != "enabled"}

    response = client_for(erin).post(
        reverse("members:sso", args=["barnet"]), settings, follow=True
    )

    page = response.content.decode()
    assert "Test the connection, then tick “Staff can sign in with it”." in page
    assert not IdentityProvider.objects.get(council__slug="barnet").enabled
