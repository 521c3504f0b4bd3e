from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import IdentityProvider
from ..services import email_domain


class CouncilSignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your work email address"),
            "invalid": _("Enter an email address in the right format, like name@barnet.gov.uk"),
        },
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.identity_provider = (
            IdentityProvider.objects.filter(
                enabled=True,
                council__active=True,
                council__email_domains__domain=email_domain(email),
            )
            .select_related("council")
            .first()
        )
        if self.identity_provider is None:
            raise ValidationError(
                _(
                    "Your council has not set up sign-in with its own account. "
                    "Sign in with your email address and password."
                ),
                code="no_provider",
            )
        return email


class IdentityProviderForm(forms.ModelForm):
    """What a council admin or platform admin registers; the secret is write-only."""

    client_secret = forms.CharField(
        label=_("Client secret"),
        max_length=500,
        widget=forms.PasswordInput(render_value=False),
        error_messages={"required": _("Enter the client secret")},
    )

    issuer = forms.URLField(
        label=_("Issuer URL"),
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
        max_length=300,
        assume_scheme="https",
        error_messages={
            "required": _("Enter the issuer URL"),
            "invalid": _("Enter the issuer URL, starting with https://"),
        },
    )

    class Meta:
        model = IdentityProvider
        fields = ["issuer", "client_id", "client_secret", "enabled", "required", "enforces_mfa"]
        error_messages = {"client_id": {"required": _("Enter the application (client) ID")}}
        help_texts = {"enabled": _("Tick this after you have saved and tested the connection.")}
        labels = {
            "enforces_mfa": _(
                "The council account always asks for two-step verification "
                "(multi-factor authentication in Entra ID)"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.has_client_secret:
            # Once saved, the secret is never shown again: an empty box keeps it.
            secret = self.fields["client_secret"]
            secret.required = False
            secret.help_text = _("Leave empty to keep the secret you saved before.")
        if self.instance.pk is None:
            # Staff sign-in starts off, to be turned on once the settings are tested.
            self.initial["enabled"] = False

    def clean_issuer(self):
        issuer = self.cleaned_data["issuer"].strip().rstrip("/")
        # Idea Bank fetches from this address; plain http only on a developer's laptop.
        if not issuer.startswith("https://") and not settings.DEBUG:
            raise ValidationError(_("Enter the issuer URL, starting with https://"))
        return issuer

    def save(self, commit=True):
        secret = self.cleaned_data.get("client_secret")
        if secret:
            self.instance.set_client_secret(secret)
        return super().save(commit)
