from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from councils.models import Visibility
from councils.visibility import membership_of, visible_council_ids

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
        form.save()
        messages.success(request, _("Your digest settings have been saved."))
        return redirect("digests:preferences")
    context = {"form": form, "membership": membership, "has_partners": has_partners}
    return render(request, "digests/digestpreference_form.html", context)


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
