"""Platform admins read comments and conversations in the admin, reported messages first;
nothing is written there."""

import pytest
from django.urls import reverse

from outcomes.models import OutcomeComment
from pilots import conversations
from pilots.models import Message, Pilot, PilotComment, Question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


@pytest.fixture
def written(make_pilot, alice, bob, carol):
    """One of each: a pilot comment, an outcome comment, a question with a reported reply."""
    pilot = make_pilot(Pilot.Status.COMPLETED, "public", title="Bin day texts")
    question = conversations.ask_question(pilot=pilot, by=carol, body="How did you pick streets?")
    reply = conversations.write_in_conversation(question=question, by=alice, body="By round.")
    conversations.report_message(message=reply, by=carol)
    return {
        "pilotcomment": conversations.add_pilot_comment(pilot=pilot, by=bob, body="Well done"),
        "outcomecomment": OutcomeComment.objects.create(
            outcome=pilot.outcome, author=bob, body="Worth repeating"
        ),
        "question": question,
        "message": reply,
    }


@pytest.mark.parametrize("name", ["pilotcomment", "outcomecomment", "question", "message"])
def test_a_platform_admin_reads_each_but_adds_none(written, name, client_for, platform_admin):
    row = written[name]
    app = row._meta.app_label
    client = client_for(platform_admin)
    changelist = client.get(reverse(f"admin:{app}_{name}_changelist"))
    assert changelist.status_code == 200
    assert reverse(f"admin:{app}_{name}_change", args=[row.pk]) in changelist.content.decode()
    assert client.get(reverse(f"admin:{app}_{name}_change", args=[row.pk])).status_code == 200
    assert client.get(reverse(f"admin:{app}_{name}_add")).status_code == 403


def test_reported_messages_can_be_listed_on_their_own(written, client_for, platform_admin):
    url = reverse("admin:pilots_message_changelist") + "?reported_at__isempty=0"
    response = client_for(platform_admin).get(url)
    shown = list(response.context["cl"].result_list)
    assert shown == [written["message"]]
    assert Message.objects.count() == 2  # the question's own message is not reported


def test_a_conversation_shows_its_messages_and_cannot_be_changed(
    written, client_for, platform_admin
):
    question = written["question"]
    url = reverse("admin:pilots_question_change", args=[question.pk])
    client = client_for(platform_admin)
    page = client.get(url).content.decode()
    assert "How did you pick streets?" in page
    assert "By round." in page
    client.post(url, {"pilot": question.pilot_id})
    assert Question.objects.get().pilot_id == question.pilot_id
    assert PilotComment.objects.get().body == "Well done"
