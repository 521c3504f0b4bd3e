from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    NOTIFICATION_FIELDS,
    NOTIFICATION_KINDS,
    Delivery,
    NotificationKind,
    User,
    delivery_of,
    set_delivery,
)
from .signals import why_password_refused


class PasswordAllowed:
    """A form that gives an email address a password refuses one whose council says no."""

    def clean_email(self):
        email = super().clean_email()
        reason = why_password_refused(email)
        if reason:
            raise ValidationError(reason, code="council_sign_in_required")
        return email


# The email switches each kind of notification sets, so the form shows them once, as a kind.
KIND_EMAIL_FIELDS = {email for _page, email in NOTIFICATION_KINDS.values()}
# What only managers (and council admins) are sent: the form shows these to them alone,
# and leaves anyone else's saved choice as it is.
MANAGER_KINDS = {NotificationKind.SIGN_OFF}
MANAGER_EMAIL_FIELDS = {"notify_idea_submitted"}
# The kinds' own labels name who they are for; the form shows managers' kinds to managers.
KIND_LABELS = {NotificationKind.SIGN_OFF: _("Pilot cards waiting for my sign-off")}
# Managers are sent what the switch's staff label says and more (pilots.tasks sends them
# every overdue pilot at their council), so their label says so.
MANAGER_LABELS = {
    "notify_pilot_overdue": _(
        "Email me when a pilot at my council passes its end date without an outcome"
    ),
}


def kind_field_name(kind):
    return f"kind_{kind}"


class ProfileForm(forms.ModelForm):
    """Name, job title, the email-only switches, and one choice per kind of notification."""

    class Meta:
        model = User
        fields = [
            "full_name",
            "job_title",
            *[name for name in NOTIFICATION_FIELDS if name not in KIND_EMAIL_FIELDS],
        ]
        labels = {
            "full_name": _("Full name"),
            "job_title": _("Job title"),
            "notify_idea_submitted": _("Email me when a new idea is submitted for my review"),
            "notify_idea_decided": _("Email me when a decision is made on my idea"),
            "notify_idea_comment": _("Email me when someone comments on my idea"),
            "notify_pilot_adopted": _("Email me when another council adopts a pilot I lead"),
            "notify_pilot_overdue": _(
                "Email me when a pilot I lead passes its end date without an outcome"
            ),
            "notify_pilot_created": _(
                "Email me when a pilot card is started from my idea, or for me to lead"
            ),
            "notify_sign_off_requested": _(
                "Email me when a pilot card at my council is waiting for my sign-off"
            ),
            "notify_pilot_signed_off": _(
                "Email me when a pilot from my idea, or that I lead, is signed off"
            ),
            "notify_pilot_stopped_early": _(
                "Email me when a pilot from my idea, or that I lead, stops early"
            ),
            "notify_pilot_closed": _(
                "Email me when a pilot from my idea, or that I lead, closes with its outcome"
            ),
            "notify_adopted_outcome": _(
                "Email me when a pilot my council adopted publishes its outcome"
            ),
        }
        help_texts = {
            "full_name": _("Colleagues at your council see this next to your ideas."),
            "job_title": _("For example, Digital lead, Adult social care"),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, data=None, *args, instance=None, is_manager=False, **kwargs):
        self.kinds = [kind for kind in NotificationKind if is_manager or kind not in MANAGER_KINDS]
        if data is not None and instance is not None:
            # A form sent without a kind's choice (an older page) keeps the person's choice.
            data = data.copy()
            for kind in self.kinds:
                data.setdefault(kind_field_name(kind), delivery_of(instance, kind))
        super().__init__(data, *args, instance=instance, **kwargs)
        if is_manager:
            for name, label in MANAGER_LABELS.items():
                self.fields[name].label = label
        else:
            for name in MANAGER_EMAIL_FIELDS:
                del self.fields[name]
        for kind in self.kinds:
            self.fields[kind_field_name(kind)] = forms.ChoiceField(
                label=KIND_LABELS.get(kind, kind.label),
                choices=Delivery.choices,
                initial=delivery_of(self.instance, kind),
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--small"}),
            )

    def kind_fields(self):
        return [self[kind_field_name(kind)] for kind in self.kinds]

    def email_fields(self):
        return [self[name] for name in self.fields if name.startswith("notify_")]

    def detail_fields(self):
        return [self["full_name"], self["job_title"]]

    def save(self, commit=True):
        user = super().save(commit=False)
        for kind in self.kinds:
            set_delivery(user, kind, self.cleaned_data[kind_field_name(kind)])
        if commit:
            user.save()
        return user


