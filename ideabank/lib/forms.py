"""Every form's fields, rendered the GOV.UK way (FORM_RENDERER)."""

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


class GovukDateInput(forms.MultiWidget):
    """GOV.UK's date input: Day, Month and Year boxes, not the browser's date picker,
    which shows dates in the browser's own order (11/17/2026 in an American one) and
    which GOV.UK's research found hard to use. Django has no such widget.

    A POST that sends the date whole (`start_date=2026-12-10`, as the API and older
    pages do) is read as before. Boxes filled in part come back as typed, with the
    field's "must be a real date" error.
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

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        first_id = context["widget"]["attrs"].get("id")
        for (part, label, width), subwidget in zip(
            self.parts, context["widget"]["subwidgets"], strict=True
        ):
            subwidget["label"] = label
            subwidget["width"] = width
            if first_id:
                # The day box takes the field's own id, so the error summary's link lands on it.
                subwidget["attrs"]["id"] = first_id if part == "day" else f"{first_id}_{part}"
        return context


class GovukDateField(forms.DateField):
    """A date typed into GovukDateInput's boxes, with GOV.UK's error messages for a box
    left empty ("Start date must include a month") and a short year ("Year must include
    4 numbers"); any other date that is not real gets the field's "invalid" message."""

    widget = GovukDateInput

    def to_python(self, value):
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = (part.strip() for part in value.split("-"))
            parts = {_("day"): day, _("month"): month, _("year"): year}
            missing = [str(name) for name, part in parts.items() if not part]
            if missing:
                raise ValidationError(
                    _("%(label)s must include a %(missing)s")
                    % {"label": self.label, "missing": " and ".join(missing)},
                    code="incomplete",
                )
            if year.isdigit() and len(year) != 4:
                raise ValidationError(_("Year must include 4 numbers"), code="short_year")
        return super().to_python(value)
