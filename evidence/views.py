from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from outcomes.models import Outcome
from pilots.models import Pilot

from .filetypes import FileRefused
from .forms import MEGABYTE, EvidenceForm
from .models import EvidenceFile
from .permissions import can_attach_to_outcome, can_attach_to_pilot, can_remove
from .services import attach_evidence, remove_evidence
from .uploads import body_fits


@login_required
def attach_to_pilot(request, pilot_pk):
    pilot = get_object_or_404(Pilot.objects.visible_to(request.user), pk=pilot_pk)
    if not can_attach_to_pilot(request.user, pilot):
        raise PermissionDenied
    return upload(request, pilot=pilot, outcome=None, back=pilot.get_absolute_url())


@login_required
def attach_to_outcome(request, pilot_pk):
    outcome = get_object_or_404(
        Outcome.objects.visible_to(request.user).select_related("pilot__council"),
        pilot_id=pilot_pk,
    )
    if not can_attach_to_outcome(request.user, outcome):
        raise PermissionDenied
    return upload(request, pilot=outcome.pilot, outcome=outcome, back=outcome.get_absolute_url())


def upload(request, *, pilot, outcome, back):
    """The upload form; a file refused for its size, type or a virus comes back with why."""
    form = EvidenceForm()
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES) if fits(request) else too_large()
        if form.is_valid():
            try:
                evidence = attach_evidence(
                    pilot=pilot, outcome=outcome, upload=form.cleaned_data["file"], by=request.user
                )
            except FileRefused as refusal:
                form.add_error("file", str(refusal))
            else:
                messages.success(request, uploaded_message(evidence))
                return redirect(back)
    context = {"form": form, "pilot": pilot, "outcome": outcome, "back": back}
    return render(request, "evidence/evidencefile_form.html", context)


def fits(request):
    """Whether the request body can hold a file within the limit (no file of a body that
    cannot was kept: evidence.uploads)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return body_fits(length)


def too_large():
    form = EvidenceForm(data={})
    form.full_clean()
    form.errors["file"] = form.error_class(
        [
            _("The selected file must be smaller than %(megabytes)s MB")
            % {"megabytes": settings.EVIDENCE_MAX_BYTES // MEGABYTE}
        ]
    )
    return form


def uploaded_message(evidence):
    if evidence.scan_status == EvidenceFile.ScanStatus.AWAITING_SCAN:
        return _(
            "%(name)s is uploaded. It can be downloaded once it has been checked for viruses."
        ) % {"name": evidence.name}
    return _("%(name)s is uploaded.") % {"name": evidence.name}


@login_required
def remove(request, pk):
    """Asks first; on POST deletes the file for everyone and goes back to its list."""
    evidence = get_object_or_404(
        EvidenceFile.objects.visible_to(request.user)
        .listed()
        .select_related("pilot__council", "outcome"),
        pk=pk,
    )
    if not can_remove(request.user, evidence):
        raise PermissionDenied
    owner = evidence.outcome or evidence.pilot
    back = f"{owner.get_absolute_url()}#evidence"
    if request.method == "POST":
        remove_evidence(evidence, by=request.user, request=request)
        messages.success(request, _("%(name)s has been removed.") % {"name": evidence.name})
        return redirect(back)
    context = {"evidence": evidence, "pilot": evidence.pilot, "back": back}
    return render(request, "evidence/evidencefile_remove.html", context)


@require_safe
def download(request, pk):
    """The file, to whoever can see its pilot; never from a public address."""
    evidence = get_object_or_404(EvidenceFile.objects.visible_to(request.user), pk=pk)
    if not evidence.is_downloadable:
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
