"""Every form's fields, rendered the GOV.UK way (FORM_RENDERER)."""

import calendar
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

TOO_LONG = _("Shorten this to %(limit)s characters or fewer. You entered %(count)s.")


class GovukBoundField(BoundField):
    """A field whose text has a length limit says so, and never cuts a paste short.

    A browser given `maxlength` drops whatever is pasted past the limit without a
    word. So the limit goes to GOV.UK's character count instead (a textarea shows
    how many characters are left) and to the form's own check, whose error says
    what to shorten.
    """

    @property
    def errors(self):
        """Django's "Ensure this value has at most…" in plain English, unless the form
        gave the field a message of its own."""
        errors = super().errors
        if "max_length" in self.field.error_messages:
            return errors
        data = errors.as_data()
        if not any(error.code == "max_length" for error in data):
            return errors
        return self.form.error_class(
            [
                ValidationError(
                    TOO_LONG
                    % {
                        "limit": number_format(error.params["limit_value"], force_grouping=True),
                        "count": number_format(error.params["show_value"], force_grouping=True),
                    },
                    code="max_length",
                )
                if error.code == "max_length"
                else error
                for error in data
            ],
            renderer=self.form.renderer,
        )

    @property
    def error_link_id(self):
        """The id the error summary links to: the input at fault (the first option of
        radios and checkboxes, the first wrong box of a date), or None."""
        widget = self.field.widget
        if isinstance(widget, GovukDateInput) and self.auto_id:
            parts = widget.parts_at_fault(self.value())
            return widget.box_id(self.auto_id, parts[0] if parts else "day")
        if self.use_fieldset and self.subwidgets and self.subwidgets[0].id_for_label:
            return self.subwidgets[0].id_for_label
        return self.id_for_label or None

    @property
    def character_limit(self):
        """The limit a textarea shows with the character count, or None."""
        if isinstance(self.field.widget, forms.Textarea):
            return getattr(self.field, "max_length", None)
        return None

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if "maxlength" in widget.attrs:
            attrs["maxlength"] = False  # the widget templates leave out a False attribute
        if self.character_limit:
            info = f"{self.auto_id}-info"
            attrs["aria-describedby"] = " ".join(
                part for part in (attrs.get("aria-describedby"), info) if part
            )
            classes = (widget.attrs.get("class", ""), "govuk-js-character-count")
            attrs["class"] = " ".join(part for part in classes if part)
        return attrs


class GovukRenderer(TemplatesSetting):
    bound_field_class = GovukBoundField


MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}


def month_number(text):
    """A month as typed, "3", "03", "March" or "mar", as its number's text; other text as it is.

    GOV.UK's date pattern asks services to accept month names as well as numbers.
    """
    return str(MONTHS.get(text.strip().lower(), text))


def date_faults(day, month, year):
    """What is wrong with a typed date, as (code, boxes): the boxes left empty
    ("incomplete"), a year without 4 numbers ("short_year"), a day or month out of range
    ("invalid", that box), or a date that is not real though each box is fine alone
    (31 February: "invalid", all three). (None, []) when nothing is wrong or nothing typed.
    GOV.UK's date input marks only the boxes at fault."""
    boxes = {"day": day, "month": month_number(month), "year": year}
    empty = [name for name, text in boxes.items() if not text]
    if empty:
        return ("incomplete", empty) if len(empty) < 3 else (None, [])
    if not (boxes["day"].isdigit() and 1 <= int(boxes["day"]) <= 31):
        return "invalid", ["day"]
    if not (boxes["month"].isdigit() and 1 <= int(boxes["month"]) <= 12):
        return "invalid", ["month"]
    if not year.isdigit():
        return "invalid", ["year"]
    if len(year) != 4:
        return "short_year", ["year"]
    try:
        datetime.date(int(year), int(boxes["month"]), int(boxes["day"]))
    except ValueError:
        return "invalid", ["day", "month", "year"]
    return None, []


def typed_date(value):
    """(day, month, year) as the boxes sent them ("2030-3-7" is how the widget joins
    them), or None for a date, a whole ISO date or nothing."""
    if not isinstance(value, str) or value.count("-") != 2:
        return None
    year, month, day = (part.strip() for part in value.split("-"))
    return day, month, year


class GovukDateInput(forms.MultiWidget):
    """GOV.UK's date input: Day, Month and Year boxes, not the browser's date picker,
    which shows dates in the browser's own order (11/17/2026 in an American one) and
    which GOV.UK's research found hard to use. Django has no such widget.

    A POST that sends the date whole (`start_date=2026-12-10`, as the API and older
    pages do) is read as before. Boxes filled in part come back as typed, and only the
    boxes at fault are marked.
    """

    template_name = "django/forms/widgets/govuk_date.html"
    parts = (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric"}) for name, *_ in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        """[day, month, year] from a date, or from the text the boxes sent."""
        if value is None or value == "":
            return [None, None, None]
        if hasattr(value, "year"):
            return [value.day, value.month, value.year]
        year, month, day = ([*str(value).split("-", 2), "", ""])[:3]
        return [day, month, year]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data[name]
        day, month, year = (str(data.get(f"{name}_{part}", "")).strip() for part, *_ in self.parts)
        if not (day or month or year):
            return ""
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(f"{name}_{part}" not in data for part, *_ in self.parts)

    @staticmethod
    def parts_at_fault(value):
        """The boxes `date_faults` finds wrong in a value as the boxes sent it."""
        typed = typed_date(value)
        return date_faults(*typed)[1] if typed else []

    @staticmethod
    def box_id(field_id, part):
        """The day box takes the field's own id, so a label or link to the field lands on it."""
        return field_id if part == "day" else f"{field_id}_{part}"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        first_id = context["widget"]["attrs"].get("id")
        invalid = "aria-invalid" in context["widget"]["attrs"]
        at_fault = self.parts_at_fault(value) or [part for part, *_ in self.parts]
        for (part, label, width), subwidget in zip(
            self.parts, context["widget"]["subwidgets"], strict=True
        ):
            subwidget["label"] = label
            subwidget["width"] = width
            subwidget["at_fault"] = invalid and part in at_fault
            if first_id:
                subwidget["attrs"]["id"] = self.box_id(first_id, part)
        return context


class GovukDateField(forms.DateField):
    """A date typed into GovukDateInput's boxes, with GOV.UK's error messages for a box
    left empty ("Start date must include a month") and a short year ("Year must include
    4 numbers"); any other date that is not real gets the field's "invalid" message."""

    widget = GovukDateInput

    def to_python(self, value):
        typed = typed_date(value)
        if typed:
            day, month, year = typed
            code, boxes = date_faults(day, month, year)
            if code == "incomplete":
                names = {"day": _("day"), "month": _("month"), "year": _("year")}
                raise ValidationError(
                    _("%(label)s must include a %(missing)s")
                    % {
                        "label": self.label,
                        "missing": " and ".join(str(names[box]) for box in boxes),
                    },
                    code=code,
                )
            if code == "short_year":
                raise ValidationError(_("Year must include 4 numbers"), code=code)
            value = f"{year}-{month_number(month)}-{day}"
        return super().to_python(value)
