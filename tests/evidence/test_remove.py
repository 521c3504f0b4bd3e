"""Removing a file: the people who run the pilot are asked first, then the file is gone
for everyone, from storage too, and the audit log says who removed which file."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from audit.models import AuditEvent
from evidence.models import EvidenceFile

from ..html import assert_well_formed_page
from .conftest import stored_files
from .test_download import attached

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def remove_url(evidence):
    return reverse("evidence:remove", kwargs={"pk": evidence.pk})


def test_the_lead_is_asked_first_and_nothing_goes_until_they_confirm(
    clients, running_pilot, storage
):
    evidence = attached(clients["alice"], running_pilot, "Wrong budget.pdf")

    response = clients["alice"].get(remove_url(evidence))

    assert response.status_code == 200
    assert_well_formed_page(response)
    page = response.content.decode()
    assert "Are you sure you want to remove Wrong budget.pdf?" in page
    assert "You cannot undo this." in page
    assert f'href="{running_pilot.get_absolute_url()}#evidence"' in page  # Cancel
    assert EvidenceFile.objects.count() == 1
    assert len(stored_files(storage)) == 1


def test_a_removed_file_is_gone_for_everyone_and_from_storage_after_commit(
    clients, running_pilot, storage, alice, django_capture_on_commit_callbacks
):
    evidence = attached(clients["alice"], running_pilot, "Wrong budget.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        response = clients["alice"].post(remove_url(evidence))

    assert response.status_code == 302
    assert response.url == f"{running_pilot.get_absolute_url()}#evidence"
    # The upload's own message is still waiting too: it was never shown.
    assert "Wrong budget.pdf has been removed." in map(str, get_messages(response.wsgi_request))
    assert EvidenceFile.objects.count() == 0
    assert stored_files(storage) == []
    assert clients["carol"].get(evidence.get_absolute_url()).status_code == 404
    assert "Wrong budget.pdf" not in clients["carol"].get(running_pilot.get_absolute_url()).text
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EVIDENCE_REMOVED)
    assert (event.actor, event.subject, event.detail) == (
        alice,
        "Wrong budget.pdf",
        f"from pilot {running_pilot.pk}",
    )
    assert event.council_name == "Barnet"


def test_a_file_on_an_outcome_is_removed_back_to_the_outcome(
    clients, completed_pilot, storage, django_capture_on_commit_callbacks
):
    evidence = attached(clients["alice"], completed_pilot, "Draft evaluation.pdf", outcome=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = clients["bob"].post(remove_url(evidence))

    assert response.url == f"{completed_pilot.outcome.get_absolute_url()}#evidence"
    assert EvidenceFile.objects.count() == 0
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EVIDENCE_REMOVED)
    assert event.detail == f"from the outcome of pilot {completed_pilot.pk}"


def test_a_removal_rolled_back_keeps_the_file_in_storage(
    clients, running_pilot, storage, django_capture_on_commit_callbacks
):
    evidence = attached(clients["alice"], running_pilot)

    with django_capture_on_commit_callbacks(execute=False):
        clients["alice"].post(remove_url(evidence))  # never committed: the test's transaction

    assert len(stored_files(storage)) == 1


@pytest.mark.parametrize(
    "person,offered", [("alice", True), ("bob", True), ("amir", False), ("carol", False)]
)
def test_only_those_who_may_remove_a_file_are_offered_the_link(
    person, offered, clients, completed_pilot, storage
):
    on_pilot = attached(clients["alice"], completed_pilot, "Card annex.pdf")
    on_outcome = attached(clients["alice"], completed_pilot, "Evaluation.pdf", outcome=True)

    pilot_page = clients[person].get(completed_pilot.get_absolute_url()).text
    outcome_page = clients[person].get(completed_pilot.outcome.get_absolute_url()).text

    assert (remove_url(on_pilot) in pilot_page) is offered
    assert (remove_url(on_outcome) in outcome_page) is offered
    assert ('Remove<span class="govuk-visually-hidden"> Card annex.pdf' in pilot_page) is offered


def test_a_file_removed_for_a_virus_cannot_be_removed_again(clients, running_pilot, storage):
    evidence = attached(clients["alice"], running_pilot)
    EvidenceFile.objects.filter(pk=evidence.pk).update(
        scan_status=EvidenceFile.ScanStatus.INFECTED
    )

    assert clients["alice"].get(remove_url(evidence)).status_code == 404
    assert clients["alice"].post(remove_url(evidence)).status_code == 404
