"""When an account closes, the audit log stops naming the person (issue 14): their name
and email address leave every label, written as the site writes a closed account, and
every row stays with who (the account's id), what, when and the council."""

import pytest
from django.urls import reverse

from accounts.services import close_account
from audit.models import AuditEvent
from audit.services import Kind, record
from councils.models import Membership

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

CLOSED = "a former member of staff"
HER_NAME = ("Alice", "Adeyemi", "alice@barnet.gov.uk")


def labels(event):
    return f"{event.actor_label} {event.subject} {event.detail}"


@pytest.fixture
def alices_rows(client_for, platform_admin, alice, bob, erin, barnet):
    """Rows that name Alice: her sign-in, a failed one, a role change and a change to her
    membership in the admin; and one of Bob's that does not."""
    AuditEvent.objects.all().delete()
    record(Kind.SIGNED_IN, actor=alice, council=barnet)
    record(Kind.SIGN_IN_FAILED, actor=alice, council=barnet)
    record(Kind.ROLE_CHANGED, actor=erin, council=barnet, subject=alice, detail="Manager")
    client_for(platform_admin).post(
        reverse("admin:councils_membership_change", args=[alice.membership.pk]),
        {"user": alice.pk, "council": barnet.pk, "role": Membership.Role.STAFF},
    )
    record(Kind.SIGNED_IN, actor=bob, council=barnet)
    rows = {event.pk: event for event in AuditEvent.objects.all()}
    assert len(rows) == 5
    assert sum("Alice Adeyemi" in labels(event) for event in rows.values()) == 4
    return rows


def test_closing_her_account_takes_her_name_from_every_row_and_keeps_the_rows(
    alices_rows, alice, bob, erin
):
    close_account(person=alice, by=bob)

    after = {event.pk: event for event in AuditEvent.objects.exclude(kind=Kind.ACCOUNT_CLOSED)}
    assert after.keys() == alices_rows.keys()
    for pk, event in after.items():
        before = alices_rows[pk]
        assert (event.kind, event.actor_id, event.created_at, event.council_id) == (
            before.kind,
            before.actor_id,
            before.created_at,
            before.council_id,
        )
        assert (event.council_name, event.ip_address) == (before.council_name, before.ip_address)
        for part in HER_NAME:
            assert part not in labels(event), labels(event)
    by_kind = {(event.kind, event.actor_id): event for event in after.values()}
    assert by_kind[Kind.SIGNED_IN, alice.pk].actor_label == CLOSED
    assert by_kind[Kind.SIGN_IN_FAILED, alice.pk].actor_label == CLOSED
    assert by_kind[Kind.ROLE_CHANGED, erin.pk].subject == CLOSED
    assert by_kind[Kind.ROLE_CHANGED, erin.pk].actor_label == "Erin Evans"
    changed = [event for event in after.values() if event.kind == Kind.ADMIN_CHANGED]
    assert [event.subject for event in changed] == [f"{CLOSED} (Staff, Barnet)"]
    assert by_kind[Kind.SIGNED_IN, bob.pk].actor_label == "Bob Birch"


def test_closing_her_own_account_names_her_as_closed_in_the_closing_row(alice):
    close_account(person=alice, by=alice)

    [closing] = AuditEvent.objects.filter(kind=Kind.ACCOUNT_CLOSED)
    assert (closing.actor_id, closing.actor_label) == (alice.pk, CLOSED)


def test_her_closed_account_is_named_as_closed_in_rows_written_later(alice, bob, barnet):
    close_account(person=alice, by=bob)
    alice.refresh_from_db()

    event = record(Kind.ROLE_CHANGED, actor=alice, council=barnet, subject=alice)

    assert (event.actor_label, event.subject) == (CLOSED, CLOSED)


def test_the_security_log_shows_no_name_after_closing(client_for, alices_rows, alice, bob, erin):
    close_account(person=alice, by=bob)

    page = client_for(erin).get(reverse("members:audit", kwargs={"slug": "barnet"}))

    assert page.status_code == 200
    for part in HER_NAME:
        assert part not in page.content.decode()
    assert CLOSED in page.content.decode()
