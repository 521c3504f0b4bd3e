from allauth.account.utils import get_next_redirect_url
from allauth.socialaccount.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..member_views import get_council_to_manage
from ..models import IdentityProvider
from .forms import CouncilSignInForm, IdentityProviderForm
from .scim import rotate_token
from .services import check_connection


def start(request):
    """Sign in with the council's own account: the email address picks the council."""
    form = CouncilSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        council = form.identity_provider.council
        provider = get_adapter(request).get_provider(request, council.slug)
        response = provider.redirect(
            request,
            "login",
            next_url=get_next_redirect_url(request),
            auth_params={**provider.get_auth_params(), "login_hint": form.cleaned_data["email"]},
        )
        if response.status_code != 302:
            return response
        # A page that moves on by itself, not a redirect: browsers hold a form's redirect
        # to our CSP's form-action 'self', and every council's provider is elsewhere.
        context = {"council": council, "provider_url": response["Location"]}
        return render(request, "councils/sso_continue.html", context)
    return render(request, "councils/sso_start.html", {"form": form})


def render_settings(request, council, identity_provider, form=None, scim_token=None):
    if form is None:
        form = IdentityProviderForm(
            instance=identity_provider or IdentityProvider(council=council)
        )
    context = {
        "council": council,
        "form": form,
        "identity_provider": identity_provider,
        "scim_token": scim_token,
        "scim_url": request.build_absolute_uri(
            reverse("scim:users", kwargs={"slug": council.slug})
        ).removesuffix("/Users"),
        "section": "sso",
    }
    return render(request, "councils/sso_settings.html", context)


def saved_identity_provider(request, council):
    """The council's identity provider; None, saying so, before its settings are saved."""
    identity_provider = IdentityProvider.objects.filter(council=council).first()
    if identity_provider is None:
        messages.error(request, _("Save the council’s sign-in settings first."))
    return identity_provider


@login_required
def settings_page(request, slug):
    council = get_council_to_manage(request.user, slug, "sso")
    identity_provider = IdentityProvider.objects.filter(council=council).first()
    form = IdentityProviderForm(
        request.POST or None, instance=identity_provider or IdentityProvider(council=council)
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        message = _("Sign-in with the council account is saved.")
        if not saved.enabled:
            message += " " + _("Test the connection, then tick “Staff can sign in with it”.")
        messages.success(request, message)
        return redirect("members:sso", slug=council.slug)
    return render_settings(request, council, identity_provider, form)


@login_required
@require_POST
def new_scim_token(request, slug):
    """A new provisioning token, shown once; the one before stops working at once."""
    council = get_council_to_manage(request.user, slug, "sso")
    identity_provider = saved_identity_provider(request, council)
    if identity_provider is None:
        return redirect("members:sso", slug=council.slug)
    token = rotate_token(identity_provider)
    return render_settings(request, council, identity_provider, scim_token=token)


@login_required
@require_POST
def test_connection(request, slug):
    council = get_council_to_manage(request.user, slug, "sso")
    identity_provider = saved_identity_provider(request, council)
    if identity_provider is not None:
        ok, message = check_connection(identity_provider)
        (messages.success if ok else messages.error)(request, message)
    return redirect("members:sso", slug=council.slug)
