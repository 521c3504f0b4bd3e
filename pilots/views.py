from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from councils.permissions import is_manager_of, refused_unless_manager
from councils.similarity import comparison_councils
from councils.visibility import membership_of
from ideabank.lib.counts import count_of
from ideabank.lib.money import pounds
from ideabank.lib.paging import render_page_of
from ideas.models import Idea, TransitionNotAllowed
from ideas.themes import theme_names_of, with_theme_names
from ideas.views import change_audience, made

from . import services
from .conversation_views import discussion_context
from .forms import DiscardForm, PilotCardForm, PilotUpdateForm, SignOffForm, card_digest
from .models import SIGNED_LIMITS, Pilot, PilotComment, PilotUpdate, Question
from .permissions import (
    can_add_pilot_update,
    can_adopt_pilot,
    can_ask_for_sign_off,
    can_change_pilot_audience,
    can_close_pilot,
    can_create_pilot,
    can_discard_pilot,
    can_edit_pilot,
    can_sign_off_pilot,
    is_lead_or_manager,
    is_own_council_pilot,
    person_label,
    refused_unless_lead_or_manager,
)
from .resemblance import councils_trying_alike, failures_resembling
from .signals import pilot_detail_context, pilot_page_columns

PILOTS_PER_PAGE = 25
# Larger than any budget a card accepts; a stored limit beyond it is shown as written.
MAX_SHOWN_AMOUNT = Decimal(10) ** 15


def get_visible_pilot(request, pk, *, lock=False):
    pilots = Pilot.objects.visible_to(request.user)
    if lock:
        # Card edits and sign-off queue on the pilot's row, so neither sees a stale card.
        # Only that row: its sources, joined by the visibility rule, are not locked.
        pilots = pilots.select_for_update(of=("self",))
    return get_object_or_404(pilots, pk=pk)


def get_pilot_if(allowed, request, pk, *, lock=False, managers_do=None):
    """The pilot, if `allowed(user, pilot)`; 404 to anyone who may not see it, 403 to others.
    `managers_do` ("sign off pilot cards") tells its council's staff that only managers may."""
    pilot = get_visible_pilot(request, pk, lock=lock)
    if not allowed(request.user, pilot):
        if managers_do:
            raise refused_unless_manager(request.user, pilot.council, doing=managers_do)
        raise PermissionDenied
    return pilot


def failed_like(request, pilot):
    """The warning context: pilots the person may see that did not work or stopped early and
    closely resemble `pilot`'s card (never `pilot` itself)."""
    membership = membership_of(request.user)
    failures = failures_resembling(
        Pilot.objects.visible_to(request.user), pilot.title, pilot.summary, exclude_pk=pilot.pk
    )
    return {"failures": failures, "my_council_id": membership.council_id if membership else None}


def comparisons_for(user, pilot, *, lineage):
    """Councils like the pilot's that are not running the same kind of pilot (as far as
    `user` may see), to compare its measure with; only while the pilot is planned or runs.
    `lineage`: its source and adoptions that `user` may see."""
    if pilot.is_closed:
        return []
    visible = Pilot.objects.visible_to(user)
    leave_out = councils_trying_alike(visible, pilot, lineage=lineage)
    return comparison_councils(pilot.council_id, leave_out=leave_out)


def adoption_total():
    """How many councils adopted the pilot, seen or not (the page says how many it hides)."""
    adoptions = Pilot.objects.filter(adapted_from=OuterRef("pk")).exclude(
        status=Pilot.Status.DISCARDED
    )
    return count_of(adoptions, "adapted_from")


def limit_rows(limits):
    """The signed limits as (label, value) rows, formatted for people.

    The snapshot is stored JSON: a value that is not the date or amount expected
    (an older record, a hand edit) is shown as it was written, never an error.
    """
    limits = limits if isinstance(limits, dict) else {}
    return [(limit_label(field), limit_text(field, limits.get(field))) for field in SIGNED_LIMITS]


def limit_label(field):
    """The field's name, without the "(£)" its form field needs: the value beside it has
    the £ sign."""
    return capfirst(str(Pilot._meta.get_field(field).verbose_name).removesuffix(" (£)"))


