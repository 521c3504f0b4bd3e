"""Refuse an oversized upload before any of it is kept.

Django reads a form's body as soon as anything asks for `request.POST` (the CSRF
check does, before the view), streaming files to memory or a temporary file. This
handler, first in FILE_UPLOAD_HANDLERS, looks at the body's declared length: over
the evidence limit, it stops the upload before the first file is kept, and Django
reads the rest of the body only to discard it. The upload view then answers with
the size error (`evidence.views.upload`). Caddy refuses bodies a little larger
still before they reach gunicorn (Caddyfile, `request_body`). Django's
`DATA_UPLOAD_MAX_MEMORY_SIZE` does not cover files, hence a handler of our own.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

# A request body this much larger than the file limit holds more than one file's worth.
FORM_OVERHEAD = 64 * 1024


def body_fits(content_length):
    """Whether a body of `content_length` bytes can hold a form with a file within the limit."""
    return content_length <= settings.EVIDENCE_MAX_BYTES + FORM_OVERHEAD


class RefuseOversizedUploads(FileUploadHandler):
    refuse = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: N803 (Django's name)
        self.refuse = not body_fits(content_length)

    def new_file(self, *args, **kwargs):
        if self.refuse:
            raise StopUpload(connection_reset=False)  # Django discards the rest unread into files

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
