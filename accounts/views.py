from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .forms import CloseAccountForm, ProfileForm
from .services import close_account


@login_required
def profile(request):
    # The reverse one-to-one raises an AttributeError subclass when there is none;
    # reading it here keeps accounts from importing councils.
    membership = getattr(request.user, "membership", None)
    is_manager = membership is not None and membership.is_manager
    form = ProfileForm(request.POST or None, instance=request.user, is_manager=is_manager)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:profile")
    context = {"form": form, "membership": membership}
    if membership is None:
        # Requests to join a council, through the reverse relation for the same reason.
        context["waiting_requests"] = request.user.membership_requests.awaiting_decision()
    return render(request, "accounts/profile.html", context)


@login_required
@reauthentication_required
def close(request):
    membership = getattr(request.user, "membership", None)
    error = membership.leaving_error() if membership is not None else None
    # Not `request.POST or None`: a POST without the box ticked is empty, and must fail.
    form = CloseAccountForm(request.POST if request.method == "POST" else None)
    if form.is_bound and error is None and form.is_valid():
        try:
            close_account(person=request.user, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            logout(request)
            return redirect("accounts:closed")
    context = {"form": form, "error": error, "membership": membership}
    return render(request, "accounts/user_close.html", context)


@require_safe
def closed(request):
    return render(request, "accounts/user_closed.html")