def limit_text(field, value):
    text = "" if value is None else str(value)
    try:
        if field in {"start_date", "end_date"} and parse_date(text):
            return date_format(parse_date(text), "j F Y")
        if field == "budget_cap" and text:
            amount = Decimal(text)
            # "1e999999" is a valid Decimal a million digits long: only a card's size of amount.
            if amount.is_finite() and abs(amount) < MAX_SHOWN_AMOUNT:
                return pounds(amount)
    except (ValueError, ArithmeticError):  # not a real date or amount: as written
        pass
    return text


@require_safe
def pilot_list(request):
    pilots = (
        Pilot.objects.visible_to(request.user)
        .select_related("council", "lead", "outcome")
        .order_by("-created_at", "-pk")
    )
    return render_page_of(
        request, "pilots/pilot_list.html", pilots, per_page=PILOTS_PER_PAGE, name="pilots"
    )


@login_required
@require_safe
def awaiting_outcome(request):
    membership = membership_of(request.user)
    if membership is None:
        raise PermissionDenied
    pilots = (
        Pilot.objects.visible_to(request.user)
        .awaiting_outcome(timezone.localdate())
        .filter(council_id=membership.council_id)
        .select_related("lead")
        .order_by("end_date", "pk")
    )
    context = {"council": membership.council, "pilots": pilots}
    return render(request, "pilots/pilot_awaiting_outcome.html", context)


def detail_pilots(user):
    """Pilots as their page loads them: the card, its people, source, idea, outcome and
    sign-off, whether it has updates, comments or questions to read (so a page without
    them asks for none), and what the apps above add (`pilot_page_columns`), in one query.
    People come with their memberships: how each is named depends on their council."""
    visible = Pilot.objects.visible_to(user)
    columns = {
        "adoption_total": adoption_total(),
        "idea_visible": Exists(Idea.objects.visible_to(user).filter(pk=OuterRef("idea_id"))),
        "source_visible": Exists(visible.filter(pk=OuterRef("adapted_from_id"))),
        "has_updates": Exists(PilotUpdate.objects.filter(pilot=OuterRef("pk"))),
        "has_comments": Exists(PilotComment.objects.filter(pilot=OuterRef("pk"))),
        # The row is a pilot the person may see, so its questions need only their councils.
        "has_questions": Exists(
            Question.objects.between_councils_of(user).filter(pilot=OuterRef("pk"))
        ),
    }
    for _receiver, extra in pilot_page_columns.send(sender=Pilot, user=user):
        columns.update(extra or {})
    pilots = visible.select_related(
        "council",
        "lead__membership",
        "outcome",
        "sign_off_record__signed_by__membership",
        "idea__council",
        "idea__author",
        "adapted_from__council",
        "adapted_from__outcome",
    )
    return with_theme_names(pilots.annotate(**columns))


def visible_adoptions(user, pilot):
    """The adoptions of `pilot` that `user` may see (no query for a pilot nobody adopted)."""
    if not pilot.adoption_total:
        return []
    adoptions = Pilot.objects.visible_to(user).filter(adapted_from=pilot)
    return list(adoptions.select_related("council", "outcome").order_by("created_at", "pk"))


