"""Council admins manage members, requests to join and email domains; nobody else can."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from councils.models import CouncilEmailDomain, Membership, MembershipRequest
from councils.services import change_member_role, remove_member
from tests.factories import UserFactory
from tests.html import PageOutline

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

# --- who may open the pages ------------------------------------------------------


def barnet_pages(alice, barnet):
    membership = Membership.objects.get(user=alice)
    domain = CouncilEmailDomain.objects.get(domain="barnet.gov.uk")
    return [
        reverse("members:list", kwargs={"slug": "barnet"}),
        reverse("members:remove", kwargs={"slug": "barnet", "pk": membership.pk}),
        reverse("members:requests", kwargs={"slug": "barnet"}),
        reverse("members:domains", kwargs={"slug": "barnet"}),
        reverse("members:remove_domain", kwargs={"slug": "barnet", "pk": domain.pk}),
    ]


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("erin", 200),
        ("platform_admin", 200),
        ("alice", 403),
        ("bob", 403),
        ("brent_admin", 404),
        ("carol", 404),
        ("dan", 404),
        ("nina", 404),
    ],
)
def test_only_barnets_council_admins_open_barnets_member_pages(
    request, client_for, alice, barnet, person, status
):
    client = client_for(request.getfixturevalue(person))

    for url in barnet_pages(alice, barnet):
        assert client.get(url).status_code == status, url


def test_a_visitor_is_sent_to_sign_in_from_every_member_page(client, alice, barnet):
    for url in barnet_pages(alice, barnet):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_an_unknown_council_is_not_found(client_for, erin):
    response = client_for(erin).get(reverse("members:list", kwargs={"slug": "nowhere"}))

    assert response.status_code == 404


def test_the_members_page_shows_name_email_job_title_and_role(client_for, erin, alice):
    alice.job_title = "Digital lead"
    alice.save()

    html = client_for(erin).get(reverse("members:list", kwargs={"slug": "barnet"})).content
    html = html.decode()

    for text in ["Alice Adeyemi", "alice@barnet.gov.uk", "Digital lead", "Erin Evans"]:
        assert text in html
    outline = PageOutline(html)
    assert outline.h1_count == 1
    assert outline.unlabelled_fields() == []


def test_the_members_page_lists_only_barnets_members(client_for, erin, carol):
    html = client_for(erin).get(reverse("members:list", kwargs={"slug": "barnet"})).content

    assert b"carol@brent.gov.uk" not in html


def test_changing_a_role_is_a_post_only_action(client_for, erin, alice):
    membership = Membership.objects.get(user=alice)
    url = role_url(membership)

    assert client_for(erin).get(url).status_code == 405


# --- another council's admin cannot reach in --------------------------------------


def role_url(membership, slug="barnet"):
    return reverse("members:change_role", kwargs={"slug": slug, "pk": membership.pk})


def role_post(membership, role):
    return {f"member-{membership.pk}-role": role}


@pytest.mark.parametrize(
    ("person", "slug", "role", "status_code"),
    [
        ("brent_admin", "barnet", "council_admin", 404),
        ("brent_admin", "brent", "council_admin", 404),
        ("bob", "barnet", "manager", 403),
        ("visitor", "barnet", "council_admin", 302),
    ],
    ids=[
        "brent admin cannot change barnet roles by post",
        "brent admin cannot change a barnet role through brents own address",
        "bob the manager cannot change roles by post",
        "a visitor is sent to sign in",
    ],
)
def test_only_barnets_council_admins_change_barnet_roles(
    request, client_for, alice, person, slug, role, status_code
):
    membership = Membership.objects.get(user=alice)
    client = client_for(None if person == "visitor" else request.getfixturevalue(person))

    response = client.post(role_url(membership, slug), role_post(membership, role))

    assert response.status_code == status_code
    membership.refresh_from_db()
    assert membership.role == Membership.Role.STAFF


def test_brent_admin_cannot_remove_barnet_members_by_post(client_for, brent_admin, alice):
    membership = Membership.objects.get(user=alice)

    for slug in ["barnet", "brent"]:
        url = reverse("members:remove", kwargs={"slug": slug, "pk": membership.pk})
        assert client_for(brent_admin).post(url).status_code == 404

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_brent_admin_cannot_add_or_remove_barnet_email_domains_by_post(
    client_for, brent_admin, barnet
):
    client = client_for(brent_admin)
    domain = CouncilEmailDomain.objects.get(domain="barnet.gov.uk")

    added = client.post(
        reverse("members:domains", kwargs={"slug": "barnet"}), {"domain": "evil.example"}
    )
    removed = [
        client.post(reverse("members:remove_domain", kwargs={"slug": slug, "pk": domain.pk}))
        for slug in ["barnet", "brent"]
    ]

    assert added.status_code == 404
    assert [response.status_code for response in removed] == [404, 404]
    assert list(barnet.email_domains.values_list("domain", flat=True)) == ["barnet.gov.uk"]


def test_brent_admin_cannot_approve_or_decline_a_barnet_request_by_post(
    client_for, brent_admin, nina, barnet
):
    asked = MembershipRequest.objects.create(user=nina, council=barnet)
    client = client_for(brent_admin)

    for slug in ["barnet", "brent"]:
        for action in ["members:approve", "members:decline"]:
            url = reverse(action, kwargs={"slug": slug, "pk": asked.pk})
            assert client.post(url).status_code == 404

    asked.refresh_from_db()
    assert asked.status == MembershipRequest.Status.PENDING
    assert not Membership.objects.filter(user=nina).exists()


# --- roles and removal --------------------------------------------------------------


def test_erin_can_make_alice_a_manager(client_for, erin, alice):
    membership = Membership.objects.get(user=alice)
    url = role_url(membership)

    response = client_for(erin).post(url, role_post(membership, "manager"), follow=True)

    membership.refresh_from_db()
    assert membership.role == Membership.Role.MANAGER
    assert response.redirect_chain[-1][0] == reverse("members:list", kwargs={"slug": "barnet"})
    assert "Alice Adeyemi is now a manager" in response.content.decode()


def test_erin_can_make_bob_a_council_admin_and_back_to_staff(client_for, erin, bob):
    membership = Membership.objects.get(user=bob)
    url = role_url(membership)
    client = client_for(erin)

    client.post(url, role_post(membership, "council_admin"))
    membership.refresh_from_db()
    assert membership.role == Membership.Role.COUNCIL_ADMIN

    client.post(url, role_post(membership, "staff"))
    membership.refresh_from_db()
    assert membership.role == Membership.Role.STAFF


def test_an_unknown_role_is_refused_with_an_error_summary(client_for, erin, alice):
    membership = Membership.objects.get(user=alice)
    url = role_url(membership)

    response = client_for(erin).post(url, role_post(membership, "platform_owner"))

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Membership.Role.STAFF


def test_erin_cannot_demote_herself_as_the_last_council_admin(client_for, erin):
    membership = Membership.objects.get(user=erin)
    url = role_url(membership)

    response = client_for(erin).post(url, role_post(membership, "staff"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Barnet must have at least one council admin" in html
    assert f'href="#id_member-{membership.pk}-role"' in html
    membership.refresh_from_db()
    assert membership.role == Membership.Role.COUNCIL_ADMIN


def test_erin_can_step_down_when_another_council_admin_remains(client_for, erin, bob):
    Membership.objects.filter(user=bob).update(role=Membership.Role.COUNCIL_ADMIN)
    membership = Membership.objects.get(user=erin)
    url = role_url(membership)

    response = client_for(erin).post(url, role_post(membership, "manager"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MANAGER


def test_erin_cannot_remove_herself_as_the_last_council_admin(client_for, erin):
    membership = Membership.objects.get(user=erin)
    url = reverse("members:remove", kwargs={"slug": "barnet", "pk": membership.pk})
    client = client_for(erin)

    page = client.get(url)
    response = client.post(url)

    assert "Barnet must have at least one council admin" in page.content.decode()
    assert b"govuk-button--warning" not in page.content
    assert response.status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_platform_admin_cannot_remove_the_last_council_admin_either(
    client_for, platform_admin, erin
):
    membership = Membership.objects.get(user=erin)
    url = reverse("members:remove", kwargs={"slug": "barnet", "pk": membership.pk})

    client_for(platform_admin).post(url)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_erin_removes_alice_after_a_confirmation_page(client_for, erin, alice):
    membership = Membership.objects.get(user=alice)
    url = reverse("members:remove", kwargs={"slug": "barnet", "pk": membership.pk})
    client = client_for(erin)

    page = client.get(url)
    assert "Are you sure you want to remove Alice Adeyemi from Barnet?" in page.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()

    response = client.post(url, follow=True)

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert "Alice Adeyemi is no longer part of Barnet" in response.content.decode()


def test_erin_can_leave_when_another_council_admin_remains(client_for, erin, bob):
    Membership.objects.filter(user=bob).update(role=Membership.Role.COUNCIL_ADMIN)
    membership = Membership.objects.get(user=erin)
    url = reverse("members:remove", kwargs={"slug": "barnet", "pk": membership.pk})

    response = client_for(erin).post(url)

    assert response.url == reverse("accounts:profile")
    assert not Membership.objects.filter(user=erin).exists()


# --- email domains ---------------------------------------------------------------


def add_domain(client, domain):
    return client.post(reverse("members:domains", kwargs={"slug": "barnet"}), {"domain": domain})


def test_erin_adds_an_email_domain(client_for, erin, barnet):
    response = add_domain(client_for(erin), " @Libraries.Barnet.GOV.UK ")

    assert response.status_code == 302
    assert barnet.email_domains.filter(domain="libraries.barnet.gov.uk").exists()


@pytest.mark.parametrize("domain", ["barnet.gov.scot", "barnet.gov.wales", "barnet.llyw.cymru"])
def test_erin_may_add_a_domain_under_any_nations_council_suffix(client_for, erin, barnet, domain):
    assert add_domain(client_for(erin), domain).status_code == 302
    assert barnet.email_domains.filter(domain=domain).exists()


@pytest.mark.parametrize(
    ("domain", "error"),
    [
        ("", "Enter an email domain"),
        ("not a domain", "Enter an email domain in the correct format, like barnet.gov.uk"),
        ("barnet", "Enter an email domain in the correct format, like barnet.gov.uk"),
        ("erin@barnet.gov.uk", "Enter only the part after the @, like barnet.gov.uk"),
        ("gmail.com", "Anyone can get a gmail.com address"),
        ("BARNET.gov.uk", "Barnet already uses barnet.gov.uk"),
        ("brent.gov.uk", "Another council already uses brent.gov.uk"),
        ("gov.uk", "gov.uk is shared by many organisations"),
        ("GOV.UK", "gov.uk is shared by many organisations"),
        ("gov.scot", "gov.scot is shared by many organisations"),
        ("gov.wales", "gov.wales is shared by many organisations"),
        ("llyw.cymru", "llyw.cymru is shared by many organisations"),
        ("nhs.uk", "nhs.uk is shared by many organisations"),
        ("nhs.net", "nhs.net is shared by many organisations"),
        ("police.uk", "police.uk is shared by many organisations"),
        ("sch.uk", "sch.uk is shared by many organisations"),
        ("barnet.sch.uk", "barnet.sch.uk is shared by many organisations"),
        ("ac.uk", "ac.uk is shared by many organisations"),
        ("mod.uk", "mod.uk is shared by many organisations"),
        ("parliament.uk", "parliament.uk is shared by many organisations"),
        ("gcsx.gov.uk", "gcsx.gov.uk is shared by many organisations"),
        (
            "barnet.council.uk",
            "Enter a domain ending in gov.uk, gov.scot, gov.wales or llyw.cymru",
        ),
        ("ox.ac.uk", "To add ox.ac.uk, contact the Idea Bank team at support@"),
        ("barnet.org", "they check it belongs to your council"),
    ],
)
def test_an_email_domain_that_cannot_be_added_gets_a_clear_error(
    client_for, erin, brent, barnet, domain, error
):
    response = add_domain(client_for(erin), domain)

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'href="#id_domain"' in html
    assert error in html
    assert CouncilEmailDomain.objects.count() == 2


def test_erin_removes_an_email_domain_after_a_confirmation_page(client_for, erin, barnet):
    domain = CouncilEmailDomain.objects.get(domain="barnet.gov.uk")
    url = reverse("members:remove_domain", kwargs={"slug": "barnet", "pk": domain.pk})
    client = client_for(erin)

    assert "Are you sure you want to remove barnet.gov.uk?" in client.get(url).content.decode()
    assert CouncilEmailDomain.objects.filter(pk=domain.pk).exists()

    response = client.post(url)

    assert response.url == reverse("members:domains", kwargs={"slug": "barnet"})
    assert not CouncilEmailDomain.objects.filter(pk=domain.pk).exists()


# --- asking to join ----------------------------------------------------------------


def ask(client, council, message=""):
    return client.post(reverse("join:request"), {"council": council.pk, "message": message})


def test_nina_asks_barnet_and_erin_approves(client_for, nina, erin, barnet):
    nina_client = client_for(nina)
    assert nina_client.get(reverse("join:request")).status_code == 200

    ask(nina_client, barnet, "I run the libraries digital team.")
    asked = MembershipRequest.objects.get(user=nina)
    assert asked.status == MembershipRequest.Status.PENDING
    assert "Waiting for a decision" in nina_client.get(reverse("join:request")).content.decode()

    erin_client = client_for(erin)
    queue = erin_client.get(reverse("members:requests", kwargs={"slug": "barnet"}))
    assert "I run the libraries digital team." in queue.content.decode()
    erin_client.post(reverse("members:approve", kwargs={"slug": "barnet", "pk": asked.pk}))

    asked.refresh_from_db()
    assert asked.status == MembershipRequest.Status.APPROVED
    assert asked.decided_by == erin
    assert asked.decided_at is not None
    membership = Membership.objects.get(user=nina)
    assert membership.council == barnet
    assert membership.role == Membership.Role.STAFF


def test_erin_declines_a_request(client_for, nina, erin, barnet):
    asked = MembershipRequest.objects.create(user=nina, council=barnet)

    client_for(erin).post(reverse("members:decline", kwargs={"slug": "barnet", "pk": asked.pk}))

    asked.refresh_from_db()
    assert asked.status == MembershipRequest.Status.DECLINED
    assert asked.decided_by == erin
    assert not Membership.objects.filter(user=nina).exists()


def test_a_decided_request_cannot_be_approved_again(client_for, nina, erin, barnet):
    asked = MembershipRequest.objects.create(
        user=nina, council=barnet, status=MembershipRequest.Status.DECLINED
    )

    response = client_for(erin).post(
        reverse("members:approve", kwargs={"slug": "barnet", "pk": asked.pk})
    )

    assert response.status_code == 404
    assert not Membership.objects.filter(user=nina).exists()


def test_approving_someone_who_joined_another_council_meanwhile_says_so(
    client_for, nina, erin, barnet, brent
):
    asked = MembershipRequest.objects.create(user=nina, council=barnet)
    Membership.objects.create(user=nina, council=brent)

    response = client_for(erin).post(
        reverse("members:approve", kwargs={"slug": "barnet", "pk": asked.pk}), follow=True
    )

    assert "Nina Noone is already part of Brent" in response.content.decode()
    assert Membership.objects.get(user=nina).council == brent
    asked.refresh_from_db()
    assert asked.status == MembershipRequest.Status.PENDING


def test_nina_cannot_ask_barnet_twice_while_waiting(client_for, nina, barnet):
    client = client_for(nina)
    ask(client, barnet)

    response = ask(client, barnet)

    assert "You have already asked Barnet" in response.content.decode()
    assert MembershipRequest.objects.filter(user=nina).count() == 1


def test_asking_without_choosing_a_council_shows_the_error_summary(client_for, nina, barnet):
    response = client_for(nina).post(reverse("join:request"), {"council": "", "message": "hi"})

    outline = PageOutline(response.content.decode())
    assert outline.h1_count == 1
    assert outline.unlabelled_fields() == []
    assert outline.first_index("div", "govuk-error-summary") < outline.first_index("h1")
    assert "Select the council you work for" in response.content.decode()
    assert not MembershipRequest.objects.exists()


def test_a_closed_council_cannot_be_asked(client_for, nina, barnet):
    barnet.active = False
    barnet.save()

    ask(client_for(nina), barnet)

    assert not MembershipRequest.objects.exists()


def test_alice_who_has_a_council_is_sent_to_her_profile_from_the_join_page(client_for, alice):
    response = client_for(alice).get(reverse("join:request"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")


def test_alice_cannot_ask_another_council_by_post(client_for, alice, brent):
    ask(client_for(alice), brent)

    assert not MembershipRequest.objects.exists()


def test_a_visitor_is_sent_to_sign_in_from_the_join_page(client, db):
    response = client.get(reverse("join:request"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_requests_page_shows_only_barnets_pending_requests(client_for, erin, barnet, brent):
    waiting = UserFactory(email="wanda@gmail.com", full_name="Wanda Waits")
    done = UserFactory(email="dora@gmail.com", full_name="Dora Done")
    elsewhere = UserFactory(email="ed@gmail.com", full_name="Ed Elsewhere")
    MembershipRequest.objects.create(user=waiting, council=barnet)
    MembershipRequest.objects.create(
        user=done, council=barnet, status=MembershipRequest.Status.DECLINED
    )
    MembershipRequest.objects.create(user=elsewhere, council=brent)

    html = client_for(erin).get(reverse("members:requests", kwargs={"slug": "barnet"})).content

    assert b"Wanda Waits" in html
    assert b"Dora Done" not in html
    assert b"Ed Elsewhere" not in html


def test_a_platform_admin_sees_every_councils_model_in_the_admin(
    client_for, platform_admin, alice, nina, barnet
):
    MembershipRequest.objects.create(user=nina, council=barnet)
    client = client_for(platform_admin)

    for model in [
        "council",
        "councilemaildomain",
        "partnership",
        "membership",
        "membershiprequest",
    ]:
        url = reverse(f"admin:councils_{model}_changelist")
        assert client.get(url, {"q": "barnet"}).status_code == 200, model


def test_the_last_manager_of_a_council_without_a_council_admin_keeps_the_role(barnet, bob):
    membership = bob.membership

    with pytest.raises(ValidationError, match="Barnet must have at least one manager"):
        change_member_role(membership=membership, role=Membership.Role.STAFF)
    with pytest.raises(ValidationError, match="Barnet must have at least one manager"):
        remove_member(membership=membership)

    promoted = change_member_role(membership=membership, role=Membership.Role.COUNCIL_ADMIN)
    assert promoted.role == Membership.Role.COUNCIL_ADMIN


def test_a_platform_admin_can_add_an_unusual_domain_in_the_django_admin_but_not_gov_uk(
    client_for, platform_admin, barnet
):
    admin_client = client_for(platform_admin)
    url = reverse("admin:councils_councilemaildomain_add")
    response = admin_client.post(url, {"council": barnet.pk, "domain": "barnet.org"})
    assert response.status_code == 302
    assert barnet.email_domains.filter(domain="barnet.org").exists()

    response = admin_client.post(url, {"council": barnet.pk, "domain": "GOV.UK"})
    assert response.status_code == 200
    assert "gov.uk is shared by many organisations" in response.content.decode()
    assert not CouncilEmailDomain.objects.filter(domain="gov.uk").exists()
