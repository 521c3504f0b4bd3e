"""A council member refused a page is told who may use it and whom to ask, by role."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def refused(client, url):
    response = client.get(url)
    assert response.status_code == 403
    return response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "reason"),
    [
        ("members:list", "Only council admins can manage members."),
        ("members:requests", "Only council admins can decide on requests to join."),
        ("members:domains", "Only council admins can change the council’s email domains."),
        ("members:audit", "Only council admins can see the council’s security log."),
        ("members:sso", "Only council admins can change how staff sign in."),
    ],
)
def test_bob_the_manager_is_told_only_council_admins_can_and_to_ask_one(
    client_for, bob, erin, url_name, reason
):
    page = refused(client_for(bob), reverse(url_name, kwargs={"slug": "barnet"}))

    assert reason in page
    assert "Ask a council admin at Barnet" in page
    assert "Ask a manager" not in page
    # The page names the role, not the people who hold it.
    assert "Erin" not in page


def test_with_no_council_admin_bob_is_told_to_ask_the_idea_bank_team(client_for, bob):
    page = refused(client_for(bob), reverse("members:list", kwargs={"slug": "barnet"}))

    assert "Barnet has no council admin on Idea Bank yet" in page
    assert settings.SUPPORT_EMAIL in page


def test_alice_on_the_leavers_page_is_told_to_ask_a_manager(client_for, alice, bob):
    page = refused(client_for(alice), reverse("people:list", kwargs={"slug": "barnet"}))

    assert "Only managers and council admins can close the accounts of people who have left." in (
        page
    )
    assert "Ask a manager at Barnet" in page
    assert "Bob" not in page


def test_another_councils_admin_still_gets_not_found(client_for, brent_admin, barnet):
    response = client_for(brent_admin).get(reverse("members:list", kwargs={"slug": "barnet"}))

    assert response.status_code == 404


def test_the_403_page_shows_only_a_reason_written_for_the_reader(rf, alice):
    from django.core.exceptions import PermissionDenied

    from ideabank.lib.refusals import Refused, permission_denied

    request = rf.get("/")
    request.user = alice
    library = permission_denied(request, PermissionDenied("Reauthentication not available"))
    ours = permission_denied(request, Refused("Only council admins can manage members."))

    assert library.status_code == ours.status_code == 403
    assert "Reauthentication" not in library.content.decode()
    assert "Ask a manager at your council" in library.content.decode()
    assert "Only council admins can manage members." in ours.content.decode()


def test_staff_are_told_only_managers_review_ideas_and_sign_off_cards(client_for, alice, bob):
    from ..ideas.factories import IdeaFactory
    from ..pilots.factories import PilotFactory

    council = alice.membership.council
    idea = IdeaFactory(author=alice, status="submitted")
    card = PilotFactory(council=council, lead=alice, created_by=bob)
    running = PilotFactory(council=council, lead=alice, created_by=bob, status="running")
    client = client_for(alice)

    for url, doing in [
        (reverse("ideas:review_queue"), "review ideas"),
        (reverse("ideas:review", args=[idea.pk]), "review ideas"),
        (reverse("ideas:audience", args=[idea.pk]), "change who can see an idea"),
        (reverse("pilots:sign_off", args=[card.pk]), "sign off pilot cards"),
        (reverse("pilots:audience", args=[running.pk]), "change who can see a pilot"),
    ]:
        html = refused(client, url)
        assert f"Only managers at Barnet can {doing}." in html, url
        assert "Ask a manager at Barnet if you think you should have access." in html, url
    # A manager refused because the card is past sign-off gets the general words.
    html = refused(client_for(bob), reverse("pilots:sign_off", args=[running.pk]))
    assert "Only managers" not in html and "It may belong to another council" in html
