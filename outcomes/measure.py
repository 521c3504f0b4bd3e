"""The structured measure of an outcome: what was measured, in what unit, the baseline,
the result and the comparison group's figure, if any. All optional, so that an outcome
without numbers can still be published; given, they let a pilot and its adoptions be
compared side by side (outcomes/replication.py)."""

from decimal import Decimal

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilots.forms import PlainDecimalField

MEASURE_FIELDS = [
    "measure_name",
    "measure_unit",
    "measure_baseline",
    "measure_result",
    "measure_comparison",
]
NUMBERS = ["measure_baseline", "measure_result", "measure_comparison"]
MAX_DIGITS, DECIMAL_PLACES = 14, 4


def number_field(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        null=True,
        blank=True,
    )


class StructuredMeasure(models.Model):
    """The fields of the measure, on Outcome."""

    measure_name = models.CharField(_("what was measured"), max_length=150, blank=True)
    measure_unit = models.CharField(_("unit"), max_length=40, blank=True)
    measure_baseline = number_field(_("baseline"))
    measure_result = number_field(_("result"))
    measure_comparison = number_field(_("comparison group's result"))

    class Meta:
        abstract = True

    @property
    def has_measure(self):
        return bool(self.measure_name) and self.measure_result is not None

    def measure_texts(self):
        """The baseline, result and comparison as people write them (None: not given)."""
        return {
            name: None
            if getattr(self, f"measure_{name}") is None
            else number_text(getattr(self, f"measure_{name}"))
            for name in ("baseline", "result", "comparison")
        }


class NumberField(PlainDecimalField):
    """A number as people type it: "1,250" and " 14.5 " both work, "1e5" does not."""

    def __init__(self, *, label, help_text, name):
        super().__init__(
            required=False,
            label=label,
            help_text=help_text,
            max_digits=MAX_DIGITS,
            decimal_places=DECIMAL_PLACES,
            widget=forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
            ),
            error_messages={
                "invalid": _("%(name)s must be a number, like 14 or 14.5") % {"name": name},
                "max_digits": _("%(name)s must be under 10 billion") % {"name": name},
                "max_whole_digits": _("%(name)s must be under 10 billion") % {"name": name},
                "max_decimal_places": _("%(name)s can have at most 4 decimal places")
                % {"name": name},
            },
        )


class MeasureForm(forms.Form):
    """The measure, a fieldset of its own on the outcome form. Leave it all empty, or give
    at least what was measured and the result."""

    measure_name = forms.CharField(
        required=False,
        max_length=150,
        label=_("What was measured"),
        help_text=_("The success measure on the card, for example “missed bin collections”."),
        error_messages={"max_length": _("What was measured must be 150 characters or fewer")},
    )
    measure_unit = forms.CharField(
        required=False,
        max_length=40,
        label=_("Unit"),
        help_text=_("For example “per 1,000 households”, “days” or “%”."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"max_length": _("The unit must be 40 characters or fewer")},
    )
    measure_baseline = NumberField(
        label=_("Baseline"),
        help_text=_("The figure before the pilot started."),
        name=_("Baseline"),
    )
    measure_result = NumberField(
        label=_("Result"),
        help_text=_("The figure at the end of the pilot."),
        name=_("Result"),
    )
    measure_comparison = NumberField(
        label=_("Comparison group"),
        help_text=_(
            "The same figure, over the same time, where the pilot did not run. Only if you had "
            "a comparison group."
        ),
        name=_("Comparison group"),
    )

    def clean(self):
        data = super().clean()
        given = [name for name in MEASURE_FIELDS if data.get(name) not in (None, "")]
        if not given:
            return data
        if not data.get("measure_name") and "measure_name" not in self.errors:
            self.add_error(
                "measure_name",
                _("Enter what was measured, or leave every part of the measure empty"),
            )
        if data.get("measure_result") is None and "measure_result" not in self.errors:
            self.add_error(
                "measure_result",
                _("Enter the result, or leave every part of the measure empty"),
            )
        return data

    def measure_fields(self):
        """The cleaned measure for Outcome (empty text and None where not given)."""
        data = self.cleaned_data
        return {
            name: data.get(name) if name in NUMBERS else (data.get(name) or "").strip()
            for name in MEASURE_FIELDS
        }


def number_text(value):
    """A measure as people write it: 14, 10.5, 1,250 (or "not given")."""
    if value is None:
        return _("not given")
    value = Decimal(value).normalize()
    return f"{value:,f}"