@require_safe
def pilot_detail(request, pk):
    user = request.user
    pilot = get_object_or_404(detail_pilots(user), pk=pk)
    source = pilot.adapted_from if pilot.source_visible else None
    adoptions = visible_adoptions(user, pilot)
    hidden_adoptions = pilot.adoption_total - len(adoptions)
    idea = pilot.idea if pilot.idea_visible else None
    membership = membership_of(user)
    own_adoption = next(
        (a for a in adoptions if membership and a.council_id == membership.council_id), None
    )
    sign_off = getattr(pilot, "sign_off_record", None)
    updates = pilot.updates.select_related("author__membership") if pilot.has_updates else []
    context = {
        "pilot": pilot,
        "idea": idea,
        "sign_off": sign_off,
        "signed_limits": limit_rows(sign_off.limits) if sign_off else [],
        "themes": theme_names_of(pilot),
        "lead_label": person_label(user, pilot, pilot.lead),
        "signed_by_label": person_label(user, pilot, sign_off.signed_by) if sign_off else "",
        "updates": [
            {"update": update, "author": person_label(user, pilot, update.author)}
            for update in updates
        ],
        "events": [
            {"event": event, "actor": person_label(user, pilot, event.actor)}
            for event in pilot.events.select_related("actor__membership")
        ],
        "outcome": getattr(pilot, "outcome", None),
        "source": source,
        "source_hidden": bool(pilot.adapted_from_id) and source is None,
        "adoptions": adoptions,
        "hidden_adoptions": hidden_adoptions,
        "own_adoption": own_adoption,
        "can_edit": can_edit_pilot(user, pilot),
        "can_sign_off": can_sign_off_pilot(user, pilot),
        "can_add_update": can_add_pilot_update(user, pilot),
        "can_close": can_close_pilot(user, pilot),
        "can_adopt": can_adopt_pilot(user, pilot) and own_adoption is None,
        "can_ask_for_sign_off": can_ask_for_sign_off(user, pilot)
        and pilot.sign_off_requested_at is None,
        "can_discard": can_discard_pilot(user, pilot),
        "can_change_audience": can_change_pilot_audience(user, pilot),
        "comparison_councils": comparisons_for(
            user, pilot, lineage=[*adoptions, *([source] if source else [])]
        ),
    }
    context.update(discussion_context(user, pilot))
    # The apps above pilots add how it went where it was repeated.
    for _receiver, extra in pilot_detail_context.send(
        sender=Pilot,
        pilot=pilot,
        user=user,
        adoptions=adoptions,
        hidden_adoptions=hidden_adoptions,
    ):
        context.update(extra or {})
    return render(request, "pilots/pilot_detail.html", context)


