"""Small genuine files of each kind, made here (nothing downloaded), and the bad ones."""

import io
import struct
import zipfile
import zlib

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

# The anti-virus test file every scanner reports (eicar.org); harmless by design.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def pdf(text="Evaluation report"):
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + f"% {text}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def png():
    def chunk(kind, data):
        return (
            struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))
        )

    header = struct.pack("!IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg():
    return (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + bytes(100)
        + b"\xff\xd9"
    )


def xlsx():
    book = openpyxl.Workbook()
    book.active["A1"] = "Missed bins a month"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def odf(kind="text"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
        package.writestr("content.xml", "<content/>", compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def executable():
    """The start of a Windows program (an MZ header leading to a PE header)."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + bytes(44)
        + b"\x80\x00\x00\x00"
        + bytes(64)
        + b"PE\x00\x00L\x01"
        + bytes(200)
    )


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)

GOOD = {
    "report.pdf": pdf,
    "business case.docx": docx,
    "costs.xlsx": xlsx,
    "notes.odt": lambda: odf("text"),
    "figures.ods": lambda: odf("spreadsheet"),
    "slides.odp": lambda: odf("presentation"),
    "chart.png": png,
    "photo.jpg": jpeg,
    "photo.jpeg": jpeg,
}


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
