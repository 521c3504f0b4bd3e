"""Attaching evidence files, checking them for viruses, and removing them."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Kind, record

from . import scanner
from .filetypes import FileRefused, kind_of, safe_name
from .models import EvidenceFile

logger = logging.getLogger(__name__)

INFECTED = _(
    "The selected file contains a virus (%(signature)s) and has not been stored. "
    "Check the file with your IT team before you try again"
)


def check_for_viruses(upload):
    """The scan status a new file gets; an infected file is refused before it is stored."""
    if not scanner.is_configured():
        return EvidenceFile.ScanStatus.NOT_SCANNED
    try:
        signature = scanner.scan(upload)
    except scanner.ScannerUnavailable as error:
        logger.warning("clamd unavailable, file held awaiting scan: %s", error)
        return EvidenceFile.ScanStatus.AWAITING_SCAN
    if signature:
        logger.warning("Evidence upload refused: clamd found %s", signature)
        raise FileRefused(INFECTED % {"signature": signature})
    return EvidenceFile.ScanStatus.CLEAN


def attach_evidence(*, pilot, upload, by, outcome=None):
    """Check `upload` (type from its content, then viruses), store it under a random name
    and record it on the pilot, or on its outcome. Raises FileRefused, storing nothing."""
    name = safe_name(upload.name)
    kind = kind_of(upload, name)
    status = check_for_viruses(upload)
    evidence = EvidenceFile(
        pilot=pilot,
        outcome=outcome,
        name=name,
        extension=name.rsplit(".", 1)[1].lower(),
        content_type=kind.content_type,
        size=upload.size,
        scan_status=status,
        scanned_at=timezone.now() if status == EvidenceFile.ScanStatus.CLEAN else None,
        uploaded_by=by,
    )
    evidence.file.save(name, upload, save=False)  # storage first: a random name (stored_name)
    try:
        with transaction.atomic():
            evidence.save()
            if status == EvidenceFile.ScanStatus.AWAITING_SCAN:
                from .tasks import scan_evidence_file

                scan_evidence_file.delay_on_commit(evidence.pk)
    except BaseException:
        evidence.file.delete(save=False)  # no row: no file left behind
        raise
    return evidence


@transaction.atomic
def remove_evidence(evidence, *, by, request=None):
    """Delete the file's record, and the stored file once that is committed; the audit
    log keeps who removed which file from which pilot."""
    pilot = evidence.pilot
    on = "the outcome of pilot" if evidence.outcome_id else "pilot"
    record(
        Kind.EVIDENCE_REMOVED,
        actor=by,
        council=pilot.council,
        subject=evidence.name,
        detail=f"from {on} {pilot.pk}",
        request=request,
    )
    name, storage = evidence.file.name, evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


def rescan(evidence_id):
    """Scan a file that is waiting for a virus check. Returns its status afterwards;
    raises ScannerUnavailable if clamd still cannot be reached."""
    with transaction.atomic():
        evidence = (
            EvidenceFile.objects.select_for_update()
            .filter(pk=evidence_id, scan_status=EvidenceFile.ScanStatus.AWAITING_SCAN)
            .first()
        )
        if evidence is None:
            return None  # scanned meanwhile, or deleted with its pilot
        with evidence.file.open("rb") as stored:
            signature = scanner.scan(stored)
        evidence.scanned_at = timezone.now()
        if signature:
            logger.warning("Evidence file %s removed: clamd found %s", evidence.pk, signature)
            evidence.scan_status = EvidenceFile.ScanStatus.INFECTED
            name = evidence.file.name
            storage = evidence.file.storage
            transaction.on_commit(lambda: storage.delete(name))
        else:
            evidence.scan_status = EvidenceFile.ScanStatus.CLEAN
        evidence.save(update_fields=["scan_status", "scanned_at"])
        return evidence.scan_status


def awaiting_scan_ids(older_than):
    """Files still waiting for a virus check that were uploaded before `older_than`."""
    return list(
        EvidenceFile.objects.filter(
            scan_status=EvidenceFile.ScanStatus.AWAITING_SCAN, uploaded_at__lt=older_than
        ).values_list("pk", flat=True)
    )