@login_required
def create_from_idea(request, idea_pk):
    """The card form, pre-filled from the idea: the pilot exists from its first save."""
    idea = get_object_or_404(Idea.objects.visible_to(request.user), pk=idea_pk)
    if is_manager_of(request.user, idea.council_id):
        existing = Pilot.objects.visible_to(request.user).filter(idea=idea).first()
        if existing is not None:
            messages.info(request, _("This idea already has a pilot."))
            return redirect(existing)
    if not can_create_pilot(request.user, idea):
        raise PermissionDenied
    card = services.card_from_idea(idea, by=request.user)
    form = PilotCardForm(
        request.POST or None, instance=card, initial={"themes": list(idea.themes.all())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            pilot = services.create_pilot_from_idea(
                idea=idea,
                by=request.user,
                card=form.save(commit=False),
                themes=form.cleaned_data["themes"],
            )
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(idea)
        messages.success(
            request,
            _(
                "Pilot card saved. Only your council can see it. Ask a manager to sign it "
                "off when it is ready."
            ),
        )
        return redirect(pilot)
    return render(request, "pilots/pilot_form.html", {"pilot": None, "idea": idea, "form": form})


@login_required
@transaction.atomic
def edit_card(request, pk):
    pilot = get_visible_pilot(request, pk, lock=request.method == "POST")
    if not is_lead_or_manager(request.user, pilot):
        raise refused_unless_lead_or_manager(request.user, pilot, doing=_("change its card"))
    if pilot.is_card_locked:
        # Signed-off limits never change; say so rather than show a bare 403.
        context = {
            "pilot": pilot,
            "sign_off": getattr(pilot, "sign_off_record", None),
            "can_add_update": can_add_pilot_update(request.user, pilot),
        }
        return render(request, "pilots/pilot_card_locked.html", context, status=403)
    if not can_edit_pilot(request.user, pilot):
        raise PermissionDenied
    form = PilotCardForm(request.POST or None, instance=pilot)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Experiment card saved"))
        return redirect(pilot)
    return render(request, "pilots/pilot_form.html", {"pilot": pilot, "form": form})


@login_required
@transaction.atomic
def sign_off(request, pk):
    pilot = get_pilot_if(
        can_sign_off_pilot,
        request,
        pk,
        lock=request.method == "POST",
        managers_do=_("sign off pilot cards"),
    )
    form = SignOffForm(request.POST if request.method == "POST" else None, pilot=pilot)
    if form.is_valid() and made(
        form,
        services.sign_off_pilot,
        pilot=pilot,
        by=request.user,
        audience=form.cleaned_data["audience"],
    ):
        if pilot.starts_later:
            started = _("Signed off. The pilot starts on %(date)s.") % {
                "date": date_format(pilot.start_date, "j F Y")
            }
        else:
            started = _("Signed off. The pilot is running.")
        messages.success(request, started)
        return redirect(pilot)
    context = {
        "pilot": pilot,
        "form": form,
        "card_digest": card_digest(pilot),
        "limits": limit_rows(pilot.signed_limits()),
        "gaps": pilot.sign_off_gaps(),
        **failed_like(request, pilot),
    }
    return render(request, "pilots/pilot_sign_off.html", context)


@login_required
@require_POST
def ask_for_sign_off(request, pk):
    pilot = get_pilot_if(can_ask_for_sign_off, request, pk)
    try:
        services.ask_for_sign_off(pilot=pilot, by=request.user)
    except TransitionNotAllowed as error:
        messages.info(request, str(error))
    else:
        messages.success(
            request,
            _("Sign-off asked for. The managers at %(council)s have been emailed.")
            % {"council": pilot.council.short_name},
        )
    return redirect(pilot)


@login_required
def discard(request, pk):
    pilot = get_pilot_if(can_discard_pilot, request, pk)
    form = DiscardForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and made(form, pilot.discard, by=request.user, reason=form.cleaned_data["reason"])
    ):
        messages.success(request, _("The pilot card is discarded."))
        return redirect(pilot.idea if pilot.idea_id else "pilots:list")
    return render(request, "pilots/pilot_discard.html", {"pilot": pilot, "form": form})


@login_required
def audience(request, pk):
    """A manager narrows or widens who sees a signed-off pilot, or redacts its text."""
    pilot = get_pilot_if(
        can_change_pilot_audience, request, pk, managers_do=_("change who can see a pilot")
    )
    return change_audience(request, pilot, kind=_("pilot"))


@login_required
def add_update(request, pk):
    pilot = get_pilot_if(can_add_pilot_update, request, pk)
    form = PilotUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        PilotUpdate.objects.create(
            pilot=pilot, author=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Update added"))
        return redirect(pilot.get_absolute_url() + "#updates")
    return render(request, "pilots/pilotupdate_form.html", {"pilot": pilot, "form": form})


def redirect_to_outcome_form(request, pk, ending):
    pilot = get_visible_pilot(request, pk)
    if not can_close_pilot(request.user, pilot):
        raise refused_unless_lead_or_manager(request.user, pilot, doing=_("record its outcome"))
    url = reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk})
    return redirect(f"{url}?ending={ending}")


@login_required
def complete(request, pk):
    return redirect_to_outcome_form(request, pk, "completed")


@login_required
def stop_early(request, pk):
    return redirect_to_outcome_form(request, pk, "stopped_early")


@login_required
def adopt(request, pk):
    pilot = get_visible_pilot(request, pk)
    if is_own_council_pilot(request.user, pilot):
        return render(
            request, "pilots/pilot_adopt.html", {"pilot": pilot, "own": True}, status=403
        )
    if not can_adopt_pilot(request.user, pilot):
        raise PermissionDenied
    membership = membership_of(request.user)
    existing = Pilot.objects.filter(adapted_from=pilot, council_id=membership.council_id).first()
    if request.method == "POST":
        try:
            adopted = services.adopt_pilot(pilot=pilot, by=request.user)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(pilot)
        if existing is None:
            messages.success(
                request,
                _(
                    "Pilot adopted. Adapt the card to %(council)s, then ask a manager "
                    "to sign it off."
                )
                % {"council": membership.council.short_name},
            )
        else:
            messages.info(request, _("Your council has already adopted this pilot."))
        return redirect(adopted)
    context = {
        "pilot": pilot,
        "council": membership.council,
        "existing": existing,
        **failed_like(request, pilot),
    }
    return render(request, "pilots/pilot_adopt.html", context)
