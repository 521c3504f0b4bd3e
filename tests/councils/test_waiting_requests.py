"""Someone who asked to join a council is told, until it is decided, that the request waits."""

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from councils.models import MembershipRequest
from tests.html import PageOutline

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

# The requests are made directly, not through the join page: the message shown after
# asking also says who decides, and would pass for the page's own sentence.


def asked_on(membership_request):
    return dateformat.format(timezone.localtime(membership_request.created_at), "j F Y")


def offered_councils(page):
    outline = PageOutline(page)
    return {attrs.get("value") for tag, attrs in outline.tags if tag == "option"}


def test_ninas_account_page_says_her_request_to_barnet_waits(client_for, nina, erin, barnet):
    waiting = MembershipRequest.objects.create(user=nina, council=barnet)
    client = client_for(nina)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert f"You asked to join Barnet on {asked_on(waiting)}. A council admin will decide." in page
    assert "You are not part of a council yet" not in page


def test_the_join_page_says_it_waits_and_does_not_offer_barnet_again(
    client_for, nina, erin, barnet, brent
):
    waiting = MembershipRequest.objects.create(user=nina, council=barnet)
    client = client_for(nina)

    page = client.get(reverse("join:request")).content.decode()

    assert f"You asked to join Barnet on {asked_on(waiting)}. A council admin will decide." in page
    assert str(barnet.pk) not in offered_councils(page)
    assert str(brent.pk) in offered_councils(page)


def test_with_no_council_admin_nina_is_told_the_idea_bank_team_decides(client_for, nina, barnet):
    MembershipRequest.objects.create(user=nina, council=barnet)
    client = client_for(nina)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert "Barnet has no council admin on Idea Bank yet, so the Idea Bank team will decide." in (
        page
    )


def test_a_declined_request_no_longer_waits(client_for, nina, barnet):
    MembershipRequest.objects.create(
        user=nina, council=barnet, status=MembershipRequest.Status.DECLINED
    )
    client = client_for(nina)

    assert (
        "You are not part of a council yet"
        in client.get(reverse("accounts:profile")).content.decode()
    )
    assert str(barnet.pk) in offered_councils(client.get(reverse("join:request")).content.decode())
