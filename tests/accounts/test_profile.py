import pytest
from django.urls import reverse

from ..html import PageOutline

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def test_a_visitor_is_asked_to_sign_in_to_see_a_profile(client, db):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_nina_is_told_she_is_not_part_of_a_council_and_how_to_ask(client_for, nina):
    response = client_for(nina).get(reverse("accounts:profile"))

    html = response.content.decode()
    assert "You are not part of a council yet" in html
    assert reverse("join:request") in html


def test_alice_sees_her_council_and_role(client_for, alice):
    response = client_for(alice).get(reverse("accounts:profile"))

    html = response.content.decode()
    assert "Barnet" in html
    assert "Staff" in html
    assert "You are not part of a council yet" not in html
    assert reverse("members:list", kwargs={"slug": "barnet"}) not in html


def test_erin_is_offered_the_members_page(client_for, erin):
    response = client_for(erin).get(reverse("accounts:profile"))

    assert reverse("members:list", kwargs={"slug": "barnet"}) in response.content.decode()


def test_alice_can_change_her_name_and_job_title(client_for, alice):
    response = client_for(alice).post(
        reverse("accounts:profile"),
        {"full_name": "Alice Adeyemi-Smith", "job_title": "Digital lead"},
        follow=True,
    )

    alice.refresh_from_db()
    assert alice.full_name == "Alice Adeyemi-Smith"
    assert alice.job_title == "Digital lead"
    assert "Your details have been saved." in response.content.decode()


def test_the_profile_form_is_a_govuk_form_with_an_error_summary(client_for, alice):
    response = client_for(alice).post(reverse("accounts:profile"), {"full_name": "x" * 151})

    outline = PageOutline(response.content.decode())
    assert outline.h1_count == 1
    assert outline.unlabelled_fields() == []
    assert outline.first_index("div", "govuk-error-summary") < outline.first_index("h1")
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adeyemi"


def test_alice_can_turn_off_each_kind_of_email(client_for, alice):
    # Decisions and comments are kinds of notification: off, page only, or page and email.
    response = client_for(alice).post(
        reverse("accounts:profile"),
        {
            "full_name": "Alice Adeyemi",
            "job_title": "",
            "kind_decision": "email",
            "kind_comment": "page",
            "notify_pilot_created": "on",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.notify_idea_decided is True
    assert alice.notify_idea_comment is False
    assert alice.page_comment is True
    assert alice.notify_pilot_created is True
    # Only managers are shown this one: Alice's choice stays as it was.
    assert alice.notify_idea_submitted is True
    assert alice.notify_pilot_adopted is False
