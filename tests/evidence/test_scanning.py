"""Virus checks through clamd's INSTREAM protocol, against a stub clamd (stub_clamd.py):
ClamAV's signatures cannot be downloaded here, so a real clamd would know no virus."""

import pytest
from django.urls import reverse

from evidence import scanner, tasks
from evidence.models import EvidenceFile

from . import samples
from .conftest import file_awaiting_scan, stored_files
from .stub_clamd import StubClamd, unused_address
from .test_download import read
from .test_upload import error_of, post_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def test_the_scanner_streams_the_whole_file_and_reads_clean(clamd):
    content = samples.pdf() + bytes(200_000)  # several chunks

    assert scanner.scan(samples.upload("report.pdf", content)) is None
    assert clamd.scanned == [content]


def test_the_scanner_names_the_signature_it_found(clamd):
    assert scanner.scan(samples.upload("x.pdf", samples.EICAR)) == "Win.Test.EICAR_HDB-1"


def test_a_scanner_that_cannot_be_reached_is_unavailable(settings):
    settings.CLAMD_ADDRESS = unused_address()

    with pytest.raises(scanner.ScannerUnavailable):
        scanner.scan(samples.upload("report.pdf", samples.pdf()))


@pytest.mark.parametrize("reply", ["INSTREAM size limit exceeded. ERROR", "", "stream: maybe"])
def test_an_answer_that_is_not_a_verdict_is_no_verdict(reply):
    with pytest.raises(scanner.ScannerUnavailable):
        scanner.verdict(reply)


def test_the_eicar_test_file_is_refused_and_nothing_is_stored(
    clients, running_pilot, clamd, storage
):
    # EICAR inside a genuine PDF, so that only the scanner can refuse it.
    content = samples.pdf(text=samples.EICAR.decode())

    response = post_file(clients["alice"], running_pilot, "report.pdf", content)

    assert "contains a virus (Win.Test.EICAR_HDB-1)" in error_of(response)
    assert clamd.scanned == [content]
    assert EvidenceFile.objects.count() == 0
    assert stored_files(storage) == []


def test_a_clean_file_is_marked_checked(clients, running_pilot, clamd):
    post_file(clients["alice"], running_pilot, "report.pdf", samples.pdf())

    evidence = EvidenceFile.objects.get()
    assert evidence.scan_status == EvidenceFile.ScanStatus.CLEAN
    assert evidence.scanned_at is not None


def test_a_file_is_held_while_the_scanner_cannot_be_reached(
    clients, running_pilot, storage, settings
):
    settings.CLAMD_ADDRESS = unused_address()

    response = post_file(clients["alice"], running_pilot, "report.pdf", samples.pdf())

    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.scan_status == EvidenceFile.ScanStatus.AWAITING_SCAN
    assert len(stored_files(storage)) == 1
    download = clients["bob"].get(evidence.get_absolute_url())
    assert download.status_code == 404
    page = clients["carol"].get(running_pilot.get_absolute_url()).content.decode()
    assert "Waiting for a virus check" in page
    assert evidence.get_absolute_url() not in page


def test_the_task_scans_a_held_file_once_the_scanner_is_back(
    clients, running_pilot, storage, settings
):
    settings.CLAMD_ADDRESS = unused_address()
    post_file(clients["alice"], running_pilot, "report.pdf", samples.pdf())
    evidence = EvidenceFile.objects.get()
    assert (
        tasks.scan_evidence_file.delay(evidence.pk).get() == "awaiting_scan"
    )  # still unreachable

    from .stub_clamd import StubClamd

    with StubClamd() as stub:
        settings.CLAMD_ADDRESS = stub.address
        assert tasks.scan_evidence_file.delay(evidence.pk).get() == EvidenceFile.ScanStatus.CLEAN

    response = clients["carol"].get(evidence.get_absolute_url())
    assert (response.status_code, read(response)) == (200, samples.pdf())


def test_a_held_file_found_infected_later_is_removed_from_storage(
    clients, running_pilot, storage, settings, django_capture_on_commit_callbacks
):
    settings.CLAMD_ADDRESS = unused_address()
    post_file(clients["alice"], running_pilot, "report.pdf", samples.pdf(samples.EICAR.decode()))
    evidence = EvidenceFile.objects.get()

    from .stub_clamd import StubClamd

    with StubClamd() as stub, django_capture_on_commit_callbacks(execute=True):
        settings.CLAMD_ADDRESS = stub.address
        assert (
            tasks.scan_evidence_file.delay(evidence.pk).get() == EvidenceFile.ScanStatus.INFECTED
        )

    assert stored_files(storage) == []
    assert clients["bob"].get(evidence.get_absolute_url()).status_code == 404
    page = clients["bob"].get(running_pilot.get_absolute_url()).content.decode()
    assert "report.pdf" not in page


def test_the_hourly_sweep_queues_files_still_waiting(running_pilot, alice, storage, settings):
    waiting = file_awaiting_scan(running_pilot, alice)

    with StubClamd() as stub:
        settings.CLAMD_ADDRESS = stub.address
        assert tasks.requeue_files_awaiting_scan() == {"requeued": 1}

    waiting.refresh_from_db()
    assert waiting.scan_status == EvidenceFile.ScanStatus.CLEAN


def test_without_a_scanner_files_are_marked_not_checked(clients, running_pilot, storage):
    post_file(clients["alice"], running_pilot, "report.pdf", samples.pdf())

    page = clients["carol"].get(running_pilot.get_absolute_url()).content.decode()
    assert "Not checked for viruses" in page
    assert reverse("evidence:download", kwargs={"pk": EvidenceFile.objects.get().pk}) in page
