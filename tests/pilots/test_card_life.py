"""A card's life before sign-off, the idea following its pilot, and the emails on the way
(issue 12): a card exists from its first save, a planned card is its council's alone, it can
be discarded or sent for sign-off; sign-off refuses an incomplete card from any route."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from councils.models import Visibility
from ideas.models import Idea, TransitionNotAllowed
from outcomes.models import Outcome
from pilots.models import Pilot, PilotEvent
from pilots.services import adopt_pilot, ask_for_sign_off, sign_off_pilot

from ..factories import turn_off_emails
from ..ideas.factories import idea_in_status
from .factories import PilotFactory, publish, publish_stopped_early
from .helpers import new_card_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status


@pytest.fixture
def accepted(alice, bob):
    return idea_in_status(S.ACCEPTED, author=alice, reviewer=bob, visibility=Visibility.PUBLIC)


@pytest.fixture
def planned(accepted, alice, bob):
    return PilotFactory(
        council=accepted.council, idea=accepted, lead=alice, created_by=bob,
        visibility=Visibility.PUBLIC,
    )  # fmt: skip


def test_opening_start_a_pilot_creates_nothing_until_the_card_is_saved(
    accepted, bob, client_for, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    url = reverse("pilots:create", kwargs={"idea_pk": accepted.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert accepted.title in page.content.decode()  # pre-filled from the idea
    assert not Pilot.objects.exists()

    refused = client.post(url, {"title": accepted.title})
    assert refused.status_code == 200
    assert "govuk-error-summary" in refused.content.decode()
    assert not Pilot.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, new_card_post(accepted.title, accepted.author_id))
    pilot = Pilot.objects.get()
    assert saved.url == pilot.get_absolute_url()
    assert (pilot.idea, pilot.status, pilot.created_by) == (accepted, Pilot.Status.PLANNED, bob)
    # The idea's author, who leads it, hears of it once.
    assert [m.to for m in mail.outbox] == [["alice@barnet.gov.uk"]]
    assert "pilot card was started" in mail.outbox[0].subject


def test_a_planned_card_is_seen_by_its_own_council_only(planned, clients):
    for person, code in {
        "alice": 200,
        "bob": 200,
        "carol": 404,
        "dan": 404,
        "visitor": 404,
    }.items():
        assert clients[person].get(planned.get_absolute_url()).status_code == code, person
        listed = clients[person].get(reverse("explore:experiments")).content.decode()
        assert (planned.title in listed) is (code == 200), person


def test_the_database_refuses_a_second_pilot_for_an_idea(planned, alice, bob):
    with pytest.raises(IntegrityError), transaction.atomic():
        PilotFactory(council=planned.council, idea=planned.idea, lead=alice, created_by=bob)


def test_a_discarded_card_leaves_every_list_keeps_its_history_and_makes_way(
    planned, alice, bob, clients
):
    response = clients["alice"].post(
        reverse("pilots:discard", kwargs={"pk": planned.pk}), {"reason": "Budget withdrawn."}
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == Pilot.Status.DISCARDED
    event = PilotEvent.objects.get(pilot=planned)
    assert (event.to_status, event.note) == (Pilot.Status.DISCARDED, "Budget withdrawn.")
    for person in ["alice", "bob", "carol", "visitor"]:
        assert clients[person].get(planned.get_absolute_url()).status_code == 404
        assert planned.title not in clients[person].get(reverse("pilots:list")).content.decode()
    # The idea can have a new card now.
    PilotFactory(council=planned.council, idea=planned.idea, lead=alice, created_by=bob)


def test_a_discard_needs_a_reason(planned, clients):
    response = clients["alice"].post(reverse("pilots:discard", kwargs={"pk": planned.pk}), {})
    assert response.status_code == 200
    assert "Enter why you are discarding this card" in response.content.decode()
    planned.refresh_from_db()
    assert planned.status == Pilot.Status.PLANNED


def test_asking_for_sign_off_emails_the_managers_once_and_queues_the_card(
    planned, clients, django_capture_on_commit_callbacks
):
    url = reverse("pilots:ask_for_sign_off", kwargs={"pk": planned.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert clients["alice"].post(url).status_code == 302
        clients["alice"].post(url)  # a second click asks nothing more
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@barnet.gov.uk", "erin@barnet.gov.uk"]
    queue = clients["bob"].get(reverse("ideas:review_queue")).content.decode()
    assert "Pilot cards waiting for sign-off" in queue
    assert planned.title in queue
    assert planned.title not in clients["carol"].get(reverse("pilots:list")).content.decode()


def test_managers_who_turned_off_sign_off_emails_get_none(planned, alice, bob, erin):
    for manager in (bob, erin):
        turn_off_emails(manager, "notify_sign_off_requested")
    ask_for_sign_off(pilot=planned, by=alice)
    assert mail.outbox == []


def test_an_adopter_asks_their_own_managers(
    make_pilot, carol, brent_manager, clients, django_capture_on_commit_callbacks
):
    source = make_pilot(Pilot.Status.COMPLETED)
    copy = adopt_pilot(pilot=source, by=carol)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        clients["carol"].post(reverse("pilots:ask_for_sign_off", kwargs={"pk": copy.pk}))
    assert [m.to for m in mail.outbox] == [["bea@brent.gov.uk"]]
    queue = clients["brent_manager"].get(reverse("ideas:review_queue")).content.decode()
    assert copy.title in queue


def test_sign_off_refuses_an_incomplete_or_expired_card_called_directly(planned, bob):
    Pilot.objects.filter(pk=planned.pk).update(hypothesis="")
    planned.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="hypothesis"):
        planned.sign_off(by=bob)
    Pilot.objects.filter(pk=planned.pk).update(
        hypothesis="We believe.",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 2, 1),
    )
    planned.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="end date has passed"):
        planned.sign_off(by=bob)
    planned.refresh_from_db()
    assert planned.status == Pilot.Status.PLANNED
    assert not PilotEvent.objects.filter(pilot=planned).exists()


def test_the_manager_chooses_the_audience_at_sign_off_and_the_lead_cannot_widen_it(
    planned, clients
):
    page = clients["bob"].get(reverse("pilots:sign_off", kwargs={"pk": planned.pk}))
    digest = page.context["card_digest"]
    response = clients["bob"].post(
        reverse("pilots:sign_off", kwargs={"pk": planned.pk}),
        {"card": digest, "audience": Visibility.PARTNERS},
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert (planned.status, planned.visibility) == (Pilot.Status.RUNNING, Visibility.PARTNERS)
    # The card form no longer offers an audience, and the lead cannot change who sees it.
    assert (
        clients["alice"].get(reverse("pilots:audience", kwargs={"pk": planned.pk})).status_code
        == 403
    )
    assert clients["dan"].get(planned.get_absolute_url()).status_code == 404


def test_a_card_signed_off_to_start_later_says_when(planned, bob, clients):
    start = timezone.localdate() + datetime.timedelta(days=10)
    Pilot.objects.filter(pk=planned.pk).update(
        start_date=start, end_date=start + datetime.timedelta(days=30)
    )
    planned.refresh_from_db()
    planned.sign_off(by=bob)
    page = clients["alice"].get(planned.get_absolute_url()).content.decode()
    assert f"Signed off, starts {start.day} {start:%B}" in page
    assert ">Running<" not in page


def test_the_idea_follows_its_pilot_to_piloted_with_the_verdict_and_emails_once_each(
    planned, accepted, alice, bob, clients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_off_pilot(pilot=planned, by=bob, audience=Visibility.PUBLIC)
    accepted.refresh_from_db()
    assert accepted.status_label == "Piloting"
    assert [m.subject for m in mail.outbox] == [
        f"Idea Bank: The pilot “{planned.title}” is signed off"
    ]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(planned, by=alice, verdict=Outcome.Verdict.DID_NOT_WORK)
    accepted.refresh_from_db()
    assert (accepted.status, accepted.status_label) == (S.PILOTED, "Piloted: it did not work")
    assert len(mail.outbox) == 1 and "has closed: it did not work" in mail.outbox[0].subject
    for url in [accepted.get_absolute_url(), reverse("ideas:mine"), reverse("ideas:list")]:
        assert "Piloted: it did not work" in clients["alice"].get(url).content.decode(), url
    listed = clients["visitor"].get(reverse("explore:ideas"), {"status": "piloted"})
    assert "Piloted: it did not work" in listed.content.decode()


def test_stopping_early_emails_the_author_and_the_lead_and_the_adopters(
    make_pilot, alice, bob, carol, brent_manager, amir, django_capture_on_commit_callbacks
):
    idea = idea_in_status(S.ACCEPTED, author=amir, reviewer=bob, visibility=Visibility.PARTNERS)
    pilot = make_pilot(Pilot.Status.RUNNING, idea=idea)
    copy = adopt_pilot(pilot=pilot, by=carol)
    turn_off_emails(brent_manager, "notify_adopted_outcome")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_stopped_early(pilot, by=alice, reason="A stop criterion was met.")
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert [to for to, _subject in sent] == [
        "alice@barnet.gov.uk",
        "amir@barnet.gov.uk",
        "carol@brent.gov.uk",
    ]
    assert all("stopped early" in s for to, s in sent if to != "carol@brent.gov.uk")
    assert copy.lead == carol


def test_a_person_who_turned_off_an_email_kind_gets_none_of_it(
    planned, alice, bob, django_capture_on_commit_callbacks
):
    turn_off_emails(alice, "notify_pilot_signed_off")
    with django_capture_on_commit_callbacks(execute=True):
        sign_off_pilot(pilot=planned, by=bob, audience=Visibility.COUNCIL)
    assert mail.outbox == []


def test_nothing_is_sent_if_the_sign_off_is_rolled_back(
    planned, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                sign_off_pilot(pilot=planned, by=bob, audience=Visibility.COUNCIL)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert mail.outbox == []
    planned.refresh_from_db()
    assert planned.status == Pilot.Status.PLANNED
