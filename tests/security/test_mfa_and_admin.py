"""MFA (TOTP with recovery codes) before managers, council admins and platform
admins use their powers; Django admin only through allauth's sign-in.

Without the `privileged_people_have_mfa` fixture: the cast's managers and admins
start with no authenticator here, and a test gives one where it needs it.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ideabank.lib.totp import current_code, give_authenticator, new_secret
from ideas.models import Idea

from ..factories import DEFAULT_PASSWORD
from ..ideas.factories import idea_in_status


def test_totp_and_recovery_codes_are_the_supported_methods():
    assert settings.MFA_SUPPORTED_TYPES == ["totp", "recovery_codes"]


def test_bob_without_an_authenticator_is_sent_to_set_one_up(client_for, bob):
    client = client_for(bob)

    response = client.get(reverse("ideas:review_queue"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_bob_without_an_authenticator_cannot_decide_on_an_idea(client_for, alice, bob):
    idea = idea_in_status(Idea.Status.IN_REVIEW, author=alice, reviewer=bob)
    client = client_for(bob)

    response = client.post(
        reverse("ideas:review", args=[idea.pk]), {"decision": "accept", "feedback": "Go."}
    )

    assert response["Location"] == reverse("mfa_activate_totp")
    idea.refresh_from_db()
    assert idea.status == Idea.Status.IN_REVIEW


def test_bob_without_an_authenticator_can_still_reach_the_setup_and_sign_out(client_for, bob):
    client = client_for(bob)

    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_erin_and_the_platform_admin_without_an_authenticator_are_sent_to_set_one_up(
    client_for, erin, platform_admin
):
    for person, url in ((erin, "/councils/barnet/members/"), (platform_admin, "/admin/")):
        client = client_for(person)
        response = client.get(url)
        assert response["Location"] == reverse("mfa_activate_totp")


def test_alice_as_staff_needs_no_authenticator(client_for, alice):
    client = client_for(alice)

    assert client.get(reverse("ideas:create")).status_code == 200
    assert client.get(reverse("ideas:mine")).status_code == 200


def test_bob_signs_in_with_his_password_and_then_his_authenticator_code(client, bob):
    secret = new_secret()
    give_authenticator(bob, secret)

    response = client.post(
        reverse("account_login"), {"login": bob.email, "password": DEFAULT_PASSWORD}
    )

    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("ideas:review_queue")).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("ideas:review_queue")).status_code == 200


def test_a_wrong_authenticator_code_does_not_sign_bob_in(client, bob):
    secret = new_secret()
    give_authenticator(bob, secret)
    client.post(reverse("account_login"), {"login": bob.email, "password": DEFAULT_PASSWORD})

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_page_sends_visitors_to_the_portal_sign_in(client, db):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("account_login") + "?next=/admin/"


def test_the_admin_sign_in_page_does_not_sign_anyone_in_with_a_password(client, platform_admin):
    response = client.post(
        reverse("admin:login"),
        {"username": platform_admin.email, "password": DEFAULT_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_signed_in_staff_get_no_admin(client_for, alice):
    client = client_for(alice)

    assert client.get("/admin/")["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:login")).status_code == 403


def test_sign_in_attempts_are_rate_limited_for_the_platform_admin(platform_admin):
    client = Client()
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": platform_admin.email, "password": "wrong-guess"}
        )

    response = client.post(
        reverse("account_login"), {"login": platform_admin.email, "password": DEFAULT_PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 429}
    assert "too many" in response.content.decode().lower()


def test_bob_s_authenticator_is_looked_up_at_most_once_a_minute(
    client_for, bob, django_assert_max_num_queries
):
    give_authenticator(bob, new_secret())
    client = client_for(bob)
    client.get(reverse("ideas:review_queue"))
    with django_assert_max_num_queries(20) as captured:
        assert client.get(reverse("ideas:review_queue")).status_code == 200
    assert not any("mfa_authenticator" in q["sql"] for q in captured.captured_queries)


def test_removing_his_own_authenticator_makes_bob_set_one_up_again(client_for, bob):
    from allauth.mfa.signals import authenticator_removed

    give_authenticator(bob, new_secret())
    client = client_for(bob)
    assert client.get(reverse("ideas:review_queue")).status_code == 200
    authenticator = Authenticator.objects.get(user=bob, type=Authenticator.Type.TOTP)
    request = type("Request", (), {"session": client.session, "META": {}})()
    authenticator.delete()
    authenticator_removed.send(
        sender=Authenticator, request=request, user=bob, authenticator=authenticator
    )
    request.session.save()

    response = client.get(reverse("ideas:review_queue"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_between_password_and_code_the_header_offers_no_sign_in_and_the_page_is_plain(client, bob):
    give_authenticator(bob, new_secret())
    client.post(reverse("account_login"), {"login": bob.email, "password": DEFAULT_PASSWORD})

    page = client.get(reverse("mfa_authenticate")).content.decode()

    assert "Enter your security code" in page
    assert "Sign in: step 2 of 2" in page
    assert 'for="id_code">Security code</label>' in page
    assert 'autocomplete="one-time-code"' in page
    assert "Cancel and sign out" in page
    header = page.split("</header>")[0]
    assert ">Sign in<" not in header
    assert "Create an account" not in header
    assert "Two-Factor" not in page


def test_a_wrong_or_missing_code_is_explained_in_plain_english(client, bob):
    give_authenticator(bob, new_secret())
    client.post(reverse("account_login"), {"login": bob.email, "password": DEFAULT_PASSWORD})

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"}).content.decode()
    empty = client.post(reverse("mfa_authenticate"), {"code": ""}).content.decode()

    assert "govuk-error-summary" in wrong
    assert "The security code is not right." in wrong
    assert 'href="#id_code"' in wrong
    assert "Enter the security code from your authenticator app" in empty
    assert "Incorrect code" not in wrong
    assert "This field is required" not in empty


def test_the_two_step_verification_pages_speak_plain_english(client_for, bob):
    client = client_for(bob)
    index = client.get(reverse("mfa_index")).content.decode()
    assert '<h1 class="govuk-heading-l">Two-step verification</h1>' in index
    assert "govuk-summary-list" in index
    for jargon in ("Two-Factor", "Deactivate", "Authenticator App", "Activate"):
        assert jargon not in index, jargon
