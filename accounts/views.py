from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:profile")
    # The reverse one-to-one raises an AttributeError subclass when there is none;
    # reading it here keeps accounts from importing councils.
    membership = getattr(request.user, "membership", None)
    context = {"form": form, "membership": membership}
    return render(request, "accounts/profile.html", context)
