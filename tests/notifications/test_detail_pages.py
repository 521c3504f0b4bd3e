"""The idea and pilot pages read the header's unread count and the Follow button's state
within their own query: the same numbers as everywhere else, hidden things left out."""

import pytest
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea
from notifications.context_processors import forget_none_waiting, none_waiting
from notifications.models import Follow
from pilots.models import Pilot

from ..ideas.factories import IdeaFactory
from .test_pages import notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def pages(idea, pilot):
    return [idea.get_absolute_url(), pilot.get_absolute_url()]


def test_carols_idea_and_pilot_pages_count_her_unread_notifications(
    client_for, carol, alices_idea, alices_pilot
):
    notification(carol, pilot=alices_pilot, message="Unread")
    notification(carol, idea=alices_idea, message="Also unread")
    notification(carol, pilot=alices_pilot, message="Read", read=True)
    client = client_for(carol)
    for url in pages(alices_idea, alices_pilot):
        assert "Notifications (2<span" in client.get(url).content.decode()
    client.post(reverse("notifications:mark_read"))
    for url in pages(alices_idea, alices_pilot):
        assert "Notifications (" not in client.get(url).content.decode()


def test_a_notification_about_what_carol_can_no_longer_see_is_not_counted_on_a_page(
    client_for, carol, alices_idea, alices_pilot
):
    barnet_only = IdeaFactory(
        author=alices_idea.author, status=Idea.Status.SUBMITTED, visibility=Visibility.COUNCIL
    )
    notification(carol, idea=alices_idea, message="Seen")
    notification(carol, idea=barnet_only, message="Hidden")
    notification(carol, pilot=alices_pilot, message="Hidden too")
    Pilot.objects.filter(pk=alices_pilot.pk).update(visibility=Visibility.COUNCIL)
    html = client_for(carol).get(alices_idea.get_absolute_url()).content.decode()
    assert "Notifications (1<span" in html


def test_the_follow_button_says_whether_alice_follows_the_idea_and_the_pilot(
    client_for, alice, alices_idea, alices_pilot
):
    client = client_for(alice)
    for url in pages(alices_idea, alices_pilot):
        assert "Stop following" not in client.get(url).content.decode()
    Follow.objects.create(user=alice, idea=alices_idea)
    Follow.objects.create(user=alice, pilot=alices_pilot)
    assert (
        "Stop following this idea" in client.get(alices_idea.get_absolute_url()).content.decode()
    )
    assert (
        "Stop following this pilot" in client.get(alices_pilot.get_absolute_url()).content.decode()
    )


def test_a_visitor_sees_no_follow_button_and_no_count(client_for, alices_pilot):
    Pilot.objects.filter(pk=alices_pilot.pk).update(visibility=Visibility.PUBLIC)
    html = client_for(None).get(alices_pilot.get_absolute_url()).content.decode()
    assert "Follow this pilot" not in html
    assert "Notifications (" not in html


def test_a_page_that_finds_nothing_waiting_lets_the_next_pages_skip_the_count(
    client_for, carol, alices_idea, alices_pilot
):
    client = client_for(carol)
    assert not none_waiting(carol)

    for url in pages(alices_idea, alices_pilot):
        assert "Notifications (" not in client.get(url).content.decode()
        assert none_waiting(carol)
        forget_none_waiting(carol.pk)

    notification(carol, idea=alices_idea, message="Arrives")  # forgets it too
    assert "Notifications (1<span" in client.get(alices_pilot.get_absolute_url()).content.decode()
    assert not none_waiting(carol)


def test_an_unread_notification_about_something_hidden_keeps_the_pages_counting(
    client_for, carol, alices_idea, alices_pilot
):
    notification(carol, pilot=alices_pilot, message="Hidden for now")
    Pilot.objects.filter(pk=alices_pilot.pk).update(visibility=Visibility.COUNCIL)
    client = client_for(carol)

    assert "Notifications (" not in client.get(alices_idea.get_absolute_url()).content.decode()
    assert not none_waiting(carol)
    Pilot.objects.filter(pk=alices_pilot.pk).update(visibility=Visibility.PARTNERS)
    assert "Notifications (1<span" in client.get(alices_idea.get_absolute_url()).content.decode()
