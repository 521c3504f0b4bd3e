from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.forms import themes_field

from .models import DigestPreference


class DigestPreferenceForm(forms.ModelForm):
    themes = themes_field(
        label=_("Which themes are you interested in?"),
        help_text=_("Leave these empty to hear about every theme."),
    )

    class Meta:
        model = DigestPreference
        fields = ["frequency", "scope", "themes", "include_review_queue", "include_overdue_pilots"]
        widgets = {
            "frequency": forms.RadioSelect,
            "scope": forms.RadioSelect,
        }
        help_texts = {
            "frequency": _("A digest is only sent when there is something new for you."),
        }
        # GOV.UK error messages: say what to do. Only a crafted post can miss a choice.
        error_messages = {
            "frequency": {
                "required": _("Select how often you want a digest"),
                "invalid_choice": _("Select how often you want a digest"),
            },
            "scope": {
                "required": _("Select which councils your digest should cover"),
                "invalid_choice": _("Select which councils your digest should cover"),
            },
        }

    def __init__(self, *args, is_manager=False, has_partners=True, **kwargs):
        super().__init__(*args, **kwargs)
        choose_themes = _("Select themes from the list, or none to hear about every theme")
        self.fields["themes"].error_messages.update(
            invalid_choice=choose_themes,
            invalid_pk_value=choose_themes,
            invalid_list=choose_themes,
        )
        if not has_partners:
            del self.fields["scope"]
        if not is_manager:
            del self.fields["include_review_queue"]
            del self.fields["include_overdue_pilots"]
