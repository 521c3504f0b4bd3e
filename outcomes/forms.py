from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ideabank.lib.money import pounds
from pilots.forms import MoneyField, textarea

from .models import BenefitCheckIn, Outcome

# Nesta Standards of Evidence, in words for the person choosing.
EVIDENCE_HINTS = {
    1: _("You can say what you did and why it should help, from what you know of the problem."),
    2: _(
        "You measured before and after, and the data shows a change. You cannot yet say "
        "the pilot caused it."
    ),
    3: _(
        "You compared with a group that did not take part, so you can show the pilot caused "
        "the change."
    ),
    4: _(
        "Someone independent evaluated the pilot, for example with a randomised trial, and "
        "confirmed the impact and what it costs."
    ),
    5: _(
        "It has been run again, elsewhere or at a bigger scale, and the results held. Others "
        "could repeat it from your description."
    ),
}

OUTCOME_FIELDS = [
    "verdict",
    "expected_result",
    "measured_result",
    "learned",
    "do_differently",
    "recommend",
    "evidence_level",
    "actual_cost",
    "people_reached",
]
# --- benefits fieldset (issue 17): the projected saving, its split and its basis ---------
BENEFIT_FIELDS = ["yearly_saving", "cashable_saving", "cost_avoided", "saving_basis"]
OUTCOME_FIELDS += BENEFIT_FIELDS


TEN_BILLION = Decimal(10) ** 10


class BenefitsMixin(forms.Form):
    """The projected saving a year, split into cashable saving and cost avoided, and its basis.

    Either part may be left empty (it counts as £0); the parts must add up to the
    total, and a split alone gives the total.
    """

    cashable_saving = MoneyField(
        required=False,
        label=_("Of which cashable saving (£ a year)"),
        help_text=_("Money the council would no longer spend, such as a contract it could end."),
        name=_("cashable saving"),
    )
    cost_avoided = MoneyField(
        required=False,
        label=_("Of which cost avoided (£ a year)"),
        help_text=_("Costs that would not arise, such as demand that never reaches a service."),
        name=_("cost avoided"),
    )
    saving_basis = forms.CharField(
        required=False,
        max_length=2000,
        label=_("How did you work the saving out?"),
        help_text=_("The numbers and assumptions behind it, so others can check and reuse them."),
        widget=textarea(4),
    )

    def clean_benefits(self, cleaned):
        total = cleaned.get("yearly_saving")
        cashable, avoided = cleaned.get("cashable_saving"), cleaned.get("cost_avoided")
        if cashable is None and avoided is None:
            return
        if "cashable_saving" in self.errors or "cost_avoided" in self.errors:
            return
        cleaned["cashable_saving"] = cashable or Decimal(0)
        cleaned["cost_avoided"] = avoided or Decimal(0)
        parts = cleaned["cashable_saving"] + cleaned["cost_avoided"]
        if parts >= TEN_BILLION:  # the total must fit its column, as each part does
            self.add_error(
                "cashable_saving",
                _("Cashable saving and cost avoided must add up to under £10 billion"),
            )
        elif total is None and "yearly_saving" not in self.errors:
            cleaned["yearly_saving"] = parts
        elif total is not None and total != parts:
            self.add_error(
                "cashable_saving",
                ValidationError(
                    _(
                        "Cashable saving and cost avoided must add up to the estimated saving "
                        "a year (%(total)s). Together they make %(parts)s."
                    ),
                    code="split_does_not_add_up",
                    params={"total": pounds(total), "parts": pounds(parts)},
                ),
            )


# --- end benefits fieldset ---------------------------------------------------------------


class HintedRadioSelect(forms.RadioSelect):
    """GOV.UK radios with a hint under each option."""

    option_template_name = "outcomes/_radio_option_with_hint.html"

    def __init__(self, *args, hints, **kwargs):
        super().__init__(*args, **kwargs)
        self.hints = hints

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = self.hints.get(value)
        if option["hint"] and option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}-hint"
        return option


