from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ideas.models import TransitionNotAllowed
from pilots.models import Pilot

from .forms import OutcomeForm
from .measure import MeasureForm
from .models import Outcome
from .permissions import can_write_outcome
from .services import ENDINGS, publish_outcome

OUTCOMES_PER_PAGE = 25


@require_safe
def outcome_list(request):
    outcomes = (
        Outcome.objects.visible_to(request.user)
        .select_related("pilot__council")
        .order_by("-published_at", "-pk")
    )
    page_obj = Paginator(outcomes, OUTCOMES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page_obj, "outcomes": page_obj.object_list}
    return render(request, "outcomes/outcome_list.html", context)


@require_safe
def outcome_detail(request, pilot_pk):
    outcome = get_object_or_404(
        Outcome.objects.visible_to(request.user).select_related("pilot__council", "pilot__lead"),
        pilot_id=pilot_pk,
    )
    return render(
        request, "outcomes/outcome_detail.html", {"outcome": outcome, "pilot": outcome.pilot}
    )


@login_required
def write_outcome(request, pilot_pk):
    pilot = get_object_or_404(
        Pilot.objects.visible_to(request.user).select_related("outcome"), pk=pilot_pk
    )
    if not can_write_outcome(request.user, pilot):
        raise PermissionDenied
    ending = request.GET.get("ending")
    if ending not in ENDINGS:
        ending = "completed"
    form = OutcomeForm(request.POST or None, ending=ending)
    measure_form = MeasureForm(request.POST or None)
    if request.method == "POST" and all([form.is_valid(), measure_form.is_valid()]):
        try:
            outcome = publish_outcome(
                pilot=pilot,
                by=request.user,
                ending=ending,
                stop_reason=form.cleaned_data.get("stop_reason", ""),
                **form.outcome_fields(),
                **measure_form.measure_fields(),
            )
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(pilot)
        messages.success(request, _("Outcome published. Thank you for sharing what you found."))
        return redirect(outcome)
    context = {"pilot": pilot, "form": form, "measure_form": measure_form, "ending": ending}
    return render(request, "outcomes/outcome_form.html", context)
