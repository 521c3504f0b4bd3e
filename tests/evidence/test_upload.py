"""What may be attached: the type is read from the content, never taken from the name."""

import pytest
from django.core.files import uploadhandler
from django.urls import reverse

from evidence.filetypes import safe_name
from evidence.models import EvidenceFile

from ..html import assert_well_formed_page
from . import samples
from .conftest import stored_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def post_file(client, pilot, name, content, *, outcome=False):
    view = "evidence:attach_to_outcome" if outcome else "evidence:attach_to_pilot"
    url = reverse(view, kwargs={"pilot_pk": pilot.pk})
    return client.post(url, {"file": samples.upload(name, content)})


def error_of(response):
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    return response.context["form"].errors["file"][0]


@pytest.mark.parametrize("name", list(samples.GOOD))
def test_the_lead_attaches_each_allowed_kind_of_file(name, clients, running_pilot, storage):
    content = samples.GOOD[name]()

    response = post_file(clients["alice"], running_pilot, name, content)

    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert (evidence.name, evidence.size, evidence.pilot) == (name, len(content), running_pilot)
    assert evidence.scan_status == EvidenceFile.ScanStatus.NOT_SCANNED  # no scanner set up
    [stored] = stored_files(storage)
    assert stored.read_bytes() == content
    assert name.rsplit(".", 1)[0] not in str(stored)  # a random name, never the uploaded one


REFUSED = {
    "a renamed executable": ("budget.pdf", samples.executable(), "whatever its name says"),
    "HTML named .pdf": ("report.pdf", samples.HTML, "whatever its name says"),
    "an SVG with a script": ("chart.png", samples.SVG, "whatever its name says"),
    "an SVG by its own name": ("chart.svg", samples.SVG, "must be a PDF, Word, Excel"),
    "an executable by its own name": ("setup.exe", samples.executable(), "must be a PDF"),
    "a PNG named .pdf": ("chart.pdf", samples.png(), "is a PNG image file but its name ends"),
    "a name with no extension": ("report", samples.pdf(), "must be a PDF"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_file_whose_content_is_not_allowed_is_refused_and_nothing_is_stored(
    case, clients, running_pilot, storage
):
    name, content, message = REFUSED[case]

    response = post_file(clients["alice"], running_pilot, name, content)

    assert message in error_of(response)
    assert EvidenceFile.objects.count() == 0
    assert stored_files(storage) == []


def test_a_21_mb_file_is_refused_and_nothing_is_stored(clients, running_pilot, storage):
    content = samples.pdf() + bytes(21 * 1024 * 1024)

    response = post_file(clients["alice"], running_pilot, "big report.pdf", content)

    assert error_of(response) == "The selected file must be smaller than 20 MB"
    assert EvidenceFile.objects.count() == 0
    assert stored_files(storage) == []


def test_an_oversized_body_is_refused_before_any_of_it_is_kept(
    clients, running_pilot, storage, monkeypatch
):
    kept = []

    def keeping(handler_class):
        real_new_file = handler_class.new_file

        def new_file(self, *args, **kwargs):
            kept.append(handler_class.__name__)
            return real_new_file(self, *args, **kwargs)

        monkeypatch.setattr(handler_class, "new_file", new_file)

    keeping(uploadhandler.MemoryFileUploadHandler)
    keeping(uploadhandler.TemporaryFileUploadHandler)
    content = samples.pdf() + bytes(21 * 1024 * 1024)

    response = post_file(clients["alice"], running_pilot, "big report.pdf", content)

    assert error_of(response) == "The selected file must be smaller than 20 MB"
    assert kept == []  # no handler was handed the file: nothing in memory or on disk
    assert stored_files(storage) == []
    # A file within the limit still reaches them.
    post_file(clients["alice"], running_pilot, "report.pdf", samples.pdf())
    assert kept


def test_a_file_just_under_the_limit_is_taken(clients, running_pilot, storage, settings):
    content = samples.pdf() + bytes(settings.EVIDENCE_MAX_BYTES - len(samples.pdf()))

    response = post_file(clients["alice"], running_pilot, "report.pdf", content)

    assert response.status_code == 302
    assert EvidenceFile.objects.get().size == settings.EVIDENCE_MAX_BYTES


def test_a_file_over_the_limit_by_one_byte_is_refused(clients, running_pilot, storage, settings):
    content = samples.pdf() + bytes(settings.EVIDENCE_MAX_BYTES + 1 - len(samples.pdf()))

    response = post_file(clients["alice"], running_pilot, "report.pdf", content)

    assert "smaller than 20 MB" in error_of(response)
    assert stored_files(storage) == []


def test_no_file_chosen_says_select_a_file(clients, running_pilot, storage):
    url = reverse("evidence:attach_to_pilot", kwargs={"pilot_pk": running_pilot.pk})

    response = clients["alice"].post(url, {})

    assert error_of(response) == "Select a file"


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("..\\..\\windows\\report.pdf", "report.pdf"),
        ("../../etc/report.pdf", "report.pdf"),
        ('"quoted"\r\nname.pdf', "_quoted_name.pdf"),
        ("a" * 300 + ".pdf", "a" * 146 + ".pdf"),
        ("Adroddiad gwerthuso – Caerdydd.pdf", "Adroddiad gwerthuso – Caerdydd.pdf"),
    ],
)
def test_the_name_is_kept_without_folders_quotes_or_control_characters(uploaded, kept):
    assert safe_name(uploaded) == kept


def test_a_name_with_quotes_is_kept_safely_through_the_form(clients, running_pilot, storage):
    post_file(clients["alice"], running_pilot, 'Barnet "final" report.pdf', samples.pdf())

    assert EvidenceFile.objects.get().name == "Barnet _final_ report.pdf"


def test_a_file_is_attached_to_the_outcome(clients, completed_pilot, storage):
    response = post_file(
        clients["bob"], completed_pilot, "evaluation.pdf", samples.pdf(), outcome=True
    )

    assert response.status_code == 302
    assert response["Location"] == completed_pilot.outcome.get_absolute_url()
    assert EvidenceFile.objects.get().outcome == completed_pilot.outcome


def test_the_upload_page_is_well_formed(clients, running_pilot, storage):
    url = reverse("evidence:attach_to_pilot", kwargs={"pilot_pk": running_pilot.pk})

    response = clients["alice"].get(url)

    assert response.status_code == 200
    assert_well_formed_page(response)
    assert 'enctype="multipart/form-data"' in response.content.decode()
