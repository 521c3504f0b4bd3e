import datetime

import pytest
from django.core import mail
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Theme, TransitionNotAllowed
from pilots.models import Pilot
from pilots.services import adopt_pilot
from pilots.tasks import notify_adoption

from ..html import assert_well_formed_page
from .factories import PilotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def adopt_url(pilot):
    return reverse("pilots:adopt", kwargs={"pk": pilot.pk})


def test_adopting_creates_a_planned_copy_in_the_adopters_council(make_pilot, carol, brent):
    theme = Theme.objects.create(name="Adoption theme", slug="adoption-theme")
    source = make_pilot(
        Pilot.Status.COMPLETED,
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 3, 1),
        themes=[theme],
    )

    adopted = adopt_pilot(pilot=source, by=carol)

    assert adopted.council == brent
    assert adopted.status == Pilot.Status.PLANNED
    assert adopted.adapted_from == source
    assert adopted.idea is None
    assert (adopted.lead, adopted.created_by) == (carol, carol)
    for field in ["title", "summary", "hypothesis", "success_measure", "baseline"]:
        assert getattr(adopted, field) == getattr(source, field)
    for field in ["stop_criteria", "budget_cap", "max_exposure", "rollback_plan", "visibility"]:
        assert getattr(adopted, field) == getattr(source, field)
    assert adopted.end_date - adopted.start_date == datetime.timedelta(days=59)
    assert list(adopted.themes.all()) == [theme]


def test_adopting_twice_through_the_form_creates_exactly_one_pilot(
    make_pilot, clients, brent, django_capture_on_commit_callbacks
):
    source = make_pilot(Pilot.Status.RUNNING)

    with django_capture_on_commit_callbacks(execute=True):
        first = clients["carol"].post(adopt_url(source))
        second = clients["carol"].post(adopt_url(source))

    adopted = Pilot.objects.get(adapted_from=source)
    assert adopted.council == brent
    assert first.url == second.url == adopted.get_absolute_url()
    assert len(mail.outbox) == 1


def test_a_colleague_adopting_the_same_pilot_gets_their_councils_existing_copy(
    make_pilot, carol, brent_manager
):
    source = make_pilot(Pilot.Status.RUNNING)

    first = adopt_pilot(pilot=source, by=carol)
    second = adopt_pilot(pilot=source, by=brent_manager)

    assert first == second
    assert Pilot.objects.filter(adapted_from=source).count() == 1


def test_each_council_gets_its_own_copy(make_pilot, carol, dan, brent, leeds):
    source = make_pilot(Pilot.Status.RUNNING, visibility=Visibility.COUNCILS)

    adopt_pilot(pilot=source, by=carol)
    adopt_pilot(pilot=source, by=dan)

    assert set(source.adoptions.values_list("council", flat=True)) == {brent.pk, leeds.pk}


def test_adopting_your_own_councils_pilot_is_refused_with_a_clear_message(make_pilot, clients):
    source = make_pilot(Pilot.Status.RUNNING)

    page = clients["bob"].get(adopt_url(source))
    posted = clients["bob"].post(adopt_url(source))

    assert page.status_code == posted.status_code == 403
    assert "You cannot adopt your own council" in posted.content.decode()
    assert "This pilot already belongs to Barnet" in posted.content.decode()
    assert not Pilot.objects.filter(adapted_from=source).exists()


def test_the_service_refuses_your_own_councils_pilot_too(make_pilot, alice):
    source = make_pilot(Pilot.Status.RUNNING)

    with pytest.raises(TransitionNotAllowed, match="already belongs to your council"):
        adopt_pilot(pilot=source, by=alice)


def test_adopting_a_pilot_you_cannot_see_is_a_404_and_creates_nothing(make_pilot, clients, dan):
    source = make_pilot(Pilot.Status.RUNNING, visibility=Visibility.PARTNERS)

    response = clients["dan"].post(adopt_url(source))

    assert response.status_code == 404
    assert not Pilot.objects.filter(adapted_from=source).exists()
    with pytest.raises(TransitionNotAllowed):
        adopt_pilot(pilot=source, by=dan)


def test_people_without_a_council_cannot_adopt(make_pilot, clients):
    source = make_pilot(Pilot.Status.RUNNING, visibility=Visibility.PUBLIC)

    assert clients["nina"].post(adopt_url(source)).status_code == 403
    assert not Pilot.objects.filter(adapted_from=source).exists()


def test_the_source_lead_is_told_after_commit_once(
    make_pilot, carol, django_capture_on_commit_callbacks
):
    source = make_pilot(Pilot.Status.COMPLETED, title="Text bin reminders")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        adopt_pilot(pilot=source, by=carol)
    assert mail.outbox == []
    # The task queues the email in the outbox, which sends it once that commits.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    assert [message.to for message in mail.outbox] == [["alice@barnet.gov.uk"]]


