"""A file goes from storage when its row goes, however that happens, after commit."""

import pytest
from django.db import transaction

from evidence.models import EvidenceFile
from outcomes.models import Outcome
from pilots.models import Pilot

from .conftest import stored_files
from .test_download import attached

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def delete_pilot(pilot):
    """Delete a pilot with its history, as a retention job (or Django admin) would."""
    Outcome.objects.filter(pilot=pilot).delete()
    pilot.events.all().delete()
    Pilot.objects.filter(pk=pilot.pk).delete()


def test_deleting_a_pilot_deletes_its_files_from_storage_after_commit(
    clients, completed_pilot, storage, django_capture_on_commit_callbacks
):
    attached(clients["alice"], completed_pilot)
    attached(clients["alice"], completed_pilot, outcome=True)
    assert len(stored_files(storage)) == 2

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        delete_pilot(completed_pilot)
        assert len(stored_files(storage)) == 2  # not before the commit

    for callback in callbacks:
        callback()
    assert EvidenceFile.objects.count() == 0
    assert stored_files(storage) == []


def test_a_deletion_rolled_back_keeps_the_file(clients, running_pilot, storage):
    attached(clients["alice"], running_pilot)

    with pytest.raises(RuntimeError), transaction.atomic():
        EvidenceFile.objects.all().delete()
        raise RuntimeError

    assert EvidenceFile.objects.count() == 1
    assert len(stored_files(storage)) == 1


def test_a_file_whose_row_cannot_be_saved_is_removed_from_storage(
    clients, running_pilot, storage, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(EvidenceFile, "save", fail)

    from evidence.services import attach_evidence

    from . import samples

    with pytest.raises(RuntimeError):
        attach_evidence(
            pilot=running_pilot,
            upload=samples.upload("a.pdf", samples.pdf()),
            by=running_pilot.lead,
        )
    assert stored_files(storage) == []
