"""Closing one's own account keeps the privacy notice's promise: the name, email
address and job title go, sign-in and sessions go, what the person wrote stays."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import close_account
from councils.models import Membership, MembershipRequest
from digests.models import DigestDelivery, DigestPreference, DigestRun
from tests.factories import DEFAULT_PASSWORD

from .helpers import sign_up
from .test_account_pages import assert_govuk_page

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

CLOSE = reverse("accounts:close")


@pytest.fixture
def reauthenticated(client_for):
    """A client signed in as `user` who has just entered their password again."""

    def signed_in(user):
        client = client_for(user)
        client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
        return client

    return signed_in


def sessions_of(user):
    return [
        session
        for session in Session.objects.all()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]


def test_the_account_page_links_to_closing_the_account(client_for, alice):
    page = client_for(alice).get(reverse("accounts:profile")).content.decode()

    assert f'href="{CLOSE}"' in page


def test_closing_asks_for_the_password_again_first(client_for, alice):
    response = client_for(alice).get(CLOSE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(CLOSE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_close_page_says_what_happens_and_changes_nothing(reauthenticated, alice):
    response = reauthenticated(alice).get(CLOSE)

    outline = assert_govuk_page(response)
    page = response.content.decode()
    assert "govuk-warning-text" in page
    assert "You cannot undo this." in page
    assert "a former member of staff at Barnet" in page
    assert any(attrs.get("method") == "post" for attrs in outline.forms)
    alice.refresh_from_db()
    assert alice.is_active
    assert alice.closed_at is None
    assert alice.full_name == "Alice Adeyemi"


def test_closing_without_ticking_the_box_shows_the_error_summary(reauthenticated, alice):
    response = reauthenticated(alice).post(CLOSE, {})

    outline = assert_govuk_page(response)
    page = response.content.decode()
    assert outline.first_index("div", "govuk-error-summary") < outline.first_index("h1")
    assert "Tick the box to show you understand that you cannot undo this" in page
    assert 'href="#id_understood"' in page
    assert "<title>Error: Close your account" in page
    alice.refresh_from_db()
    assert alice.closed_at is None


def test_closing_needs_a_csrf_token(alice, client_for):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(CLOSE, {"understood": "on"})

    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.closed_at is None


def test_alice_closes_her_account_and_everything_about_her_goes(reauthenticated, alice, dan):
    alice.job_title = "Digital lead"
    alice.save()
    DigestPreference.objects.create(user=alice)
    now = timezone.now()
    sent_run = DigestRun.objects.create(key="weekly:sent", period="weekly", start=now, end=now)
    due_run = DigestRun.objects.create(key="weekly:due", period="weekly", start=now, end=now)
    DigestDelivery.objects.create(
        run=sent_run,
        user=alice,
        status=DigestDelivery.Status.SENT,
        last_error="450 Mailbox alice@barnet.gov.uk is full",
    )
    DigestDelivery.objects.create(run=due_run, user=alice)
    DigestDelivery.objects.create(run=due_run, user=dan)
    client = reauthenticated(alice)

    response = client.post(CLOSE, {"understood": "on"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:closed")
    alice = User.objects.get(pk=alice.pk)
    assert alice.full_name == ""
    assert alice.job_title == ""
    assert alice.email == f"closed-{alice.pk}@closed.invalid"
    assert not alice.has_usable_password()
    assert not alice.is_active
    assert alice.closed_at is not None
    assert alice.closed_by == alice
    assert not any(
        getattr(alice, name)
        for name in ("notify_idea_submitted", "notify_idea_decided", "notify_idea_comment")
    )
    assert not EmailAddress.objects.filter(user=alice).exists()
    assert not EmailAddress.objects.filter(email="alice@barnet.gov.uk").exists()
    assert not Membership.objects.filter(user=alice).exists()
    assert not DigestPreference.objects.filter(user=alice).exists()
    # The record of a digest already sent stays; one not yet sent is never sent.
    assert list(DigestDelivery.objects.filter(user=alice).values_list("status", "last_error")) == [
        (DigestDelivery.Status.SENT, "")
    ]
    assert DigestDelivery.objects.filter(user=dan).count() == 1
    assert sessions_of(alice) == []
    # Signed out: the next page asks them to sign in.
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_the_closed_page_says_what_happens_next(reauthenticated, alice):
    client = reauthenticated(alice)

    response = client.post(CLOSE, {"understood": "on"}, follow=True)

    assert_govuk_page(response)
    page = response.content.decode()
    assert "Your account is closed" in page
    assert "What happens next" in page
    assert "Alice" not in page
    assert SESSION_KEY not in client.session


def test_closing_signs_alice_out_on_every_device(client_for, alice, bob):
    laptop, phone = client_for(alice), client_for(alice)
    colleague = client_for(bob)
    assert len(sessions_of(alice)) == 2

    close_account(person=alice, by=alice)

    for device in (laptop, phone):
        response = device.get(reverse("accounts:profile"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    assert colleague.get(reverse("accounts:profile")).status_code == 200
    # Each session holds a hash of the old password, so even an account reopened by
    # mistake would not take them back; the nightly clear-up deletes them once expired.
    User.objects.filter(pk=alice.pk).update(is_active=True)
    for device in (laptop, phone):
        assert device.get(reverse("accounts:profile")).status_code == 302
    assert sessions_of(alice) == []
    assert len(sessions_of(bob)) == 1


def test_a_closed_account_cannot_sign_in_again(client, alice):
    closed = close_account(person=alice, by=alice)

    for login in ("alice@barnet.gov.uk", closed.email):
        response = client.post(
            reverse("account_login"), {"login": login, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 200
        assert "The email address or password is not correct." in response.content.decode()
        assert SESSION_KEY not in client.session


def test_closing_removes_two_factor_authentication(bob, erin):
    assert Authenticator.objects.filter(user=bob).exists()

    close_account(person=bob, by=bob)

    assert not Authenticator.objects.filter(user=bob).exists()


def test_a_platform_admin_who_closes_their_account_loses_their_powers(platform_admin):
    closed = close_account(person=platform_admin, by=platform_admin)

    assert not closed.is_staff
    assert not closed.is_superuser
    assert not closed.is_active


def test_closing_forgets_requests_to_join(nina, barnet):
    MembershipRequest.objects.create(user=nina, council=barnet, message="I work for Barnet.")

    close_account(person=nina, by=nina)

    assert not MembershipRequest.objects.filter(user=nina).exists()


def test_someone_can_sign_up_again_with_the_address_of_a_closed_account(client, alice):
    close_account(person=alice, by=alice)

    sign_up(client, "alice@barnet.gov.uk")

    assert User.objects.filter(email="alice@barnet.gov.uk", closed_at__isnull=True).exists()


def test_closing_a_closed_account_again_changes_nothing(alice, bob):
    first = close_account(person=alice, by=alice)

    again = close_account(person=alice, by=bob)

    assert again.closed_at == first.closed_at
    assert again.closed_by == alice


def test_the_last_manager_cannot_close_their_account(reauthenticated, bob):
    client = reauthenticated(bob)

    page = client.get(CLOSE).content.decode()
    response = client.post(CLOSE, {"understood": "on"})

    assert "You cannot close your account yet" in page
    assert "Barnet must have at least one manager." in page
    assert response.status_code == 200
    bob.refresh_from_db()
    assert bob.is_active
    assert bob.closed_at is None
    with pytest.raises(ValidationError):
        close_account(person=bob, by=bob)
    assert Membership.objects.filter(user=bob).exists()


def test_the_last_council_admin_cannot_close_their_account(reauthenticated, bob, erin):
    response = reauthenticated(erin).post(CLOSE, {"understood": "on"})

    assert "Barnet must have at least one council admin." in response.content.decode()
    erin.refresh_from_db()
    assert erin.closed_at is None


def test_a_manager_with_another_manager_beside_them_can_close_their_account(
    reauthenticated, bob, erin
):
    response = reauthenticated(bob).post(CLOSE, {"understood": "on"})

    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.closed_at is not None


def test_closing_tells_the_apps_above_accounts_who_is_closing_and_who_closed_it(alice, bob):
    from accounts.signals import account_closing

    told = []

    def receiver(sender, person, by, **kwargs):
        told.append((person.pk, by.pk))

    account_closing.connect(receiver)
    try:
        close_account(person=alice, by=bob)
    finally:
        account_closing.disconnect(receiver)

    assert told == [(alice.pk, bob.pk)]
    assert not Membership.objects.filter(user=alice).exists()


def test_a_receiver_that_refuses_the_closing_leaves_every_app_as_it_was(alice, barnet):
    from accounts.signals import account_closing

    DigestPreference.objects.create(user=alice)

    def refuse(sender, **kwargs):
        raise ValidationError("Not today.")

    account_closing.connect(refuse)
    try:
        with pytest.raises(ValidationError):
            close_account(person=alice, by=alice)
    finally:
        account_closing.disconnect(refuse)

    alice.refresh_from_db()
    assert alice.closed_at is None
    assert Membership.objects.filter(user=alice, council=barnet).exists()
    assert DigestPreference.objects.filter(user=alice).exists()