def email_text(message):
    return message.subject + message.body + message.alternatives[0].content


@pytest.mark.parametrize("signed_off", [False, True], ids=["still-planned", "signed-off"])
def test_the_email_always_names_the_adopting_council_and_links_only_to_a_card_the_lead_sees(
    make_pilot, carol, brent_manager, django_capture_on_commit_callbacks, signed_off
):
    """Council names are public; a planned copy is Brent's alone, so no link to it."""
    source = make_pilot(Pilot.Status.COMPLETED, title="Text bin reminders")
    adopted = adopt_pilot(pilot=source, by=carol)
    if signed_off:
        adopted.sign_off(by=brent_manager, audience=Visibility.PARTNERS)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        notify_adoption(adopted.pk)

    [message] = mail.outbox
    assert message.subject == "Idea Bank: Brent has adopted your pilot “Text bin reminders”"
    assert "Brent has adopted your pilot" in message.body
    assert (adopted.get_absolute_url() in email_text(message)) is signed_off
    assert ("once Brent signs it off" in email_text(message)) is not signed_off
    assert source.get_absolute_url() in message.body


def test_the_email_names_a_council_whose_signed_off_pilot_the_lead_may_not_see_without_a_link(
    make_pilot, dan, django_capture_on_commit_callbacks
):
    source = make_pilot(Pilot.Status.COMPLETED, visibility=Visibility.COUNCILS)

    with django_capture_on_commit_callbacks(execute=True):
        adopted = adopt_pilot(pilot=source, by=dan)
        Pilot.objects.filter(pk=adopted.pk).update(
            visibility=Visibility.COUNCIL, status=Pilot.Status.RUNNING
        )

    [message] = mail.outbox
    assert message.subject.startswith("Idea Bank: Leeds has adopted your pilot")
    assert adopted.get_absolute_url() not in email_text(message)


def test_a_lead_who_turned_adoption_emails_off_gets_none(
    make_pilot, alice, carol, django_capture_on_commit_callbacks
):
    alice.notify_pilot_adopted = False
    alice.save()
    source = make_pilot(Pilot.Status.COMPLETED)

    with django_capture_on_commit_callbacks(execute=True):
        adopt_pilot(pilot=source, by=carol)

    assert mail.outbox == []


def test_the_adopt_page_explains_what_happens_and_has_one_h1(make_pilot, clients):
    source = make_pilot(Pilot.Status.COMPLETED)

    response = clients["carol"].get(adopt_url(source))

    assert "Adopt this pilot for Brent" in response.content.decode()
    assert_well_formed_page(response)


def test_the_adopt_page_points_to_the_copy_your_council_already_has(make_pilot, clients, carol):
    source = make_pilot(Pilot.Status.COMPLETED)
    adopted = adopt_pilot(pilot=source, by=carol)

    page = clients["brent_manager"].get(adopt_url(source)).content.decode()
    detail = clients["brent_manager"].get(source.get_absolute_url()).content.decode()

    assert "Your council has already adopted this pilot" in page
    assert adopted.get_absolute_url() in page
    assert adopt_url(source) not in detail
    assert "Your council has adopted this pilot as" in detail


def test_the_adopt_button_shows_only_to_staff_of_other_councils(make_pilot, clients):
    source = make_pilot(Pilot.Status.RUNNING, visibility=Visibility.PUBLIC)

    shown_to = {
        name
        for name, client in clients.items()
        if adopt_url(source) in client.get(source.get_absolute_url()).content.decode()
    }

    assert shown_to == {"carol", "brent_manager", "dan"}


def test_an_adopted_pilot_can_itself_be_adopted(make_pilot, carol, dan, leeds):
    source = make_pilot(Pilot.Status.COMPLETED, visibility=Visibility.COUNCILS)
    brent_copy = adopt_pilot(pilot=source, by=carol)
    # Brent's manager signs its copy off for every council.
    Pilot.objects.filter(pk=brent_copy.pk).update(
        visibility=Visibility.COUNCILS, status=Pilot.Status.RUNNING
    )
    brent_copy.refresh_from_db()

    leeds_copy = adopt_pilot(pilot=brent_copy, by=dan)

    assert (leeds_copy.adapted_from, leeds_copy.council) == (brent_copy, leeds)


def test_the_database_allows_one_adoption_per_council(make_pilot, brent, carol):
    from django.db import IntegrityError

    source = make_pilot(Pilot.Status.COMPLETED)
    PilotFactory(council=brent, lead=carol, adapted_from=source)

    with pytest.raises(IntegrityError):
        PilotFactory(council=brent, lead=carol, adapted_from=source)
