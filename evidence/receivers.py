from django.db import transaction
from django.db.models import Exists, OuterRef

from .models import EvidenceFile


def delete_stored_file(sender, instance, **kwargs):
    """A deleted file row takes its stored file with it, once the deletion is committed.

    A signal, because a pilot or outcome deleted (in Django admin, or by a retention job)
    deletes its files by cascade, which never calls EvidenceFile.delete(); after commit,
    so a deletion that is rolled back keeps its file."""
    name = instance.file.name
    if name:
        storage = instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))


def pilot_page_columns(sender, **kwargs):
    """Whether the pilot has files to list: a pilot page without any asks for none."""
    files = EvidenceFile.objects.listed()
    return {"has_evidence_files": Exists(files.filter(pilot=OuterRef("pk"), outcome=None))}
