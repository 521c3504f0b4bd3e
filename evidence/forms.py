from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .filetypes import ALLOWED_EXTENSIONS

MEGABYTE = 1024 * 1024


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("PDF, Word, Excel, OpenDocument, PNG or JPEG, at most 20 MB."),
        error_messages={
            "required": _("Select a file"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a file"),
        },
        widget=forms.FileInput(attrs={"accept": ALLOWED_EXTENSIONS.replace(" ", "")}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(
                _("The selected file must be smaller than %(megabytes)s MB"),
                params={"megabytes": settings.EVIDENCE_MAX_BYTES // MEGABYTE},
            )
        return upload
