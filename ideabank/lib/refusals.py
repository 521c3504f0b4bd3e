"""A refusal that tells the person why, and the 403 page that shows it (handler403).

Django's own 403 view passes every PermissionDenied's message to the page, including
a library's ("Reauthentication not available"). Only a `Refused`, written for the
reader, is shown; any other refusal gets the page's general words."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render


class Refused(PermissionDenied):
    """403, with a message in plain words: why, and whom to ask."""


def permission_denied(request, exception):
    reason = str(exception) if isinstance(exception, Refused) else ""
    return render(request, "403.html", {"reason": reason}, status=403)
