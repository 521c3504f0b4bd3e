from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Visibility

from .models import Comment, Idea, Theme


def audience_field(label, help_text="", *, required=True):
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        required=required,
        choices=Visibility.choices,
        widget=forms.RadioSelect(),
        error_messages={
            "required": _("Select who can see it"),
            "invalid_choice": _("Select who can see it"),
        },
    )


def themes_field(*, label, help_text):
    """Small GOV.UK checkboxes for any number of themes, none required."""
    return forms.ModelMultipleChoiceField(
        label=label,
        help_text=help_text,
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        required=False,
    )


NO_PARTNERS = _("%(council)s has no partner councils. Select who can see it")


def offer_partners_only_if_any(council, fields, message=NO_PARTNERS):
    """A council in no partnership has no partners to share with: no such choice in
    `fields`, and `message` (naming the council) if someone sends it anyway."""
    if Council.objects.partners_of(council).exists():
        return
    for field in fields:
        field.choices = [
            (value, label) for value, label in field.choices if value != Visibility.PARTNERS
        ]
        field.error_messages["invalid_choice"] = message % {"council": council.short_name}


class IdeaForm(forms.ModelForm):
    """An idea, as a draft (a title and a rough cost are enough) or for review (the full story)."""

    # Only these are needed to save a draft; everything the form asks for is needed to submit.
    DRAFT_REQUIRED = {"title", "cost_band", "requested_visibility", "name_display"}
    # Questions a new idea's author answers themselves: no radio comes chosen.
    CHOSEN_BY_THE_AUTHOR = ("cost_band", "requested_visibility", "name_display")

    themes = themes_field(
        label=_("Which themes does your idea fit?"),
        help_text=_("Select all that apply. Other councils use themes to find ideas."),
    )

    class Meta:
        model = Idea
        fields = [
            "title",
            "problem",
            "proposal",
            "expected_benefit",
            "who_benefits",
            "cost_band",
            "themes",
            "requested_visibility",
            "name_display",
        ]
        labels = {
            "title": _("Give your idea a short title"),
            "problem": _("What problem does it solve?"),
            "proposal": _("What change do you propose?"),
            "expected_benefit": _("What difference would it make?"),
            "who_benefits": _("Who would benefit?"),
            "cost_band": _("Roughly how much would it cost to try?"),
            "requested_visibility": _("Who would you like to see this idea?"),
            "name_display": _("Who can see your name?"),
        }
        help_texts = {
            "title": _("For example, ‘Text reminders for bin collection days’"),
            "problem": _("Say who has the problem, how often, and what it costs today."),
            "proposal": _("Describe what you would do differently. Keep it small enough to try."),
            "expected_benefit": _("For example, time or money saved, or better outcomes."),
            "who_benefits": _("For example, residents, carers, a team at the council"),
            "requested_visibility": _(
                "Your council sees the idea once you submit it. A manager at your council "
                "decides whether it is shared more widely."
            ),
            "name_display": _(
                "People at other councils will see ‘a member of staff at’ your council "
                "if you choose your council only."
            ),
        }
        error_messages = {
            "title": {
                "required": _("Enter a title for your idea"),
                "max_length": _("Title must be 150 characters or fewer"),
            },
            "problem": {
                "required": _("Describe the problem your idea solves"),
                "max_length": _("The problem must be 5,000 characters or fewer"),
            },
            "proposal": {
                "required": _("Describe the change you propose"),
                "max_length": _("The change you propose must be 5,000 characters or fewer"),
            },
            "expected_benefit": {
                "max_length": _("The difference it would make must be 3,000 characters or fewer"),
            },
            "who_benefits": {
                "max_length": _("Who would benefit must be 300 characters or fewer"),
            },
            "cost_band": {
                "required": _("Select roughly how much it would cost to try"),
                "invalid_choice": _("Select roughly how much it would cost to try"),
            },
            "requested_visibility": {"required": _("Select who you would like to see this idea")},
            "name_display": {"required": _("Select who can see your name")},
        }
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "problem": forms.Textarea(attrs={"rows": 5}),
            "proposal": forms.Textarea(attrs={"rows": 5}),
            "expected_benefit": forms.Textarea(attrs={"rows": 3}),
            "who_benefits": forms.TextInput(),
            "cost_band": forms.RadioSelect(),
            "requested_visibility": forms.RadioSelect(),
            "name_display": forms.RadioSelect(),
        }

    # Drafts may leave these empty (so the model allows blanks); submitting needs them.
    SUBMIT_REQUIRED = ("problem", "proposal")

    def __init__(self, *args, submitting, council=None, **kwargs):
        """`council` is the author's (an idea being edited knows its own)."""
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # GOV.UK radios start with none chosen: the model's defaults are for rows
            # made without the form, not answers to suggest.
            for name in self.CHOSEN_BY_THE_AUTHOR:
                self.initial.pop(name, None)
                self.fields[name].initial = None
        if council is None and self.instance.council_id:
            council = self.instance.council
        if council is not None:
            message = _(
                "%(council)s has no partner councils. Select who you would like to see this idea"
            )
            offer_partners_only_if_any(council, [self.fields["requested_visibility"]], message)
        for name in self.SUBMIT_REQUIRED:
            self.fields[name].required = True
        if not submitting:
            for name, field in self.fields.items():
                if name not in self.DRAFT_REQUIRED:
                    field.required = False


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Why are you withdrawing it?"),
        help_text=_("The managers at your council will see this on the idea’s timeline."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("Your note must be 2,000 characters or fewer")},
    )


