"""Changes made in the admin site (issue 14): each add, change and deletion writes one
audit row with who, what object, when, the council the object belongs to and the
address; platform admins read every row, a council admin their own council's only."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import Kind
from councils.models import CouncilEmailDomain, Membership
from ideas.models import Theme

from .helpers import only_event

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


@pytest.fixture
def admin_client(client_for, platform_admin):
    client = client_for(platform_admin)
    AuditEvent.objects.all().delete()
    return client


def test_adding_an_email_domain_in_the_admin_writes_who_what_and_the_council(
    admin_client, platform_admin, barnet
):
    response = admin_client.post(
        reverse("admin:councils_councilemaildomain_add"),
        {"council": barnet.pk, "domain": "barnet.org.uk"},
    )

    assert response.status_code == 302
    domain = CouncilEmailDomain.objects.get(domain="barnet.org.uk")
    only_event(
        kind=Kind.ADMIN_ADDED,
        actor=platform_admin,
        actor_label="Pat Admin",
        subject="barnet.org.uk",
        detail=f"council email domain {domain.pk}: Added.",
        council_id=barnet.pk,
        council_name="Barnet",
        ip_address="127.0.0.1",
    )


def test_changing_a_role_in_the_admin_names_the_person_and_the_fields_changed(
    admin_client, platform_admin, alice, barnet
):
    membership = alice.membership
    response = admin_client.post(
        reverse("admin:councils_membership_change", args=[membership.pk]),
        {"user": alice.pk, "council": barnet.pk, "role": Membership.Role.MANAGER},
    )

    assert response.status_code == 302
    only_event(
        kind=Kind.ADMIN_CHANGED,
        actor=platform_admin,
        subject_person=alice,
        subject="Alice Adeyemi (Manager, Barnet)",
        detail=f"membership {membership.pk}: Changed Role.",
        council_name="Barnet",
    )


def test_a_council_is_its_own_council_in_the_log(admin_client, barnet):
    admin_client.post(reverse("admin:councils_council_delete", args=[barnet.pk]), {"post": "yes"})

    # Deleting Barnet takes its domain with it; the row names what was asked for.
    only_event(
        kind=Kind.ADMIN_DELETED, subject="Barnet", council_id=barnet.pk, council_name="Barnet"
    )


def test_deleting_several_in_the_admin_writes_a_row_for_each(admin_client, barnet, brent):
    domains = [
        CouncilEmailDomain.objects.create(council=barnet, domain="old.barnet.gov.uk"),
        CouncilEmailDomain.objects.create(council=brent, domain="old.brent.gov.uk"),
    ]

    response = admin_client.post(
        reverse("admin:councils_councilemaildomain_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [domain.pk for domain in domains],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not CouncilEmailDomain.objects.filter(domain__startswith="old.").exists()
    rows = AuditEvent.objects.order_by("subject").values_list("kind", "subject", "council_name")
    assert list(rows) == [
        (Kind.ADMIN_DELETED, "old.barnet.gov.uk", "Barnet"),
        (Kind.ADMIN_DELETED, "old.brent.gov.uk", "Brent"),
    ]


def test_a_refused_change_writes_nothing(admin_client, barnet):
    response = admin_client.post(
        reverse("admin:councils_councilemaildomain_add"),
        {"council": barnet.pk, "domain": "gmail.com"},
    )

    assert response.status_code == 200  # the form again, with its error
    assert not AuditEvent.objects.exists()


# Who may read it.


@pytest.fixture
def changes_in_the_admin(admin_client, barnet, brent):
    """A Barnet domain, a Brent domain and a theme (no council's) added in the admin."""
    add_domain = reverse("admin:councils_councilemaildomain_add")
    admin_client.post(add_domain, {"council": barnet.pk, "domain": "barnet.org.uk"})
    admin_client.post(add_domain, {"council": brent.pk, "domain": "brent.org.uk"})
    admin_client.post(reverse("admin:ideas_theme_add"), {"name": "Waste", "slug": "waste"})
    assert Theme.objects.filter(slug="waste").exists()
    assert AuditEvent.objects.filter(kind=Kind.ADMIN_ADDED).count() == 3


def test_a_council_admin_reads_their_own_councils_admin_changes_only(
    client_for, changes_in_the_admin, erin, brent_admin
):
    barnet_log = client_for(erin).get(reverse("members:audit", kwargs={"slug": "barnet"}))
    brent_log = client_for(brent_admin).get(reverse("members:audit", kwargs={"slug": "brent"}))

    assert "barnet.org.uk" in barnet_log.content.decode()
    assert "Added in the admin site" in barnet_log.content.decode()
    for hidden in ("brent.org.uk", "Waste"):
        assert hidden not in barnet_log.content.decode()
    assert "brent.org.uk" in brent_log.content.decode()
    assert "barnet.org.uk" not in brent_log.content.decode()
    assert [event.subject for event in AuditEvent.objects.visible_to(erin)] == ["barnet.org.uk"]


def test_only_the_platform_admin_reads_changes_that_belong_to_no_council(
    changes_in_the_admin, platform_admin, erin, bob, alice, nina
):
    assert set(
        AuditEvent.objects.visible_to(platform_admin).values_list("subject", flat=True)
    ) == {
        "barnet.org.uk",
        "brent.org.uk",
        "Waste",
    }
    for person in (erin, bob, alice, nina):
        assert not AuditEvent.objects.visible_to(person).filter(subject="Waste").exists()
    for person in (bob, alice, nina):
        assert not AuditEvent.objects.visible_to(person).exists()
