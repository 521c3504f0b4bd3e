"""Which files may be evidence: the type is read from the content with libmagic, never
taken from the name, and the name's extension must agree with it."""

import re
import unicodedata
from dataclasses import dataclass

import magic
from django.utils.translation import gettext_lazy as _

# libmagic reads at most this much of a file (its default bytes_max is 1 MiB; OOXML and
# ODF are told apart by their first zip entries, well inside it).
MAGIC_BYTES = 1024 * 1024
# The longest name kept (with its extension); longer ones are shortened before it.
MAX_NAME_LENGTH = 150


@dataclass(frozen=True)
class FileKind:
    label: str  # what the page calls it
    content_type: str  # what the download says it is
    detected: frozenset  # what libmagic may answer for a genuine file of this kind


PDF = FileKind(_("PDF"), "application/pdf", frozenset({"application/pdf"}))
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Word and Excel 97-2003 files are OLE compound files; libmagic names the application
# when the file says it, and answers "vnd.ms-office" for some writers' files.
MS_OFFICE = "application/vnd.ms-office"
DOC = FileKind(_("Word"), "application/msword", frozenset({"application/msword", MS_OFFICE}))
XLS = FileKind(
    _("Excel"), "application/vnd.ms-excel", frozenset({"application/vnd.ms-excel", MS_OFFICE})
)
JPEG = FileKind(_("JPEG image"), "image/jpeg", frozenset({"image/jpeg"}))

KINDS = {
    "pdf": PDF,
    "docx": FileKind(_("Word"), DOCX_TYPE, frozenset({DOCX_TYPE})),
    "doc": DOC,
    "xlsx": FileKind(_("Excel"), XLSX_TYPE, frozenset({XLSX_TYPE})),
    "xls": XLS,
    "odt": FileKind(
        _("OpenDocument text"),
        "application/vnd.oasis.opendocument.text",
        frozenset({"application/vnd.oasis.opendocument.text"}),
    ),
    "ods": FileKind(
        _("OpenDocument spreadsheet"),
        "application/vnd.oasis.opendocument.spreadsheet",
        frozenset({"application/vnd.oasis.opendocument.spreadsheet"}),
    ),
    "odp": FileKind(
        _("OpenDocument presentation"),
        "application/vnd.oasis.opendocument.presentation",
        frozenset({"application/vnd.oasis.opendocument.presentation"}),
    ),
    "png": FileKind(_("PNG image"), "image/png", frozenset({"image/png"})),
    "jpg": JPEG,
    "jpeg": JPEG,
}
ALLOWED_EXTENSIONS = ", ".join(f".{extension}" for extension in KINDS)


class FileRefused(ValueError):
    """A file that may not be evidence; the message says why, for the person uploading."""


def extension_of(name):
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def detected_type(upload):
    """What libmagic reads the content as (a MIME type), from the start of the file."""
    upload.seek(0)
    head = upload.read(MAGIC_BYTES)
    upload.seek(0)
    return magic.from_buffer(head, mime=True)


def kind_of(upload, name):
    """The file's kind, from its content; refused unless allowed and its name agrees."""
    kind = KINDS.get(extension_of(name))
    if kind is None:
        raise FileRefused(
            _("The selected file must be a PDF, Word, Excel, OpenDocument, PNG or JPEG file")
        )
    found = detected_type(upload)
    if found not in kind.detected:
        known = next((k for k in KINDS.values() if found in k.detected), None)
        if known is None:
            raise FileRefused(
                _(
                    "The selected file is not a PDF, Word, Excel, OpenDocument, PNG or JPEG "
                    "file, whatever its name says. Choose a different file"
                )
            )
        raise FileRefused(
            _(
                "The selected file is a %(found)s file but its name ends in .%(extension)s. "
                "Rename it so the two agree, or choose a different file"
            )
            % {"found": known.label, "extension": extension_of(name)}
        )
    return kind


UNSAFE = re.compile(r"[\x00-\x1f\x7f\"\\/:*?<>|]+")


def safe_name(name):
    """The uploaded name as people will see and download it: no folders, no control or
    quote characters, at most MAX_NAME_LENGTH characters with its extension kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = UNSAFE.sub("_", name).strip(" .") or "file"
    if len(name) > MAX_NAME_LENGTH:
        extension = extension_of(name)
        stem = name[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(" .")
        name = f"{stem}.{extension}" if extension else name[:MAX_NAME_LENGTH]
    return name
