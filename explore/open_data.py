"""The nightly file of every public outcome, with the same columns as the API's outcomes."""

import csv
import io
import tempfile

from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import api

OUTCOMES_FILE = "open-data/public-outcomes.csv"
LOCK = "open-data:writing"
LOCK_SECONDS = 30 * 60  # longer than the task may run (its time limit)
ROWS_PER_QUERY = 2000


def outcome_columns():
    return list(api.OutcomeOut.model_fields)


def write_outcomes_file():
    """Write the file again from the database; returns how many outcomes it holds, or None
    if another run is writing it now (two beats, or a slow run overlapping the next)."""
    if not cache.add(LOCK, "writing", timeout=LOCK_SECONDS):
        return None
    try:
        with tempfile.TemporaryFile() as raw:
            count = write_rows(raw)
            raw.seek(0)
            default_storage.delete(OUTCOMES_FILE)
            default_storage.save(OUTCOMES_FILE, File(raw))
        return count
    finally:
        cache.delete(LOCK)


def write_rows(raw):
    """The header and one line per public outcome, in id order, to the binary file `raw`."""
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fieldnames=outcome_columns())
    writer.writeheader()
    count = 0
    for outcome in api.outcome_rows().order_by("pk").iterator(chunk_size=ROWS_PER_QUERY):
        writer.writerow(api.OutcomeOut.from_orm(outcome).model_dump(mode="json"))
        count += 1
    text.flush()
    text.detach()  # leave `raw` open for the caller
    return count


@require_safe
def outcomes_file(request):
    if not default_storage.exists(OUTCOMES_FILE):
        raise Http404("The file has not been written yet.")
    response = FileResponse(
        default_storage.open(OUTCOMES_FILE, "rb"),
        as_attachment=True,
        filename="idea-bank-public-outcomes.csv",
        content_type="text/csv; charset=utf-8",
    )
    response["Link"] = api.LICENCE_LINK
    return response


@require_safe
def open_data_page(request):
    written = (
        default_storage.get_modified_time(OUTCOMES_FILE)
        if default_storage.exists(OUTCOMES_FILE)
        else None
    )
    context = {"file_written": written, "columns": outcome_columns(), "licence_url": api.OGL_URL}
    return render(request, "explore/open_data.html", context)
