import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from councils.models import Visibility
from councils.visibility import membership_of, visible_council_ids
from ideabank.lib.times import clock_time

from .forms import DigestPreferenceForm
from .models import DigestPreference, Frequency
from .services import change_digest_frequency, user_for_unsubscribe_token


@login_required
def preferences(request):
    preference = DigestPreference.for_user(request.user)
    membership = membership_of(request.user)
    has_partners = membership is not None and bool(
        visible_council_ids(request.user)[Visibility.PARTNERS] - {membership.council_id}
    )
    form = DigestPreferenceForm(
        request.POST or None,
        instance=preference,
        is_manager=membership is not None and membership.is_manager,
        has_partners=has_partners or membership is None,
    )
    if request.method == "POST" and form.is_valid():
        preference = form.save()
        saved = _("Your digest settings have been saved.")
        when = next_digest_in_words(preference.frequency, timezone.now())
        messages.success(request, f"{saved} {when}")
        return redirect("digests:preferences")
    context = {"form": form, "membership": membership, "has_partners": has_partners}
    return render(request, "digests/digestpreference_form.html", context)


def next_digest_at(frequency, now):
    """When beat next starts `frequency`'s digest run after `now` (CELERY_BEAT_SCHEDULE's
    crontab, in the site's time zone), or None if no entry starts it."""
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        if entry["task"] == "digests.tasks.start_digests" and entry.get("args") == (frequency,):
            schedule = entry["schedule"]
            break
    else:
        return None
    today = timezone.localtime(now).date()
    for days in range(8):
        day = today + datetime.timedelta(days=days)
        if day.isoweekday() % 7 not in schedule.day_of_week:  # crontab: 0 is Sunday
            continue
        for hour in sorted(schedule.hour):
            for minute in sorted(schedule.minute):
                moment = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(hour, minute))
                )
                if moment > now:
                    return moment
    return None


def next_digest_in_words(frequency, now):
    """What happens next, after someone saves their digest settings."""
    moment = next_digest_at(frequency, now) if frequency != Frequency.OFF else None
    if moment is None:
        return _("You will not get digests. You can turn them on again on this page.")
    local = timezone.localtime(moment)
    today = timezone.localtime(now).date()
    if local.date() == today:
        day = _("today")
    elif local.date() == today + datetime.timedelta(days=1):
        day = _("tomorrow")
    else:
        day = _("on %(date)s") % {"date": date_format(local, "l j F")}
    return _(
        "Your next digest will come %(day)s at %(time)s, if there is something new for you."
    ) % {"day": day, "time": clock_time(local)}


def invalid_link(request):
    return render(request, "digests/unsubscribe_invalid.html", status=400)


# The signed token is the authority here, not a session: email clients post the
# RFC 8058 one-click request without a CSRF token or cookies.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    user = user_for_unsubscribe_token(token)
    if user is None:
        return invalid_link(request)
    if request.method == "POST":
        previous = DigestPreference.for_user(user).frequency
        change_digest_frequency(user=user, frequency=Frequency.OFF)
        if previous == Frequency.OFF:
            previous = Frequency.WEEKLY
        context = {"token": token, "previous": previous}
        return render(request, "digests/unsubscribe_done.html", context)
    return render(request, "digests/unsubscribe_confirm.html", {"token": token})


@csrf_exempt
@require_POST
def resubscribe(request, token):
    user = user_for_unsubscribe_token(token)
    if user is None:
        return invalid_link(request)
    frequency = request.POST.get("frequency")
    if frequency not in {Frequency.DAILY, Frequency.WEEKLY}:
        frequency = Frequency.WEEKLY
    change_digest_frequency(user=user, frequency=frequency)
    return render(request, "digests/unsubscribe_undone.html")
