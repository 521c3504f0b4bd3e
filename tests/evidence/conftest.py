from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from evidence.models import EvidenceFile
from pilots.models import Pilot

from ..pilots.conftest import amir, clients, make_pilot, people  # noqa: F401, F811
from . import samples
from .stub_clamd import StubClamd


@pytest.fixture
def storage(settings, tmp_path):
    """Files go to a folder of this test's own, so a test can count what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CLAMD_ADDRESS = ""
    return settings.MEDIA_ROOT


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def file_awaiting_scan(pilot, uploader):
    """A stored PDF still waiting for its virus check, uploaded before the hourly sweep looks."""
    content = samples.pdf()
    return EvidenceFile.objects.create(
        pilot=pilot,
        file=ContentFile(content, name="report.pdf"),
        name="report.pdf",
        extension="pdf",
        content_type="application/pdf",
        size=len(content),
        scan_status=EvidenceFile.ScanStatus.AWAITING_SCAN,
        uploaded_by=uploader,
        uploaded_at=timezone.now() - timedelta(hours=2),
    )


@pytest.fixture
def clamd(settings, storage):
    with StubClamd() as stub:
        settings.CLAMD_ADDRESS = stub.address
        yield stub


@pytest.fixture
def running_pilot(make_pilot):  # noqa: F811
    return make_pilot(Pilot.Status.RUNNING, visibility="partners")


@pytest.fixture
def completed_pilot(make_pilot):  # noqa: F811
    return make_pilot(Pilot.Status.COMPLETED, visibility="partners")
