from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ideabank.lib.paging import render_page_of
from ideas.models import TransitionNotAllowed
from pilots.conversation_views import CommentThread, comment_section
from pilots.conversations import add_comment
from pilots.models import Pilot
from pilots.permissions import refused_unless_lead_or_manager

from .forms import BenefitCheckInForm, OutcomeForm
from .measure import MeasureForm
from .models import BenefitCheckIn, Outcome, OutcomeComment
from .permissions import (
    answers_check_ins,
    can_correct_benefits,
    can_record_benefits,
    can_write_outcome,
    has_published_outcome,
)
from .services import ENDINGS, correct_benefits, publish_outcome, record_benefits

OUTCOMES_PER_PAGE = 25


@require_safe
def outcome_list(request):
    outcomes = Outcome.objects.visible_to(request.user).newest_first()
    return render_page_of(
        request,
        "outcomes/outcome_list.html",
        outcomes,
        per_page=OUTCOMES_PER_PAGE,
        name="outcomes",
    )


def visible_outcome(request, pilot_pk):
    outcomes = Outcome.objects.visible_to(request.user).select_related(
        "pilot__council", "pilot__lead", "pilot__idea__council", "pilot__idea__author"
    )
    return get_object_or_404(outcomes, pilot_id=pilot_pk)


def outcome_thread(outcome):
    pilot = outcome.pilot
    add = partial(add_comment, model=OutcomeComment, outcome=outcome)
    caption = _("Outcome: %(title)s") % {"title": pilot.title}
    url = outcome.get_absolute_url()
    where = _("on the outcome of the pilot “%(title)s”") % {"title": pilot.title}
    return CommentThread(pilot, outcome.comments, add, caption, url, "outcomes", where)


def comments_context(user, outcome):
    return comment_section(user, outcome_thread(outcome))


@require_safe
def outcome_detail(request, pilot_pk):
    outcome = visible_outcome(request, pilot_pk)
    check_ins = list(outcome.check_ins.answered().select_related("answered_by"))
    for check_in in check_ins:
        check_in.outcome = outcome  # with its pilot, loaded above
    context = {
        "outcome": outcome,
        "pilot": outcome.pilot,
        "check_ins": check_ins,
        # The same people may correct every check-in of an outcome.
        "can_correct": bool(check_ins) and can_correct_benefits(request.user, check_ins[0]),
        "to_record": check_ins_to_record(request.user, outcome),
    }
    context.update(comments_context(request.user, outcome))
    return render(request, "outcomes/outcome_detail.html", context)


def check_ins_to_record(user, outcome):
    """The outcome's check-ins still to answer, each with whether it is due yet, for the
    people who answer them."""
    if not answers_check_ins(user, outcome):
        return []
    today = timezone.localdate()
    return [(check_in, check_in.is_due(today)) for check_in in outcome.check_ins.unanswered()]


def outcome_thread_of(request, pilot_pk):
    return outcome_thread(visible_outcome(request, pilot_pk))


def visible_check_in(request, pilot_pk, months, rows=BenefitCheckIn.objects):
    return get_object_or_404(
        rows.visible_to(request.user).select_related(
            "outcome__pilot__council", "outcome__pilot__lead"
        ),
        outcome__pilot_id=pilot_pk,
        months=months,
    )


def check_in_page(request, check_in, form, *, correcting=False):
    """The check-in form, with the figures of the outcome's other answered check-ins."""
    outcome = check_in.outcome
    earlier = outcome.check_ins.answered().exclude(pk=check_in.pk)
    context = {"check_in": check_in, "outcome": outcome, "pilot": outcome.pilot, "form": form}
    context.update(earlier=list(earlier), correcting=correcting)
    return render(request, "outcomes/check_in_form.html", context)


@login_required
def record_check_in(request, pilot_pk, months):
    check_in = visible_check_in(request, pilot_pk, months)
    if not answers_check_ins(request.user, check_in.outcome):
        raise PermissionDenied
    if not can_record_benefits(request.user, check_in, timezone.localdate()):
        # Answered already, or not due yet: the page says which, and nothing is saved.
        pilot = check_in.outcome.pilot
        context = {
            "check_in": check_in,
            "pilot": pilot,
            "emails_you": pilot.lead_id == request.user.pk,
        }
        return render(request, "outcomes/check_in_closed.html", context)
    form = BenefitCheckInForm(request.POST or None, instance=check_in)
    if request.method == "POST" and form.is_valid():
        try:
            record_benefits(check_in=check_in, by=request.user, **form.cleaned_data)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(check_in.outcome)
        messages.success(request, _("Savings recorded. Thank you: other councils will see them."))
        return redirect(check_in.outcome)
    return check_in_page(request, check_in, form)


@login_required
def correct_check_in(request, pilot_pk, months):
    """An answered check-in's figures, to correct; 404 until it is answered."""
    check_in = visible_check_in(request, pilot_pk, months, BenefitCheckIn.objects.answered())
    if not can_correct_benefits(request.user, check_in):
        raise PermissionDenied
    form = BenefitCheckInForm(request.POST or None, instance=check_in)
    if request.method == "POST" and form.is_valid():
        correct_benefits(check_in=check_in, by=request.user, request=request, **form.cleaned_data)
        messages.success(
            request, _("Savings corrected. The outcome page and the savings ledger show them.")
        )
        return redirect(check_in.outcome)
    return check_in_page(request, check_in, form, correcting=True)


@login_required
def write_outcome(request, pilot_pk):
    pilot = get_object_or_404(
        Pilot.objects.visible_to(request.user).select_related("outcome", "council"), pk=pilot_pk
    )
    if not can_write_outcome(request.user, pilot):
        if has_published_outcome(request.user, pilot):
            context = {"pilot": pilot, "outcome": pilot.outcome}
            return render(request, "outcomes/outcome_already_published.html", context)
        raise refused_unless_lead_or_manager(request.user, pilot, doing=_("record its outcome"))
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
