"""Who may attach or remove a file: a pilot's lead and its council's managers, at every
stage; everyone else who can see the pilot is refused (403), anyone who cannot gets 404."""

import pytest
from django.urls import reverse

from evidence.models import EvidenceFile
from pilots.models import Pilot

from . import samples
from .conftest import stored_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

# alice leads the pilots; amir is Barnet staff; bob a manager, erin a council admin.
MAY_ATTACH = {"alice", "bob", "erin"}
BARNET = {"alice", "amir", "bob", "erin"}
PEOPLE = ["alice", "amir", "bob", "erin", "carol", "brent_manager", "dan", "nina", "visitor"]
STATUSES = [Pilot.Status.PLANNED, Pilot.Status.RUNNING, Pilot.Status.COMPLETED]


def expected(person, status, *, visibility="partners"):
    sees = person in BARNET or (
        status != Pilot.Status.PLANNED
        and (visibility == "public" or (person in {"carol", "brent_manager"}))
    )
    if person == "visitor":
        return 302  # sent to sign in
    if not sees:
        return 404
    return 200 if person in MAY_ATTACH else 403


def attached_a_report(client, url, person, status):
    """Post a report to `url` as `person`, check the answer, and say whether they may."""
    response = client.post(url, {"file": samples.upload("report.pdf", samples.pdf())})
    allowed = person in MAY_ATTACH
    assert response.status_code == (302 if allowed else expected(person, status))
    return allowed


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_open_the_upload_page_of_a_pilot(person, status, make_pilot, clients, storage):
    pilot = make_pilot(status)
    url = reverse("evidence:attach_to_pilot", kwargs={"pilot_pk": pilot.pk})

    assert clients[person].get(url).status_code == expected(person, status)


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_attach_a_file_to_a_pilot(person, make_pilot, clients, storage):
    pilot = make_pilot(Pilot.Status.RUNNING)
    url = reverse("evidence:attach_to_pilot", kwargs={"pilot_pk": pilot.pk})

    allowed = attached_a_report(clients[person], url, person, Pilot.Status.RUNNING)

    assert EvidenceFile.objects.count() == (1 if allowed else 0)
    assert len(stored_files(storage)) == (1 if allowed else 0)


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_attach_a_file_to_an_outcome(person, make_pilot, clients, storage):
    pilot = make_pilot(Pilot.Status.COMPLETED)
    url = reverse("evidence:attach_to_outcome", kwargs={"pilot_pk": pilot.pk})

    allowed = attached_a_report(clients[person], url, person, Pilot.Status.COMPLETED)

    assert EvidenceFile.objects.filter(outcome=pilot.outcome).count() == (1 if allowed else 0)


def test_a_pilot_without_an_outcome_has_no_outcome_upload_page(make_pilot, clients, storage):
    pilot = make_pilot(Pilot.Status.RUNNING)
    url = reverse("evidence:attach_to_outcome", kwargs={"pilot_pk": pilot.pk})

    assert clients["bob"].get(url).status_code == 404


def test_a_lead_who_left_the_council_may_not_attach(make_pilot, clients, alice, storage):
    pilot = make_pilot(Pilot.Status.RUNNING, visibility="public")
    alice.membership.delete()
    url = reverse("evidence:attach_to_pilot", kwargs={"pilot_pk": pilot.pk})

    assert clients["alice"].get(url).status_code == 403


def test_another_councils_manager_may_not_attach_to_a_pilot_they_can_see(
    make_pilot, clients, storage
):
    pilot = make_pilot(Pilot.Status.RUNNING, visibility="councils")
    url = reverse("evidence:attach_to_pilot", kwargs={"pilot_pk": pilot.pk})

    response = clients["brent_manager"].post(url, {"file": samples.upload("a.pdf", samples.pdf())})

    assert response.status_code == 403
    assert stored_files(storage) == []


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_remove_a_file_from_a_pilot(person, status, make_pilot, clients, storage):
    pilot = make_pilot(status)
    attached_a_report(
        clients["alice"], reverse("evidence:attach_to_pilot", args=[pilot.pk]), "alice", status
    )
    url = reverse("evidence:remove", kwargs={"pk": EvidenceFile.objects.get().pk})

    assert clients[person].get(url).status_code == expected(person, status)
    response = clients[person].post(url)

    allowed = person in MAY_ATTACH
    assert response.status_code == (302 if allowed else expected(person, status))
    assert EvidenceFile.objects.count() == (0 if allowed else 1)
