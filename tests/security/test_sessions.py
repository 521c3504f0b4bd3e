"""ASVS L2 sessions: 12 hours at most, 30 idle minutes for people with powers,
cookie flags in production, a new key at sign-in, and signing out ends it."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils.middleware import LAST_SEEN_KEY

from ..factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

THIRTY_ONE_MINUTES = 31 * 60


def production_setting(*names):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(SECRET_KEY="a-long-random-production-secret-" + "x" * 40)
    code = (
        "from django.conf import settings as s; print(" + ", ".join(f"s.{n}" for n in names) + ")"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1].split()


def test_production_session_and_csrf_cookies_are_secure_httponly_and_lax():
    values = production_setting(
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_SAMESITE",
        "SESSION_COOKIE_AGE",
        "IDEABANK_PRIVILEGED_IDLE_TIMEOUT",
    )
    assert values == ["False", "True", "True", "Lax", "True", "Lax", "43200", "1800"]


def test_a_session_cookie_set_at_sign_in_is_httponly_lax_and_ends_within_twelve_hours(
    client, alice
):
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": DEFAULT_PASSWORD}
    )

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    session = Session.objects.get(session_key=cookie.value)
    assert session.expire_date <= timezone.now() + timedelta(hours=12)


def test_the_session_key_changes_when_alice_signs_in(client, alice):
    session = client.session
    session["before"] = "signing in"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    old_key = session.session_key

    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_signing_out_ends_the_session_on_the_server(client, alice):
    client.post(reverse("account_login"), {"login": alice.email, "password": DEFAULT_PASSWORD})
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("accounts:profile")).status_code == 200

    client.post(reverse("account_logout"))

    assert not Session.objects.filter(session_key=old_cookie).exists()
    replayed = Client()
    replayed.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    response = replayed.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_bob_the_manager_is_signed_out_after_thirty_idle_minutes(client_for, bob):
    client = client_for(bob)
    assert client.get(reverse("ideas:review_queue")).status_code == 200
    idle_for(client, THIRTY_ONE_MINUTES)

    response = client.get(reverse("ideas:review_queue"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_bob_stays_signed_in_after_twenty_nine_idle_minutes(client_for, bob):
    client = client_for(bob)
    client.get(reverse("ideas:review_queue"))
    idle_for(client, 29 * 60)

    assert client.get(reverse("ideas:review_queue")).status_code == 200


def test_council_and_platform_admins_are_signed_out_after_thirty_idle_minutes(
    client_for, erin, platform_admin
):
    for person, url in ((erin, "/councils/barnet/members/"), (platform_admin, "/admin/")):
        client = client_for(person)
        assert client.get(url).status_code == 200
        idle_for(client, THIRTY_ONE_MINUTES)
        assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_alice_as_staff_keeps_her_session_through_a_long_lunch(client_for, alice):
    client = client_for(alice)
    client.get(reverse("ideas:mine"))
    idle_for(client, THIRTY_ONE_MINUTES)

    assert client.get(reverse("ideas:mine")).status_code == 200


def test_a_form_sent_without_its_csrf_token_gets_a_page_that_says_what_to_do(db, alice):
    from ..html import assert_well_formed_page

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(reverse("ideas:create"), {"title": "Bus stop benches"})

    assert response.status_code == 403
    assert_well_formed_page(response)
    html = response.content.decode()
    assert "Your form could not be sent" in html and "Nothing was saved." in html
    assert "CSRF" not in html and "Sign out" in html  # the site's own layout
