"""The pilot page's "Questions from other councils" when there are none to show: it says
what is true for the reader, and what happens next."""

import pytest
from django.urls import reverse

from pilots.models import Pilot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def questions_part(client, pilot):
    page = client.get(pilot.get_absolute_url()).content.decode()
    return page.split('id="questions"')[1].split('id="comments"')[0]


@pytest.mark.parametrize(
    ("person", "words"),
    [
        ("alice", "No other council has asked about this pilot yet."),
        ("bob", "No other council has asked about this pilot yet."),
        ("carol", "Your council has not asked about this pilot yet."),
        ("nina", "Only the two councils in a conversation can read it."),
    ],
)
def test_no_questions_reads_right_for_each_reader(make_pilot, clients, person, words):
    pilot = make_pilot(status=Pilot.Status.RUNNING, visibility="public")

    part = questions_part(clients[person], pilot)

    assert words in part
    assert "You cannot see any" not in part


def test_a_question_too_long_is_called_a_question_and_kept(make_pilot, clients):
    pilot = make_pilot(status=Pilot.Status.RUNNING, visibility="public")
    body = "Did it work? " * 300

    response = clients["carol"].post(reverse("pilots:ask", args=[pilot.pk]), {"body": body})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Your question must be 3,000 characters or fewer" in page
    assert "Your comment" not in page and body.strip() in page
