import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField, ExpressionWrapper, Max
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST, require_safe

from councils.visibility import membership_of
from ideabank.lib.paging import render_page_of
from ideas.models import Idea
from pilots.models import Pilot
from pilots.permissions import person_label

from . import services
from .models import Notification

PER_PAGE = 25
# A running pilot with no update for this long has an update due (a check-in).
UPDATE_EVERY = datetime.timedelta(days=30)


@login_required
@require_safe
def notification_list(request):
    notifications = Notification.objects.for_reader(request.user).select_related("idea", "pilot")
    return render_page_of(
        request,
        "notifications/notification_list.html",
        notifications,
        per_page=PER_PAGE,
        name="notifications",
    )


@login_required
@require_POST
def mark_read(request):
    """Mark one notification read (`notification` in the form), or all of them."""
    pk = request.POST.get("notification", "")
    if pk:
        if not pk.isdigit():
            return redirect("notifications:list")
        services.mark_read(user=request.user, pks=[int(pk)])
        messages.success(request, _("Marked as read."))
    else:
        services.mark_read(user=request.user)
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


def target_of(request, target, lookup):
    """The object to follow, fetched through what the person may see: 404 otherwise."""
    return get_object_or_404(services.followable(target, request.user), **lookup)


def page_of(target, obj):
    if target in {"council", "partnership"}:
        return reverse(f"explore:{target}", kwargs={"slug": obj.slug})
    return obj.get_absolute_url()


def back_to(request, target, obj):
    """Back to the page the button was on (`next`, a path on this site), else the object's.

    HttpResponseRedirect, not redirect(): redirect() would look up any other text as a
    view name, and a made-up `next` must not be a server error."""
    url = request.POST.get("next", "")
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(url)
    return redirect(page_of(target, obj))


FOLLOWING = {
    True: (services.follow, _lazy("You are following “%(name)s”.")),
    False: (services.unfollow, _lazy("You no longer follow “%(name)s”.")),
}


@login_required
def follow(request, target, following, **lookup):
    """Follow `obj`, or with `following` false stop following it."""
    obj = target_of(request, target, lookup)
    if request.method != "POST":
        return redirect(page_of(target, obj))
    change, message = FOLLOWING[following]
    change(user=request.user, target=target, obj=obj)
    messages.success(request, message % {"name": obj})
    return back_to(request, target, obj)


def pilots_by_state(pilots):
    """The lead's pilots in groups, in the order a pilot lives through them. A signed-off
    pilot whose start date is still to come has a group of its own, shown only when it
    has one, so "Running" lists only pilots that have started."""
    groups = [
        {"state": "planned", "label": Pilot.Status.PLANNED.label},
        {"state": "starts_later", "label": _("Signed off, not started yet")},
        {"state": "running", "label": Pilot.Status.RUNNING.label},
        {"state": "completed", "label": Pilot.Status.COMPLETED.label},
    ]
    for group in groups:
        group["rows"] = [pilot for pilot in pilots if state_of(pilot) == group["state"]]
    return [group for group in groups if group["rows"] or group["state"] != "starts_later"]


def state_of(pilot):
    if pilot.starts_later:
        return "starts_later"
    if pilot.status == Pilot.Status.STOPPED_EARLY:
        return "completed"
    return pilot.status


def update_due(pilot, now):
    return state_of(pilot) == "running" and pilot.last_news < now - UPDATE_EVERY


@login_required
@require_safe
def my_work(request):
    user = request.user
    membership = membership_of(user)
    if membership is None:
        # Only a council's members lead or review its pilots (pilots.permissions.is_lead),
        # so someone in none has no work here yet: the page tells them to join a council.
        context = {"waiting_requests": user.membership_requests.awaiting_decision()}
        return render(request, "notifications/my_work_no_council.html", context)
    now = timezone.now()
    today = timezone.localdate(now)
    pilots = list(
        Pilot.objects.visible_to(user)
        .filter(lead=user)
        .exclude(status=Pilot.Status.DISCARDED)
        .select_related("council", "outcome")
        .annotate(
            last_news=Coalesce(Max("updates__created_at"), "created_at"),
            outcome_owed=ExpressionWrapper(
                Pilot.awaiting_outcome_filter(today), output_field=BooleanField()
            ),
        )
        .order_by("end_date", "pk")
    )
    is_manager = membership.is_manager
    context = {
        "groups": pilots_by_state(pilots),
        "has_pilots": bool(pilots),
        "updates_due": [p for p in pilots if update_due(p, now) and not p.outcome_owed],
        "outcomes_owed": [pilot for pilot in pilots if pilot.outcome_owed],
        "is_manager": is_manager,
        "update_every_days": UPDATE_EVERY.days,
    }
    if is_manager:
        context["sign_off_rows"] = list(
            Pilot.objects.visible_to(user)
            .waiting_for_sign_off()
            .filter(council_id=membership.council_id)
            .select_related("lead")
            .order_by("sign_off_requested_at", "pk")
        )
        context["review_waiting"] = Idea.objects.reviewable_by(user).awaiting_review().count()
        # A manager may publish any of their council's outcomes, not only their own pilots'.
        owed = (
            Pilot.objects.visible_to(user)
            .awaiting_outcome(today)
            .filter(council_id=membership.council_id)
            .exclude(lead=user)
            .select_related("lead", "council", "idea")  # what `person_label` reads
            .order_by("end_date", "pk")
        )
        for pilot in owed:
            pilot.lead_label = person_label(user, pilot, pilot.lead)
        context["council_outcomes_owed"] = owed
        context["council"] = membership.council
    return render(request, "notifications/my_work.html", context)
