"""Ask the team: someone at another council asks the team behind a pilot, relayed by the
site through the one email outbox, in a conversation only the two councils can read."""

import datetime
import re

import pytest
from django.urls import reverse

from outbox.models import OutgoingEmail
from pilots import conversations
from pilots.models import Message, Pilot, Question
from pilots.signals import question_answered, question_asked

from ..html import assert_well_formed_page
from ..queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

RUNNING = Pilot.Status.RUNNING
QUESTION = "How did you get the texts past the data protection officer?"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
CAST_ADDRESSES = ("@barnet.gov.uk", "@brent.gov.uk", "@leeds.gov.uk", "@gmail.com")


@pytest.fixture
def pilot(make_pilot):
    return make_pilot(RUNNING, "partners", title="Bin day texts")


def ask(client, pilot, body=QUESTION):
    return client.post(reverse("pilots:ask", args=[pilot.pk]), {"body": body})


def addresses_in(text):
    return [found for found in ADDRESS.findall(text) if found.endswith(CAST_ADDRESSES)]


def email_texts(mailoutbox):
    return [
        text
        for message in mailoutbox
        for text in (message.subject, message.body, message.alternatives[0].content)
    ]


def test_a_question_from_brent_reaches_barnets_lead_and_managers_once_each(
    pilot, alice, bob, erin, amir, carol, clients, run_on_commit, mailoutbox
):
    with run_on_commit():
        response = ask(clients["carol"], pilot)

    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    key = f"pilot_question:{question.messages.get().pk}"
    queued = sorted(OutgoingEmail.objects.filter(key=key).values_list("to", flat=True))
    assert queued == ["alice@barnet.gov.uk", "bob@barnet.gov.uk", "erin@barnet.gov.uk"]
    assert sorted(a for m in mailoutbox for a in m.to) == queued
    assert OutgoingEmail.objects.count() == 3  # amir, Barnet staff but not the lead: nothing
    message = mailoutbox[0]
    assert message.subject == "Idea Bank: A question from Brent about your pilot “Bin day texts”"
    assert QUESTION in message.body
    assert "A member of staff at Brent asked about your pilot" in message.body
    assert question.get_absolute_url() in message.body


def test_a_lead_who_is_also_a_manager_is_emailed_once(
    make_pilot, bob, erin, carol, clients, run_on_commit, mailoutbox
):
    pilot = make_pilot(RUNNING, "partners", lead=bob)
    with run_on_commit():
        ask(clients["carol"], pilot)
    assert sorted(a for m in mailoutbox for a in m.to) == [
        "bob@barnet.gov.uk",
        "erin@barnet.gov.uk",
    ]


def test_asking_again_with_the_same_task_run_queues_nothing_new(pilot, alice, bob, carol):
    question = conversations.ask_question(pilot=pilot, by=carol, body=QUESTION)
    message = question.messages.get()
    team = conversations.readers(conversations.pilot_team(pilot), pilot, besides=carol)
    assert conversations.tell(message, team, kind="asked") == 2
    assert OutgoingEmail.objects.count() == 2


def test_no_address_appears_in_any_page_or_email_until_a_reply(
    pilot, alice, bob, erin, carol, clients, run_on_commit, mailoutbox
):
    with run_on_commit():
        ask(clients["carol"], pilot)
    question = Question.objects.get()
    pages = [
        clients[person].get(url).content.decode()
        for person in ("carol", "alice", "bob")
        for url in (
            pilot.get_absolute_url(),
            question.get_absolute_url(),
            reverse("pilots:ask", args=[pilot.pk]) if person == "carol" else "/",
        )
    ]
    assert [addresses_in(text) for text in pages + email_texts(mailoutbox)] == [[]] * (
        len(pages) + 3 * len(mailoutbox)
    )
    # The reply reaches Carol by email, still relayed: no address in it either.
    mailoutbox.clear()
    with run_on_commit():
        response = clients["alice"].post(
            question.get_absolute_url(), {"body": "Our DPO signed a short DPIA."}
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["carol@brent.gov.uk"]]
    assert "Alice Adeyemi replied" not in mailoutbox[0].body  # named to Barnet only
    assert "A member of staff at Barnet replied to your question" in mailoutbox[0].body
    assert addresses_in("".join(email_texts(mailoutbox))) == []


