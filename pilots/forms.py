import hashlib
import json
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from ideabank.lib.forms import GovukDateField
from ideas.forms import audience_field
from ideas.models import Theme

from .models import CARD_FIELDS, Pilot, PilotUpdate


class MoneyInput(forms.TextInput):
    """A stored amount shown as people type it: "2500", not "2500.00"."""

    def format_value(self, value):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        return super().format_value(value)


class PlainDecimalField(forms.DecimalField):
    """A number as people type it: digits, with a decimal point and decimals if they
    have some; commas between digits are dropped ("1,250.5").

    Python's Decimal also reads "1e5" as 100000, "NaN", "Infinity" and other scripts'
    digits: those are refused with the field's "invalid" message. A minus sign passes,
    so that a field with a minimum can say so.
    """

    PLAIN = re.compile(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "")
            if value and not self.PLAIN.fullmatch(value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class MoneyField(PlainDecimalField):
    """Pounds, as people type them: "£1,250.50" and "1250.5" both work (GOV.UK pattern).
    The form shows a "£" before the box (`prefix`, templates/django/forms/field.html).

    `name` names the field in its error messages ("actual cost"); `required_message`
    replaces "Enter the <name>" where that reads badly.
    """

    prefix = "£"

    def __init__(self, *, name, required_message=None, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "widget",
            MoneyInput(
                attrs={
                    "inputmode": "decimal",
                    "class": "govuk-input--width-10",
                    "spellcheck": "false",
                }
            ),
        )
        kwargs["error_messages"] = money_errors(name, required=required_message)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£")
        return super().to_python(value)


def money_errors(name, *, required=None):
    """GOV.UK messages for a MoneyField called `name` in them: each names the field, as
    the error summary shows them apart from it."""
    named = {"name": capfirst(name)}
    too_big = _("%(name)s must be under £10 billion") % named
    return {
        "required": required or _("Enter the %(name)s") % {"name": name},
        "invalid": _("%(name)s must be an amount in pounds, like 1500 or 1500.50") % named,
        "min_value": _("%(name)s must be £0 or more") % named,
        "max_digits": too_big,
        "max_whole_digits": too_big,
        "max_decimal_places": _("%(name)s must be in pounds and pence, like 1500.50") % named,
    }


def textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class PilotCardForm(forms.ModelForm):
    """The experiment card, editable while the pilot is planned."""

    budget_cap = MoneyField(
        label=_("Most it may spend (£)"),
        help_text=_("The budget cap. Spending more than this means you stop and ask again."),
        name=_("the most it may spend"),
        required_message=_("Enter the most the pilot may spend"),
    )

    class Meta:
        model = Pilot
        fields = CARD_FIELDS
        labels = {
            "title": _("Title"),
            "summary": _("Summary"),
            "hypothesis": _("Hypothesis"),
            "success_measure": _("How you will measure success"),
            "baseline": _("The baseline today"),
            "amplify_signals": _("Signs that it is working and should grow"),
            "stop_criteria": _("When you will stop"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "max_exposure": _("Who or what it may affect, at most"),
            "rollback_plan": _("How you will undo it"),
            "lead": _("Lead"),
            "team": _("Team"),
            "themes": _("Themes"),
        }
        help_texts = {
            "summary": _("What the pilot tries, for whom, in a few sentences."),
            "hypothesis": _(
                "For example: We believe that sending reminders by text will cut missed "
                "collections. We will know we are right when missed collections fall by a fifth."
            ),
            "success_measure": _("The number you will watch, and where it comes from."),
            "baseline": _("What that number is today, before the pilot starts."),
            "amplify_signals": _("What would make you want to do more of this."),
            "stop_criteria": _(
                "The signs that mean you stop, for example a cost, a complaint level or a "
                "risk to residents."
            ),
            "start_date": _("For example, 11 1 2027"),
            "end_date": _("The time box: the pilot ends by this date. For example, 31 3 2027"),
            "max_exposure": _(
                "The most people, places or services the pilot may reach, for example "
                "“200 households in one ward”."
            ),
            "rollback_plan": _("How you return to the way things were if you stop."),
            "lead": _("The person in your council who runs the pilot day to day."),
            "team": _("The team or service running it, for example “Waste services”."),
        }
        error_messages = {
            "title": {"required": _("Enter a title")},
            "summary": {"required": _("Enter a summary")},
            "hypothesis": {"required": _("Enter the hypothesis")},
            "success_measure": {"required": _("Enter how you will measure success")},
            "baseline": {"required": _("Enter the baseline today")},
            "stop_criteria": {"required": _("Enter when you will stop")},
            "start_date": {
                "required": _("Enter the start date"),
                "invalid": _("Start date must be a real date"),
            },
            "end_date": {
                "required": _("Enter the end date"),
                "invalid": _("End date must be a real date"),
            },
            "max_exposure": {"required": _("Enter who or what the pilot may affect, at most")},
            "rollback_plan": {"required": _("Enter how you will undo it")},
            "lead": {
                "required": _("Select the lead"),
                "invalid_choice": _("Select a lead from your council"),
            },
        }
        field_classes = {"start_date": GovukDateField, "end_date": GovukDateField}
        widgets = {
            "title": forms.TextInput(),
            "summary": textarea(5),
            "hypothesis": textarea(5),
            "success_measure": textarea(),
            "baseline": textarea(3),
            "amplify_signals": textarea(3),
            "stop_criteria": textarea(),
            "max_exposure": textarea(3),
            "rollback_plan": textarea(),
            "themes": forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = User.objects.filter(
            membership__council_id=self.instance.council_id
        ).order_by("full_name", "email")
        self.fields["themes"].queryset = Theme.objects.all()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("End date must be the same as or after the start date"))
        return cleaned


def card_digest(pilot):
    """A short fingerprint of the card, so a sign-off cannot cover a card changed meanwhile."""
    card = {
        field: str(pilot._meta.get_field(field).value_from_object(pilot))
        for field in CARD_FIELDS
        if field != "themes"
    }
    return hashlib.sha256(json.dumps(card, sort_keys=True).encode()).hexdigest()[:20]


class SignOffForm(forms.Form):
    card = forms.CharField(widget=forms.HiddenInput)
    audience = audience_field(
        _("Who can see this pilot once it is signed off?"),
        _("Until you sign it off, only your council sees the card. The lead cannot widen this."),
    )

    def __init__(self, *args, pilot, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a POST (not from this page, which always sends one), the card's
        # audience stays (Pilot.sign_off). Required on the page, which would otherwise
        # call an answer already chosen "optional".
        self.fields["audience"].required = not (self.is_bound and "audience" not in self.data)
        self.pilot = pilot
        self.fields["card"].initial = card_digest(pilot)
        self.fields["audience"].initial = pilot.visibility

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("card") != card_digest(self.pilot):
            raise ValidationError(
                _("The card changed after you opened this page. Check the limits again below."),
                code="stale",
            )
        gaps = self.pilot.sign_off_gaps()
        if gaps:
            raise ValidationError(gaps, code="incomplete")
        return cleaned


class PilotUpdateForm(forms.ModelForm):
    class Meta:
        model = PilotUpdate
        fields = ["body"]
        labels = {"body": _("What has happened since the last update?")}
        help_texts = {
            "body": _(
                "What you tried, what you saw against the success measure, and what you will "
                "do next. Write about the work and the conditions, not about people."
            )
        }
        error_messages = {"body": {"required": _("Enter the update")}}
        widgets = {"body": textarea(6)}


class DiscardForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you discarding this card?"),
        help_text=_("It stays in the pilot's history for your council; it leaves every list."),
        widget=textarea(3),
        max_length=2000,
        error_messages={
            "required": _("Enter why you are discarding this card"),
            "max_length": _("The reason must be 2,000 characters or fewer"),
        },
    )
