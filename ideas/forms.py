from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comment, Idea, Theme


class IdeaForm(forms.ModelForm):
    """An idea, as a draft (a title is enough) or for review (the full story)."""

    # Only these are needed to save a draft; everything the form asks for is needed to submit.
    DRAFT_REQUIRED = {"title", "cost_band", "visibility", "name_display"}

    themes = forms.ModelMultipleChoiceField(
        label=_("Which themes does your idea fit?"),
        help_text=_("Select all that apply. Other councils use themes to find ideas."),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        required=False,
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
            "visibility",
            "name_display",
        ]
        labels = {
            "title": _("Give your idea a short title"),
            "problem": _("What problem does it solve?"),
            "proposal": _("What change do you propose?"),
            "expected_benefit": _("What difference would it make?"),
            "who_benefits": _("Who would benefit?"),
            "cost_band": _("Roughly how much would it cost to try?"),
            "visibility": _("Who can see this idea?"),
            "name_display": _("Who can see your name?"),
        }
        help_texts = {
            "title": _("For example, ‘Text reminders for bin collection days’"),
            "problem": _("Say who has the problem, how often, and what it costs today."),
            "proposal": _("Describe what you would do differently. Keep it small enough to try."),
            "expected_benefit": _("For example, time or money saved, or better outcomes."),
            "who_benefits": _("For example, residents, carers, a team at the council"),
            "visibility": _("Managers at your council can always see ideas you submit."),
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
            "cost_band": {"required": _("Select roughly how much it would cost")},
            "visibility": {"required": _("Select who can see this idea")},
            "name_display": {"required": _("Select who can see your name")},
        }
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "problem": forms.Textarea(attrs={"rows": 5}),
            "proposal": forms.Textarea(attrs={"rows": 5}),
            "expected_benefit": forms.Textarea(attrs={"rows": 3}),
            "who_benefits": forms.TextInput(),
            "cost_band": forms.RadioSelect(),
            "visibility": forms.RadioSelect(),
            "name_display": forms.RadioSelect(),
        }

    # Drafts may leave these empty (so the model allows blanks); submitting needs them.
    SUBMIT_REQUIRED = ("problem", "proposal")

    def __init__(self, *args, submitting, **kwargs):
        super().__init__(*args, **kwargs)
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


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Add a comment")}
        help_texts = {
            "body": _("Be kind and constructive. Everyone who can see the idea can read it.")
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "body": {
                "required": _("Enter your comment"),
                "max_length": _("Your comment must be 3,000 characters or fewer"),
            }
        }


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
