"""Platform admins see closed accounts in the admin and close accounts with the same service."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import close_account

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

CHANGELIST = reverse("admin:accounts_user_changelist")


def close_in_admin(client, *people):
    return client.post(
        CHANGELIST,
        {"action": "close_accounts", "_selected_action": [person.pk for person in people]},
        follow=True,
    )


def test_a_platform_admin_finds_closed_accounts_and_who_closed_them(
    client_for, platform_admin, alice, bob, carol
):
    close_account(person=alice, by=bob)
    client = client_for(platform_admin)

    closed_list = client.get(CHANGELIST, {"closed": "yes"}).content.decode()
    open_list = client.get(CHANGELIST, {"closed": "no"}).content.decode()
    change_page = client.get(reverse("admin:accounts_user_change", args=[alice.pk]))

    assert f"closed-{alice.pk}@closed.invalid" in closed_list
    assert "carol@brent.gov.uk" not in closed_list
    assert "carol@brent.gov.uk" in open_list
    assert f"closed-{alice.pk}@closed.invalid" not in open_list
    assert change_page.status_code == 200
    assert "Closed account" in change_page.content.decode()
    assert "Bob Birch" in change_page.content.decode()


def test_the_admin_action_closes_accounts(client_for, platform_admin, alice, carol):
    response = close_in_admin(client_for(platform_admin), alice, carol)

    assert response.status_code == 200
    assert "Closed 2 accounts." in response.content.decode()
    for person in (alice, carol):
        closed = User.objects.get(pk=person.pk)
        assert closed.closed_by == platform_admin
        assert closed.full_name == ""
        assert not closed.is_active


def test_the_admin_action_keeps_a_councils_last_manager(client_for, platform_admin, bob):
    response = close_in_admin(client_for(platform_admin), bob)

    page = response.content.decode()
    assert (
        "Could not close the account of bob@barnet.gov.uk. Barnet must have at least one manager."
        in page
    )
    assert User.objects.get(pk=bob.pk).closed_at is None


def test_a_platform_admin_cannot_close_their_own_account_in_the_admin(client_for, platform_admin):
    response = close_in_admin(client_for(platform_admin), platform_admin)

    assert "You cannot close your own account here." in response.content.decode()
    assert User.objects.get(pk=platform_admin.pk).is_active
