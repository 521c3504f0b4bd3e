"""Someone signed in but in no council is offered a council to join, not "My work"; if they
reach My work anyway, it tells them plainly to join a council first."""

import re

import pytest
from django.urls import reverse

from councils.models import MembershipRequest
from tests.html import assert_well_formed_page

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

HOME = reverse("home")
JOIN = reverse("join:request")
MY_WORK = reverse("notifications:my_work")


def navigation_links(page):
    """{link text: href} for the service navigation's links."""
    menu = page[page.index('<ul class="govuk-service-navigation__list"') :]
    menu = menu[: menu.index("</ul>")]
    links = re.findall(
        r'<a class="govuk-service-navigation__link" href="([^"]*)"[^>]*>([^<]*)<', menu
    )
    return {text.strip(): href for href, text in links}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_nina_in_no_council_is_offered_a_council_to_join_instead_of_my_work(client_for, nina):
    links = navigation_links(get(client_for(nina), HOME))

    assert links.get("Join a council") == JOIN
    assert "My work" not in links
    assert MY_WORK not in links.values()


def test_the_join_link_is_marked_current_on_the_join_page(client_for, nina):
    page = get(client_for(nina), JOIN)

    assert f'href="{JOIN}" aria-current="page">Join a council<' in page


@pytest.mark.parametrize("person", ["alice", "bob", "erin"])
def test_people_in_a_council_keep_my_work_and_are_not_offered_a_council(
    client_for, person, request
):
    links = navigation_links(get(client_for(request.getfixturevalue(person)), HOME))

    assert links.get("My work") == MY_WORK
    assert "Join a council" not in links


def test_a_visitor_is_offered_neither(client, db):
    links = navigation_links(get(client, HOME))

    assert "Join a council" not in links
    assert "My work" not in links


def test_ninas_my_work_tells_her_to_join_a_council_first_and_links_to_it(client_for, nina):
    page = get(client_for(nina), MY_WORK)

    assert_well_formed_page(page)
    assert "You are not part of a council yet. Join a council first." in page
    assert f'href="{JOIN}" role="button"' in page
    # The members' page's sections mean nothing to someone in no council.
    assert "Outcomes owed" not in page
    assert "Pilots you lead" not in page


def test_ninas_my_work_says_her_request_waits_and_that_she_will_be_emailed(
    client_for, nina, erin, barnet
):
    MembershipRequest.objects.create(user=nina, council=barnet)

    page = get(client_for(nina), MY_WORK)

    assert "You asked to join Barnet on" in page
    assert "A council admin will decide." in page
    assert "We will email you when they decide." in page
    assert f'href="{JOIN}">See your requests to join a council<' in page


def test_alices_my_work_is_the_members_page(client_for, alice):
    page = get(client_for(alice), MY_WORK)

    assert "Pilots you lead" in page
    assert "You are not part of a council yet" not in page


def test_my_work_still_needs_a_sign_in(client):
    response = client.get(MY_WORK)

    assert response.status_code == 302
    assert reverse("account_login") in response.url
