"""Lists as files: CSV or Excel (XLSX), written row by row so memory stays flat.

Each file starts with a few lines saying what it is (the list, when and from
which address it was made, the licence), then a header row and one row per
item, in the order of the page. The rows come from the caller, who builds them
from the same scoped queryset and FilterSet as the page (explore/export_views.py).
"""

import csv
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP
# "CSV injection"); a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000  # rows fetched per round trip (and per prefetch of their themes)
XLSX_CHUNK_BYTES = 64 * 1024
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Export:
    """A list ready to write: its title, file name, licence line, columns and rows."""

    title: str
    filename: str  # without the extension
    licence: str
    source_url: str
    columns: list[Column]
    rows: Iterable[Any]


def safe(value):
    """The value as a cell: text that a spreadsheet would run as a formula gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def preamble(export, now=None):
    """The lines above the header: what the list is, when and where from, and its licence."""
    now = timezone.localtime(now)
    generated = _("Generated on %(date)s at %(time)s from %(url)s") % {
        "date": date_format(now, "j F Y"),
        "time": date_format(now, "H:i T"),
        "url": export.source_url,
    }
    return [[export.title], [generated], [export.licence], []]


def lines(export):
    """Every line of the file, as lists of cells: preamble, header, then the rows."""
    yield from preamble(export)
    yield [column.heading for column in export.columns]
    for row in export.rows:
        yield [safe(column.value(row)) for column in export.columns]


class Echo:
    """A file-like object that hands back what is written, for csv.writer in a generator."""

    def write(self, value):
        return value


def csv_response(export):
    writer = csv.writer(Echo())
    rows = (writer.writerow(line) for line in lines(export))
    # A byte order mark first, so Excel reads the file as UTF-8 (accents, "£").
    response = StreamingHttpResponse(chain(["\ufeff"], rows), content_type=CSV_TYPE)
    return attach(response, f"{export.filename}.csv")


def xlsx_response(export):
    response = StreamingHttpResponse(xlsx_chunks(export), content_type=XLSX_TYPE)
    return attach(response, f"{export.filename}.xlsx")


def xlsx_chunks(export):
    """The workbook's bytes, written when the response is sent (as the CSV is).

    A write-only workbook keeps one row in memory at a time: openpyxl spools the
    sheet to a temporary file, and the zip is built in a second temporary file,
    sent in chunks. An XLSX is a zip, so nothing is sent until the last row is in.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(export.title))
    for line in lines(export):
        sheet.append(line)
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(XLSX_CHUNK_BYTES):
            yield chunk


def sheet_title(title):
    """An Excel sheet name: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def attach(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


RESPONSES = {"csv": csv_response, "xlsx": xlsx_response}
