"""A manager closes the account of a colleague who has left their council, and only that."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.services import close_account
from councils.models import Membership

from ..conftest import member

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

PEOPLE = reverse("people:list", kwargs={"slug": "barnet"})


def close_url(person, slug="barnet"):
    membership = Membership.objects.get(user=person)
    return reverse("people:close", kwargs={"slug": slug, "pk": membership.pk})


def is_closed(person):
    return User.objects.get(pk=person.pk).closed_at is not None


def test_bobs_account_page_links_to_the_people_at_his_council(client_for, bob):
    page = client_for(bob).get(reverse("accounts:profile")).content.decode()

    assert f'href="{PEOPLE}"' in page


def test_alices_account_page_does_not(client_for, alice):
    page = client_for(alice).get(reverse("accounts:profile")).content.decode()

    assert PEOPLE not in page


def test_bob_sees_the_people_at_barnet_and_can_close_alices_account_not_his_own(
    client_for, alice, bob, carol
):
    response = client_for(bob).get(PEOPLE)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Alice Adeyemi" in page
    assert "Bob Birch" in page
    assert "Carol Chen" not in page
    assert close_url(alice) in page
    assert close_url(bob) not in page


def test_bob_cannot_close_the_account_of_a_council_admin_but_erin_can_close_his(
    client_for, bob, erin
):
    bobs_page = client_for(bob).get(PEOPLE).content.decode()
    erins_page = client_for(erin).get(PEOPLE).content.decode()

    assert close_url(erin) not in bobs_page
    assert close_url(bob) in erins_page
    assert client_for(bob).post(close_url(erin)).status_code == 403
    assert not is_closed(erin)


@pytest.mark.parametrize(
    ("person", "status"),
    [("alice", 403), ("carol", 404), ("brent_manager", 404), ("dan", 404), ("nina", 404)],
)
def test_only_barnets_managers_open_the_people_at_barnet(
    request, client_for, alice, person, status
):
    client = client_for(request.getfixturevalue(person))

    assert client.get(PEOPLE).status_code == status
    assert client.get(close_url(alice)).status_code == status
    assert client.post(close_url(alice)).status_code == status
    assert not is_closed(alice)


def test_a_visitor_is_sent_to_sign_in(client, alice):
    for url in (PEOPLE, close_url(alice)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_the_close_page_asks_first_and_changes_nothing(client_for, alice, bob):
    response = client_for(bob).get(close_url(alice))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Has Alice Adeyemi left Barnet?" in page
    assert "govuk-warning-text" in page
    assert 'method="post"' in page
    assert not is_closed(alice)


def test_bob_closes_the_account_of_alice_who_has_left(client_for, alice, bob):
    client = client_for(bob)

    response = client.post(close_url(alice))

    assert response.status_code == 302
    assert response.url == PEOPLE
    closed = User.objects.get(pk=alice.pk)
    assert closed.closed_at is not None
    assert closed.closed_by == bob
    assert closed.full_name == ""
    assert closed.email.endswith("@closed.invalid")
    assert not closed.is_active
    assert not Membership.objects.filter(user=alice).exists()
    page = client.get(PEOPLE).content.decode()
    assert "You closed the account." in page
    assert "Alice" not in page


def test_bob_cannot_close_his_own_account_from_the_people_page(client_for, bob, erin):
    client = client_for(bob)

    assert client.get(close_url(bob)).status_code == 403
    assert client.post(close_url(bob)).status_code == 403
    assert not is_closed(bob)


def test_bob_cannot_close_the_account_of_someone_at_another_council(client_for, bob, carol):
    client = client_for(bob)
    carols = Membership.objects.get(user=carol)

    # Carol's membership reached through Barnet's page is not there at all,
    through_barnet = reverse("people:close", kwargs={"slug": "barnet", "pk": carols.pk})
    # and Brent's page is not Bob's to see.
    through_brent = reverse("people:close", kwargs={"slug": "brent", "pk": carols.pk})
    for url in (through_barnet, through_brent):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert not is_closed(carol)


def test_a_platform_admin_cannot_close_the_account_of_the_last_manager(
    client_for, bob, platform_admin
):
    client = client_for(platform_admin)

    page = client.get(close_url(bob)).content.decode()
    response = client.post(close_url(bob))

    assert "You cannot close the account of Bob Birch" in page
    assert response.status_code == 200
    assert "Barnet must have at least one manager." in response.content.decode()
    assert not is_closed(bob)


def test_of_two_managers_who_leave_the_second_stays_until_there_is_another(
    barnet, bob, platform_admin
):
    mo = member("mo@barnet.gov.uk", "Mo Mensah", barnet, Membership.Role.MANAGER)
    close_account(person=bob, by=platform_admin)

    with pytest.raises(ValidationError, match="Barnet must have at least one manager"):
        close_account(person=mo, by=platform_admin)

    assert not is_closed(mo)
    assert Membership.objects.filter(user=mo).exists()


def test_closing_needs_a_csrf_token(alice, bob):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)

    assert client.post(close_url(alice)).status_code == 403
    assert not is_closed(alice)


def test_the_people_page_takes_the_same_few_queries_for_many_people(
    client_for, barnet, bob, django_assert_max_num_queries
):
    client = client_for(bob)
    client.get(PEOPLE)  # the session's first write
    for number in range(30):
        member(f"person{number}@barnet.gov.uk", f"Person {number}", barnet)

    # 7: the header counts Bob's unread notifications, which needs his partner councils.
    with django_assert_max_num_queries(7):
        response = client.get(PEOPLE)

    assert response.content.decode().count("Has left: close account") == 30
