"""Barnet's lead attaches the evaluation report (a PDF) to an outcome in Chromium,
Carol at Brent, a partner council, downloads it, and the lead removes it again; axe
checks the upload page, the outcome page with its file and the removal page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evidence.models import EvidenceFile

from ..evidence import samples
from .conftest import axe_violations, closed_pilot_outcome, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.usefixtures("privileged_people_have_mfa"),
]


def outcome_page_of(person, browser, live_server, step, url, **options):
    """A browser of their own for `person`, signed in, on the outcome page at `url`."""
    context = browser.new_context(**options)
    sign_in(context, live_server, person)
    page = context.new_page()
    step.page = page
    page.goto(url)
    return context, page


def test_a_pdf_attached_to_an_outcome_is_downloaded_by_a_partner(
    transactional_db, live_server, browser, alice, carol, settings, tmp_path, step
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CLAMD_ADDRESS = ""
    pilot = closed_pilot_outcome(alice, "Text reminders before bin day").pilot
    report = tmp_path / "Evaluation report.pdf"
    report.write_bytes(samples.pdf("What the text reminders did"))
    outcome_url = live_server.url + reverse("outcomes:detail", kwargs={"pilot_pk": pilot.pk})

    lead, page = outcome_page_of(alice, browser, live_server, step, outcome_url)
    with step("the lead opens the upload page from the outcome"):
        page.get_by_role("link", name="Attach a report or other evidence").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Attach a file")
        assert axe_violations(page) == []
    with step("a file with the wrong content is refused, with a message"):
        fake = tmp_path / "budget.pdf"
        fake.write_bytes(samples.HTML)
        page.get_by_label("Upload a file").set_input_files(fake)
        page.get_by_role("button", name="Upload file").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("whatever its name says")
        assert axe_violations(page) == []
        assert EvidenceFile.objects.count() == 0
    with step("the lead uploads the report"):
        page.get_by_label("Upload a file").set_input_files(report)
        page.get_by_role("button", name="Upload file").click()
        expect(page.get_by_text("Evaluation report.pdf is uploaded.")).to_be_visible()
        assert page.url == outcome_url
    lead.close()

    partner, page = outcome_page_of(
        carol, browser, live_server, step, outcome_url, accept_downloads=True
    )
    with step("Carol at Brent sees the file on the outcome and downloads it"):
        row = page.get_by_role("row", name="Evaluation report.pdf")
        expect(row).to_contain_text("A member of staff at Barnet")
        assert axe_violations(page) == []
        with page.expect_download() as download_info:
            row.get_by_role("link", name="Evaluation report.pdf").click()
        download = download_info.value
        assert download.suggested_filename == "Evaluation report.pdf"
        assert download.path().read_bytes() == report.read_bytes()
        expect(row.get_by_role("link", name="Remove Evaluation report.pdf")).to_have_count(0)
    partner.close()

    lead, page = outcome_page_of(alice, browser, live_server, step, outcome_url)
    with step("the lead removes the file, asked first"):
        page.get_by_role("link", name="Remove Evaluation report.pdf").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Are you sure you want to remove Evaluation report.pdf?"
        )
        assert axe_violations(page) == []
        page.get_by_role("button", name="Remove file").click()
        expect(page.get_by_text("Evaluation report.pdf has been removed.")).to_be_visible()
        expect(page.get_by_role("row", name="Evaluation report.pdf")).to_have_count(0)
        assert page.url == outcome_url + "#evidence"
        assert EvidenceFile.objects.count() == 0
        assert [path for path in (tmp_path / "media").rglob("*") if path.is_file()] == []
    lead.close()
