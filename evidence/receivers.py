from django.db import transaction


def delete_stored_file(sender, instance, **kwargs):
    """A deleted file row takes its stored file with it, once the deletion is committed.

    A signal, because a pilot or outcome deleted (in Django admin, or by a retention job)
    deletes its files by cascade, which never calls EvidenceFile.delete(); after commit,
    so a deletion that is rolled back keeps its file."""
    name = instance.file.name
    if name:
        storage = instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
