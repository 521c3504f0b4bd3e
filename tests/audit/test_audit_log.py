"""The audit log (issue 14, "Observability"): each security event writes one row
with who, what, when and the council; platform admins read every row, council
admins their own council's, and nobody else any."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import Kind, record
from councils.models import CouncilEmailDomain, Membership, MembershipRequest
from ideabank.lib.totp import current_code
from pilots.models import Pilot

from ..factories import DEFAULT_PASSWORD, UserFactory
from ..pilots.factories import PilotFactory
from .helpers import only_event

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def test_signing_in_writes_who_when_and_their_council(client, alice):
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    only_event(
        kind=Kind.SIGNED_IN,
        actor=alice,
        actor_label="Alice Adeyemi",
        council_id=alice.membership.council_id,
        council_name="Barnet",
        ip_address="127.0.0.1",
    )


def test_a_wrong_password_writes_a_failed_sign_in_against_the_account(client, alice):
    client.post(reverse("account_login"), {"login": alice.email, "password": "wrong"})

    only_event(kind=Kind.SIGN_IN_FAILED, actor=alice, council_name="Barnet")


def test_a_failed_sign_in_for_no_account_keeps_no_address(client, db):
    client.post(reverse("account_login"), {"login": "who@example.com", "password": "wrong"})

    event = only_event(kind=Kind.SIGN_IN_FAILED, actor=None, council_id=None)
    assert "who@example.com" not in f"{event.actor_label}{event.subject}{event.detail}"


def test_a_wrong_two_factor_code_is_written(client, bob):
    client.post(reverse("account_login"), {"login": bob.email, "password": DEFAULT_PASSWORD})
    AuditEvent.objects.all().delete()

    client.post(reverse("mfa_authenticate"), {"code": "000000"})

    only_event(kind=Kind.MFA_FAILED, actor=bob, council_name="Barnet")


def test_setting_up_and_removing_two_factor_authentication_write_one_row_each(
    client_for, alice, django_capture_on_commit_callbacks
):
    client = client_for(alice)
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    AuditEvent.objects.all().delete()
    setup_page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', setup_page)[1]
    code = current_code(secret)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    # TOTP and its recovery codes arrive together: one row.
    only_event(kind=Kind.MFA_ADDED, actor=alice, subject="Authenticator app")
    AuditEvent.objects.all().delete()

    client.post(reverse("mfa_deactivate_totp"))

    assert not Authenticator.objects.filter(user=alice).exists()
    only_event(kind=Kind.MFA_REMOVED, actor=alice, council_name="Barnet")


def test_a_role_change_names_the_admin_the_person_and_the_new_role(client_for, erin, alice):
    client_for(erin).post(
        reverse("members:change_role", kwargs={"slug": "barnet", "pk": alice.membership.pk}),
        {f"member-{alice.membership.pk}-role": Membership.Role.MANAGER},
    )

    only_event(
        kind=Kind.ROLE_CHANGED,
        actor=erin,
        subject="Alice Adeyemi",
        detail="Manager",
        council_name="Barnet",
    )


def test_removing_a_member_is_written(client_for, erin, alice):
    client_for(erin).post(
        reverse("members:remove", kwargs={"slug": "barnet", "pk": alice.membership.pk})
    )

    only_event(kind=Kind.MEMBER_REMOVED, actor=erin, subject="Alice Adeyemi")


def test_deciding_on_requests_to_join_is_written(client_for, erin, nina, barnet):
    client = client_for(erin)
    approved = MembershipRequest.objects.create(user=nina, council=barnet)
    client.post(reverse("members:approve", kwargs={"slug": "barnet", "pk": approved.pk}))
    only_event(kind=Kind.REQUEST_APPROVED, actor=erin, subject="Nina Noone")
    AuditEvent.objects.all().delete()

    other = UserFactory(full_name="Omar Other", email="omar@gmail.com")
    declined = MembershipRequest.objects.create(user=other, council=barnet)
    client.post(reverse("members:decline", kwargs={"slug": "barnet", "pk": declined.pk}))

    only_event(kind=Kind.REQUEST_DECLINED, actor=erin, subject="Omar Other")


def test_adding_and_removing_an_email_domain_are_written(client_for, erin, barnet):
    client = client_for(erin)
    client.post(
        reverse("members:domains", kwargs={"slug": "barnet"}), {"domain": "new.barnet.gov.uk"}
    )
    only_event(kind=Kind.DOMAIN_ADDED, actor=erin, subject="new.barnet.gov.uk")
    AuditEvent.objects.all().delete()

    domain = CouncilEmailDomain.objects.get(domain="new.barnet.gov.uk")
    client.post(reverse("members:remove_domain", kwargs={"slug": "barnet", "pk": domain.pk}))

    only_event(kind=Kind.DOMAIN_REMOVED, subject="new.barnet.gov.uk", council_name="Barnet")


def test_closing_a_leavers_account_keeps_the_number_not_the_name(client_for, bob, alice):
    number = alice.pk
    client_for(bob).post(
        reverse("people:close", kwargs={"slug": "barnet", "pk": alice.membership.pk})
    )

    event = only_event(
        kind=Kind.ACCOUNT_CLOSED, actor=bob, council_name="Barnet", subject=f"account {number}"
    )
    assert "Alice" not in f"{event.subject}{event.detail}"


def test_signing_off_a_pilot_is_written(bob, alice, barnet):
    pilot = PilotFactory(council=barnet, lead=alice, status=Pilot.Status.PLANNED, title="Bins")
    AuditEvent.objects.all().delete()

    pilot.sign_off(by=bob)

    only_event(kind=Kind.PILOT_SIGNED_OFF, actor=bob, subject="Bins", council_name="Barnet")


def test_a_row_keeps_the_council_and_the_person_after_they_are_gone(erin, barnet):
    event = record(Kind.DOMAIN_ADDED, actor=erin, council=barnet, subject="x.gov.uk")
    erin.delete()
    barnet.delete()

    event.refresh_from_db()
    assert (event.actor, event.actor_label, event.council_name) == (None, "Erin Evans", "Barnet")


# Who may read it.


def barnet_and_brent_events(barnet, brent):
    AuditEvent.objects.all().delete()
    record(Kind.DOMAIN_ADDED, council=barnet, subject="barnet-event.gov.uk")
    record(Kind.DOMAIN_ADDED, council=brent, subject="brent-event.gov.uk")
    record(Kind.SIGN_IN_FAILED, detail="no such account")


def test_erin_reads_barnets_events_and_no_others(client_for, erin, barnet, brent):
    barnet_and_brent_events(barnet, brent)

    response = client_for(erin).get(reverse("members:audit", kwargs={"slug": "barnet"}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "barnet-event.gov.uk" in page
    assert "brent-event.gov.uk" not in page
    assert "no such account" not in page
    assert (
        client_for(erin).get(reverse("members:audit", kwargs={"slug": "brent"})).status_code == 404
    )


def test_the_platform_admin_reads_every_council_and_every_row(
    client_for, platform_admin, barnet, brent
):
    barnet_and_brent_events(barnet, brent)
    client = client_for(platform_admin)

    brent_page = client.get(reverse("members:audit", kwargs={"slug": "brent"})).content.decode()
    assert "brent-event.gov.uk" in brent_page
    assert "barnet-event.gov.uk" not in brent_page
    assert AuditEvent.objects.visible_to(platform_admin).count() == 3
    admin_list = client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "no such account" in admin_list or "Sign-in failed" in admin_list


def test_managers_and_staff_of_the_council_are_refused_and_outsiders_see_nothing(
    client_for, bob, alice, carol, nina, barnet, brent
):
    barnet_and_brent_events(barnet, brent)
    url = reverse("members:audit", kwargs={"slug": "barnet"})

    assert client_for(bob).get(url).status_code == 403
    assert client_for(alice).get(url).status_code == 403
    assert client_for(carol).get(url).status_code == 404
    assert client_for(nina).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    for person in (bob, alice, carol, nina):
        assert not AuditEvent.objects.visible_to(person).exists()


def test_nobody_writes_or_deletes_the_log_in_django_admin(client_for, platform_admin, barnet):
    event = record(Kind.DOMAIN_ADDED, council=barnet, subject="x.gov.uk")
    client = client_for(platform_admin)

    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"subject": "changed"}).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.subject == "x.gov.uk"


def test_the_log_filters_by_kind_and_pages_by_fifty(client_for, erin, barnet):
    AuditEvent.objects.all().delete()
    for number in range(51):
        record(Kind.DOMAIN_ADDED, council=barnet, subject=f"d{number}.gov.uk")
    record(Kind.MEMBER_REMOVED, council=barnet, subject="Someone Gone")
    url = reverse("members:audit", kwargs={"slug": "barnet"})
    client = client_for(erin)

    removed = client.get(url, {"kind": Kind.MEMBER_REMOVED})
    assert [event.subject for event in removed.context["events"]] == ["Someone Gone"]
    first = client.get(url)
    assert len(first.context["events"]) == 50
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(client.get(url, {"page": 2}).context["events"]) == 2


def test_an_unknown_kind_is_explained_not_a_server_error(client_for, erin, barnet):
    response = client_for(erin).get(
        reverse("members:audit", kwargs={"slug": "barnet"}), {"kind": "nonsense", "page": "x"}
    )

    assert response.status_code == 200
    assert "Select what happened from the list" in response.content.decode()
