"""The account page shows managers' notification settings to managers only."""

import re

import pytest
from django.urls import reverse

from accounts.models import Delivery

from ..html import PageOutline

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

MANAGER_SETTINGS = [
    "Pilot cards waiting for my sign-off",
    "Email me when a new idea is submitted for my review",
]


def profile_page(client):
    return client.get(reverse("accounts:profile")).content.decode()


def field_names(page):
    return {attrs.get("name") for attrs in PageOutline(page).fields}


def test_alice_of_staff_is_not_shown_managers_settings(client_for, alice):
    page = profile_page(client_for(alice))

    for text in MANAGER_SETTINGS:
        assert text not in page
    assert not {"kind_sign_off", "notify_idea_submitted"} & field_names(page)


def test_bob_the_manager_is_shown_them_without_a_note_that_they_are_for_managers(client_for, bob):
    page = profile_page(client_for(bob))

    for text in MANAGER_SETTINGS:
        assert text in page
    assert "(managers)" not in page
    assert {"kind_sign_off", "notify_idea_submitted"} <= field_names(page)


def save_profile(client_for, person, **choices):
    """Save `person`'s account page with these choices; return them as saved."""
    data = {"full_name": person.full_name, "job_title": "", **choices}
    response = client_for(person).post(reverse("accounts:profile"), data)
    assert response.status_code == 302
    person.refresh_from_db()
    return person


def test_alice_saving_her_details_leaves_managers_settings_as_they_were(client_for, alice):
    alice.page_sign_off_requested = True
    alice.notify_sign_off_requested = False
    alice.notify_idea_submitted = True
    alice.save()

    save_profile(client_for, alice, kind_decision=Delivery.PAGE)

    assert alice.page_sign_off_requested is True
    assert alice.notify_sign_off_requested is False
    assert alice.notify_idea_submitted is True
    assert alice.notify_idea_decided is False


def test_bob_can_turn_managers_settings_off(client_for, bob):
    save_profile(client_for, bob, kind_sign_off=Delivery.OFF)

    assert bob.page_sign_off_requested is False
    assert bob.notify_sign_off_requested is False
    assert bob.notify_idea_submitted is False


def test_the_other_emails_are_grouped_under_a_legend(client_for, alice):
    page = profile_page(client_for(alice))

    assert re.search(
        r'<fieldset class="govuk-fieldset">\s*<legend[^>]*>\s*(<h3[^>]*>)?Other emails<', page
    )


def test_name_and_job_title_say_what_the_browser_may_fill_in(client_for, alice):
    fields = {
        attrs.get("name"): attrs for attrs in PageOutline(profile_page(client_for(alice))).fields
    }

    assert fields["full_name"]["autocomplete"] == "name"
    assert fields["job_title"]["autocomplete"] == "organization-title"