class OutcomeForm(BenefitsMixin, forms.ModelForm):
    """The safe-to-fail record. It asks about conditions and systems, never who was at fault."""

    field_order = ["verdict", "stop_reason"]

    actual_cost = MoneyField(
        label=_("Actual cost (£)"),
        help_text=_("What the pilot cost in total, including staff time if you know it."),
        name=_("actual cost"),
    )
    yearly_saving = MoneyField(
        required=False,
        label=_("Estimated saving a year (£)"),
        help_text=_(
            "If the change carried on, roughly what it would save each year, in total. "
            "Leave it empty to add up the two parts below."
        ),
        name=_("estimated saving"),
        required_message=_("Enter the estimated saving a year"),
    )
    people_reached = forms.IntegerField(
        required=False,
        min_value=0,
        label=_("People reached"),
        help_text=_("Residents, staff or households the pilot reached, if you counted them."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "invalid": _("People reached must be a whole number, like 120"),
            "min_value": _("People reached must be 0 or more"),
        },
    )
    stop_reason = forms.CharField(
        label=_("Why did the pilot stop early?"),
        help_text=_(
            "The signal or condition that made stopping the right call, for example a stop "
            "criterion on the card that was met."
        ),
        max_length=2000,
        widget=textarea(4),
        error_messages={"required": _("Enter why the pilot stopped early")},
    )

    class Meta:
        model = Outcome
        fields = OUTCOME_FIELDS
        labels = {
            "verdict": _("What happened?"),
            "expected_result": _("What did you expect to see?"),
            "measured_result": _("What did you measure?"),
            "learned": _("What did you learn?"),
            "do_differently": _("What would you do differently?"),
            "recommend": _("Would you recommend another council tries it?"),
            "evidence_level": _("How strong is the evidence?"),
        }
        help_texts = {
            "verdict": _("Any result is useful to other councils, including “it did not work”."),
            "expected_result": _("The result the card predicted, against its success measure."),
            "measured_result": _(
                "What the success measure showed, compared with the baseline. Give numbers "
                "where you have them."
            ),
            "learned": _(
                "What the pilot showed about the problem, the service and the conditions it ran "
                "in. Which assumptions held, and which did not?"
            ),
            "do_differently": _(
                "What you would change in the design, the systems, the timing or the support "
                "around it. Describe conditions and processes, not individuals."
            ),
            "evidence_level": _("Based on the Nesta Standards of Evidence."),
        }
        error_messages = {
            "verdict": {
                "required": _("Select what happened"),
                "invalid_choice": _("Select what happened"),
            },
            "expected_result": {"required": _("Enter what you expected to see")},
            "measured_result": {"required": _("Enter what you measured")},
            "learned": {"required": _("Enter what you learned")},
            "do_differently": {"required": _("Enter what you would do differently")},
            "recommend": {
                "required": _("Select whether you would recommend another council tries it"),
                "invalid_choice": _("Select whether you would recommend another council tries it"),
            },
            "evidence_level": {
                "required": _("Select how strong the evidence is"),
                "invalid_choice": _("Select an evidence level from 1 to 5"),
            },
        }
        widgets = {
            "verdict": forms.RadioSelect(),
            "expected_result": textarea(4),
            "measured_result": textarea(4),
            "learned": textarea(6),
            "do_differently": textarea(6),
            "recommend": forms.RadioSelect(),
            "evidence_level": HintedRadioSelect(hints=EVIDENCE_HINTS),
        }

    # What each way of closing a pilot may say it found. A completed pilot did not stop
    # early (its status would say so), and a pilot stopped early did not simply work.
    VERDICTS = {
        "completed": {
            Outcome.Verdict.WORKED,
            Outcome.Verdict.PARTLY_WORKED,
            Outcome.Verdict.DID_NOT_WORK,
            Outcome.Verdict.INCONCLUSIVE,
        },
        "stopped_early": {
            Outcome.Verdict.PARTLY_WORKED,
            Outcome.Verdict.DID_NOT_WORK,
            Outcome.Verdict.STOPPED_EARLY,
            Outcome.Verdict.INCONCLUSIVE,
        },
    }
    # Said when a verdict the form does not offer is sent anyway.
    REFUSED_VERDICT = {
        "completed": _(
            "Select what happened. If the pilot stopped before its end date, "
            "choose “Stop early” on the pilot page instead."
        ),
        "stopped_early": _(
            "Select what you had found by the time you stopped. If the pilot worked, "
            "choose “Complete the pilot” on the pilot page instead."
        ),
    }

    def __init__(self, *args, ending, **kwargs):
        super().__init__(*args, **kwargs)
        self.ending = ending
        verdict = self.fields["verdict"]
        # Radios need no "---------" option. Every verdict is valid input, so that
        # clean_verdict can say why one this ending refuses is refused; only the
        # ending's own are offered.
        verdict.choices = Outcome.Verdict.choices
        verdict.widget.choices = [
            choice for choice in Outcome.Verdict.choices if choice[0] in self.VERDICTS[ending]
        ]
        self.fields["recommend"].choices = Outcome.Recommendation.choices
        self.fields["evidence_level"].choices = Outcome.EvidenceLevel.choices
        if ending == "stopped_early":
            # No answer chosen for them (GOV.UK radios): what they found is theirs to say.
            verdict.label = _("What had you found by the time you stopped?")
            asked = _("Select what you had found by the time you stopped")
            verdict.error_messages.update(required=asked, invalid_choice=asked)
        else:
            del self.fields["stop_reason"]

    def clean_verdict(self):
        verdict = self.cleaned_data["verdict"]
        if verdict not in self.VERDICTS[self.ending]:
            raise ValidationError(self.REFUSED_VERDICT[self.ending], code="refused_verdict")
        return verdict

    def clean(self):
        cleaned = super().clean()
        self.clean_benefits(cleaned)
        return cleaned

    def main_fields(self):
        """Every field but the benefits, which the template shows in a fieldset of their own."""
        return [self[name] for name in self.fields if name not in BENEFIT_FIELDS]

    def benefit_fields(self):
        return [self[name] for name in self.fields if name in BENEFIT_FIELDS]

    def outcome_fields(self):
        return {field: self.cleaned_data[field] for field in OUTCOME_FIELDS}


class BenefitCheckInForm(forms.ModelForm):
    """What the change has actually saved since the outcome, with how the lead knows."""

    realised_cashable = MoneyField(
        label=_("Cashable saving so far (£)"),
        help_text=_("Money the council has not spent because of the change, since the outcome."),
        name=_("cashable saving"),
        required_message=_("Enter the cashable saving so far, or 0"),
    )
    realised_cost_avoided = MoneyField(
        label=_("Cost avoided so far (£)"),
        help_text=_("Costs that did not arise because of the change, since the outcome."),
        name=_("cost avoided"),
        required_message=_("Enter the cost avoided so far, or 0"),
    )

    class Meta:
        model = BenefitCheckIn
        fields = ["realised_cashable", "realised_cost_avoided", "note"]
        labels = {"note": _("How do you know?")}
        help_texts = {
            "note": _(
                "Where the figures come from, such as the budget monitoring report, and "
                "anything that changed the saving. Other councils read this."
            )
        }
        error_messages = {"note": {"required": _("Enter how you know")}}
        widgets = {"note": textarea(4)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