def test_a_non_partner_who_cannot_see_the_pilot_gets_404_on_the_ask_form(
    pilot, dan, clients, mailoutbox
):
    url = reverse("pilots:ask", args=[pilot.pk])
    assert clients["dan"].get(url).status_code == 404
    assert ask(clients["dan"], pilot).status_code == 404
    assert Question.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_barnet_staff_and_people_without_a_council_cannot_ask(make_pilot, alice, nina, clients):
    pilot = make_pilot(RUNNING, "public")
    assert ask(clients["alice"], pilot).status_code == 403
    assert ask(clients["nina"], pilot).status_code == 403
    assert ask(clients["visitor"], pilot).status_code == 302  # to sign in
    assert Question.objects.count() == 0


def test_the_ask_link_shows_to_a_partner_on_the_pilot_and_its_outcome_only(
    make_pilot, alice, carol, clients
):
    pilot = make_pilot(Pilot.Status.COMPLETED, "partners")
    link = "Ask Barnet about this pilot"
    for url in (pilot.get_absolute_url(), reverse("outcomes:detail", args=[pilot.pk])):
        assert link in clients["carol"].get(url).content.decode()
        assert link not in clients["alice"].get(url).content.decode()
    form = clients["carol"].get(reverse("pilots:ask", args=[pilot.pk]))
    assert_well_formed_page(form)


def test_the_rate_limit_keeps_the_sixth_question_in_the_form_with_a_clear_message(
    pilot, alice, carol, clients
):
    for n in range(conversations.QUESTIONS_PER_HOUR):
        assert ask(clients["carol"], pilot, f"Question {n}").status_code == 302

    response = ask(clients["carol"], pilot, "One question too many")

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "You have asked 5 questions in the last hour" in page
    assert "One question too many</textarea>" in page
    assert Question.objects.count() == 5
    # An hour later the limit has passed.
    Question.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert ask(clients["carol"], pilot, "One question too many").status_code == 302


@pytest.fixture
def question(make_pilot, alice, bob, carol):
    pilot = make_pilot(RUNNING, "public", title="Bin day texts")
    return conversations.ask_question(pilot=pilot, by=carol, body=QUESTION)


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_conversation_is_404_to_a_third_council_and_to_people_without_one(
    question, dan, nina, clients, method
):
    url = question.get_absolute_url()
    for person in ("dan", "nina"):
        response = getattr(clients[person], method)(url, {"body": "Hello"})
        assert response.status_code == 404, person
    assert Message.objects.count() == 1
    # The pilot is public: Dan sees it, but not the conversation on it.
    page = clients["dan"].get(question.pilot.get_absolute_url()).content.decode()
    assert QUESTION not in page


def test_both_councils_read_the_conversation_and_only_its_people_write(
    question, alice, amir, brent_manager, clients
):
    url = question.get_absolute_url()
    for person in ("carol", "alice", "amir", "brent_manager", "bob"):
        response = clients[person].get(url)
        assert response.status_code == 200, person
        assert QUESTION in response.content.decode()
    response = clients["alice"].get(url)
    assert_well_formed_page(response)
    # The reply box says who reads a reply: not "everyone who can see the idea".
    assert "Only people at Brent and Barnet can read your reply." in response.content.decode()
    assert "Everyone who can see" not in clients["carol"].get(url).content.decode()
    # Amir (Barnet staff, not the lead) and Carol's manager read it but do not write in it.
    for person in ("amir", "brent_manager"):
        assert clients[person].post(url, {"body": "Me too"}).status_code == 403
    assert clients["carol"].post(url, {"body": "And the cost?"}).status_code == 302
    assert Message.objects.count() == 2


def test_a_followup_from_the_asker_goes_to_the_team(
    question, alice, bob, erin, clients, run_on_commit, mailoutbox
):
    with run_on_commit():
        clients["carol"].post(question.get_absolute_url(), {"body": "And the cost?"})
    assert sorted(a for m in mailoutbox for a in m.to) == [
        "alice@barnet.gov.uk",
        "bob@barnet.gov.uk",
        "erin@barnet.gov.uk",
    ]
    assert "wrote again about your pilot" in mailoutbox[0].body


def test_an_empty_reply_comes_back_with_an_error(question, alice, clients):
    response = clients["alice"].post(question.get_absolute_url(), {"body": "  "})
    assert response.status_code == 200
    assert "Enter your reply" in response.content.decode()


