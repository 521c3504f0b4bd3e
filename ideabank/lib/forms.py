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