class MoveForm(forms.Form):
    """Start the review, or take an idea off the shelf: moves that need no feedback."""

    START_REVIEW = "start_review"
    RETURN_TO_REVIEW = "return_to_review"
    MOVES = {START_REVIEW, RETURN_TO_REVIEW}

    decision = forms.ChoiceField(
        choices=[
            (START_REVIEW, _("Start the review")),
            (RETURN_TO_REVIEW, _("Take it off the shelf and review it again")),
        ],
        widget=forms.HiddenInput,
    )


class DecisionForm(forms.Form):
    """A manager's decision, which always comes with feedback to the author."""

    ACCEPT = "accept"
    DECLINE = "decline"
    PARK = "park"

    decision = forms.ChoiceField(
        label=_("What have you decided?"),
        choices=[
            (ACCEPT, _("Accept it: the idea can become a pilot")),
            (DECLINE, _("Decline it")),
            (PARK, _("Put it on the innovation shelf for later")),
        ],
        widget=forms.RadioSelect(),
        error_messages={
            "required": _("Select your decision"),
            "invalid_choice": _("Select your decision"),
        },
    )
    feedback = forms.CharField(
        label=_("Feedback to the author"),
        help_text=_(
            "Say what you decided and why, and what would help next time. Feedback on a "
            "declined idea is seen only by its author and your council’s managers."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        error_messages={
            "required": _("Write feedback to the author before you decide"),
            "max_length": _("Feedback must be 3,000 characters or fewer"),
        },
    )
    audience = audience_field(
        _("If you accept it or put it on the shelf, who can see it?"),
        _("This approves who sees it: choose what the author asked for, or fewer people."),
        # Left out (not from this page, which always sends one), the decision keeps the
        # approved audience.
        required=False,
    )
    # A decline shares its lesson only as widely as the manager chooses here: the
    # author's request is not the default. Labels differ from `audience`'s on purpose,
    # so that each radio reads on its own.
    lesson_audience = forms.ChoiceField(
        label=_("If you decline it, who may learn from it?"),
        help_text=_("Other councils see the idea, never your feedback."),
        choices=[
            (Visibility.COUNCIL, _("Keep it within my council")),
            (Visibility.PARTNERS, _("Share the lesson with our partner councils")),
            (Visibility.COUNCILS, _("Share the lesson with staff at any council")),
            (Visibility.PUBLIC, _("Share the lesson publicly")),
        ],
        initial=Visibility.COUNCIL,
        widget=forms.RadioSelect(),
        required=False,
        error_messages={"invalid_choice": _("Select who may learn from it")},
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [self.fields["audience"], self.fields["lesson_audience"]]
        offer_partners_only_if_any(council, fields)

    def clean(self):
        """One `audience` for the decision taken; a decline left without one stays with
        its own council."""
        cleaned = super().clean()
        lesson = cleaned.pop("lesson_audience", "")
        if cleaned.get("decision") == self.DECLINE:
            cleaned["audience"] = lesson or Visibility.COUNCIL
        return cleaned


class CommentForm(forms.Form):
    """A comment on an idea, pilot or outcome, or a message about a pilot."""

    body = forms.CharField(
        label=_("Add a comment"),
        help_text=_("Be kind and constructive. Everyone who can see the idea can read it."),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter your comment"),
            "max_length": _("Your comment must be 3,000 characters or fewer"),
        },
    )

    def __init__(self, *args, label=None, help_text=None, errors=None, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.label = label or body.label
        body.help_text = help_text or body.help_text
        body.error_messages = {**body.error_messages, **(errors or {})}


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you hiding this comment?"),
        help_text=_("The person who wrote the comment will see this reason."),
        max_length=500,
        error_messages={
            "required": _("Enter why you are hiding this comment"),
            "max_length": _("The reason must be 500 characters or fewer"),
        },
    )


class AudienceForm(forms.Form):
    """A manager sets who sees an idea or pilot, and may redact its text, giving a reason."""

    audience = audience_field(_("Who can see it?"))
    reason = forms.CharField(
        label=_("Why are you changing this?"),
        help_text=_("This is recorded on the timeline for everyone who can see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Enter why you are changing this"),
            "max_length": _("The reason must be 2,000 characters or fewer"),
        },
    )

    def __init__(self, *args, target, **kwargs):
        initial = {"audience": target.visibility}
        initial.update({name: getattr(target, name) for name in target.TEXT_FIELDS})
        super().__init__(*args, initial=initial, **kwargs)
        offer_partners_only_if_any(target.council, [self.fields["audience"]])
        for name in target.TEXT_FIELDS:
            field = target._meta.get_field(name).formfield()
            field.label = capfirst(field.label)
            field.help_text = ""
            part = target._meta.get_field(name).verbose_name
            field.error_messages["required"] = _("Enter %(part)s") % {"part": part}
            self.fields[name] = field

    def text(self):
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in {"audience", "reason"}
        }