def test_the_signals_are_sent_after_commit_with_the_model_as_sender(
    make_pilot, alice, carol, django_capture_on_commit_callbacks
):
    heard = []

    def on_asked(sender, question, **kwargs):
        heard.append(("asked", sender, question))

    def on_answered(sender, reply, **kwargs):
        heard.append(("answered", sender, reply))

    question_asked.connect(on_asked, dispatch_uid="test-asked")
    question_answered.connect(on_answered, dispatch_uid="test-answered")
    try:
        pilot = make_pilot(RUNNING, "partners")
        with django_capture_on_commit_callbacks(execute=True):
            question = conversations.ask_question(pilot=pilot, by=carol, body=QUESTION)
            assert heard == []  # not before the commit
        with django_capture_on_commit_callbacks(execute=True):
            reply = conversations.write_in_conversation(question=question, by=alice, body="Yes")
    finally:
        question_asked.disconnect(dispatch_uid="test-asked")
        question_answered.disconnect(dispatch_uid="test-answered")
    assert heard == [("asked", Question, question), ("answered", Message, reply)]


def test_a_reported_message_reaches_both_councils_managers_once_and_a_manager_hides_it(
    question, alice, bob, brent_manager, clients, run_on_commit, mailoutbox
):
    message = question.messages.get()
    report_url = reverse(
        "pilots:report_message", args=[question.pilot_id, question.pk, message.pk]
    )
    with run_on_commit():
        assert clients["alice"].post(report_url).status_code == 302
        assert clients["bob"].post(report_url).status_code == 302
    assert sorted(a for m in mailoutbox for a in m.to) == [
        "bea@brent.gov.uk",
        "bob@barnet.gov.uk",
        "erin@barnet.gov.uk",
    ]
    assert mailoutbox[0].subject == "Idea Bank: A message about “Bin day texts” was reported"
    assert clients["carol"].post(report_url).status_code == 403  # her own message
    hide_url = reverse("pilots:hide_message", args=[question.pilot_id, question.pk, message.pk])
    assert clients["alice"].get(hide_url).status_code == 403  # the lead is not a manager
    response = clients["bob"].post(hide_url, {"reason": "Names a resident."})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.is_hidden
    assert QUESTION not in clients["alice"].get(question.get_absolute_url()).content.decode()
    page = clients["carol"].get(question.get_absolute_url()).content.decode()
    assert "Reason: Names a resident." in page and QUESTION in page


@pytest.mark.parametrize("person", ["alice", "carol"])
def test_the_conversation_and_pilot_pages_need_the_same_queries_for_1_and_8_messages(
    question, alice, brent_manager, clients, person, django_assert_max_num_queries
):
    pilot = question.pilot
    urls = [question.get_absolute_url(), pilot.get_absolute_url()]
    few = [page_queries(clients[person], url) for url in urls]
    for n in range(7):
        conversations.write_in_conversation(
            question=question, by=[alice, question.asker][n % 2], body=f"Message {n}"
        )
    conversations.ask_question(pilot=pilot, by=brent_manager, body="Another")
    for url, count in zip(urls, few, strict=True):
        with django_assert_max_num_queries(count):
            assert clients[person].get(url).status_code == 200


def test_the_pilot_page_lists_a_conversation_for_the_two_councils_only(
    question, alice, amir, brent_manager, dan, clients
):
    """The page's query leaves the pilot's rule out of its questions (it has applied it to
    the pilot): the councils' part alone must still decide who sees the conversation."""
    page = question.pilot.get_absolute_url()
    for person in ("carol", "alice", "amir", "brent_manager"):
        assert QUESTION in clients[person].get(page).content.decode(), person
    assert QUESTION not in clients["dan"].get(page).content.decode()


def test_a_visible_pilots_conversations_are_those_its_councils_read(
    make_pilot, alice, carol, dan, brent_manager
):
    public = conversations.ask_question(
        pilot=make_pilot(RUNNING, "public", title="Bin day texts"), by=carol, body=QUESTION
    )
    narrowed = conversations.ask_question(
        pilot=make_pilot(RUNNING, "public", title="Pothole photos"), by=carol, body=QUESTION
    )
    Pilot.objects.filter(pk=narrowed.pilot_id).update(visibility="council")

    for person in (alice, carol, dan, brent_manager):
        seen_pilots = Pilot.objects.visible_to(person)
        on_seen_pilots = Question.objects.between_councils_of(person).filter(pilot__in=seen_pilots)
        assert set(on_seen_pilots) == set(Question.objects.visible_to(person)), person
    assert set(Question.objects.visible_to(carol)) == {public}
    assert set(Question.objects.visible_to(alice)) == {public, narrowed}