class CloseAccountForm(forms.Form):
    understood = forms.BooleanField(
        label=_("I understand that I cannot undo this"),
        error_messages={
            "required": _("Tick the box to show you understand that you cannot undo this")
        },
    )


class GovukLabels:
    """Plain-English labels and errors for allauth's fields, without placeholders."""

    labels = {}
    required_errors = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.required_errors:
                field.error_messages["required"] = self.required_errors[name]


class LoginForm(GovukLabels, allauth_forms.LoginForm):
    labels = {
        "login": _("Email address"),
        "password": _("Password"),
        "remember": _("Keep me signed in on this device"),
    }
    required_errors = {
        "login": _("Enter your email address"),
        "password": _("Enter your password"),
    }


def new_password_hint():
    """One plain hint for a new password, in place of a line per validator in settings."""
    shortest = max(
        (
            validator.min_length
            for validator in password_validation.get_default_password_validators()
            if isinstance(validator, password_validation.MinimumLengthValidator)
        ),
        default=0,
    )
    elsewhere = _("Do not use a password you use elsewhere.")
    if not shortest:
        return elsewhere
    length = ngettext(
        "Use at least %(count)d character.", "Use at least %(count)d characters.", shortest
    ) % {"count": shortest}
    return f"{length} {elsewhere}"


class NewPassword:
    """A form where someone chooses a password (`password1`), with one plain hint."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = new_password_hint()


class SignupForm(PasswordAllowed, NewPassword, GovukLabels, allauth_forms.SignupForm):
    labels = {
        "email": _("Email address"),
        "password1": _("Create a password"),
        "password2": _("Confirm your password"),
    }
    required_errors = {
        "email": _("Enter your email address"),
        "password1": _("Create a password"),
        "password2": _("Enter your password again"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Use your work email address. If your council uses Idea Bank, "
            "you join it when you confirm the address."
        )


class ResetPasswordForm(PasswordAllowed, GovukLabels, allauth_forms.ResetPasswordForm):
    labels = {"email": _("Email address")}
    required_errors = {"email": _("Enter your email address")}


# A new password, typed twice: on the reset page and the change page.
NEW_PASSWORD_LABELS = {"password1": _("New password"), "password2": _("Confirm your new password")}
NEW_PASSWORD_ERRORS = {
    "password1": _("Enter a new password"),
    "password2": _("Enter your new password again"),
}


class ResetPasswordKeyForm(NewPassword, GovukLabels, allauth_forms.ResetPasswordKeyForm):
    labels = NEW_PASSWORD_LABELS
    required_errors = NEW_PASSWORD_ERRORS


class ChangePasswordForm(NewPassword, GovukLabels, allauth_forms.ChangePasswordForm):
    labels = {"oldpassword": _("Current password"), **NEW_PASSWORD_LABELS}
    required_errors = {"oldpassword": _("Enter your current password"), **NEW_PASSWORD_ERRORS}


class SetPasswordForm(NewPassword, GovukLabels, allauth_forms.SetPasswordForm):
    labels = {"password1": _("Password"), "password2": _("Confirm your password")}


class AddEmailForm(GovukLabels, allauth_forms.AddEmailForm):
    labels = {"email": _("Email address")}
    required_errors = {"email": _("Enter an email address")}


class ReauthenticateForm(GovukLabels, allauth_forms.ReauthenticateForm):
    labels = {"password": _("Password")}
    required_errors = {"password": _("Enter your password")}


class CodeField(GovukLabels):
    """A one-time code: GOV.UK's width and hint, no spelling help from the browser."""

    hint = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.help_text = self.hint
        code.widget.attrs.update(
            {"class": "govuk-input--width-10", "spellcheck": "false", "autocapitalize": "off"}
        )


class MFAAuthenticateForm(CodeField, mfa_forms.AuthenticateForm):
    labels = {"code": _("Security code")}
    required_errors = {"code": _("Enter the security code from your authenticator app")}
    hint = _("The 6-digit code your authenticator app shows now, or one of your recovery codes")


class MFAReauthenticateForm(CodeField, mfa_forms.ReauthenticateForm):
    labels = {"code": _("Security code")}
    required_errors = {"code": _("Enter the security code from your authenticator app")}
    hint = _("The 6-digit code your authenticator app shows now, or one of your recovery codes")


class ActivateTOTPForm(CodeField, totp_forms.ActivateTOTPForm):
    labels = {"code": _("Security code")}
    required_errors = {"code": _("Enter the 6-digit security code from your authenticator app")}
    hint = _("The 6-digit code your authenticator app shows for Idea Bank")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
