from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .email_domains import (
    COUNCIL_SUFFIXES,
    council_names,
    is_own_domain,
    is_usual_council_domain,
    name_label,
    shared_domain_error,
)
from .models import Council, CouncilEmailDomain, Membership, MembershipRequest


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        error_messages={
            "required": _("Select a role"),
            "invalid_choice": _("Select a role from the list"),
        },
    )


class EmailDomainForm(forms.Form):
    domain = forms.CharField(
        label=_("Email domain"),
        help_text=_("The part of your staff's email addresses after the @, like barnet.gov.uk"),
        max_length=253,
        error_messages={
            "required": _("Enter an email domain"),
            "max_length": _("An email domain must be 253 characters or fewer"),
        },
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council

    def clean_domain(self):
        domain = self.cleaned_data["domain"].strip().lower().removeprefix("@")
        if "@" in domain:
            raise ValidationError(
                _("Enter only the part after the @, like barnet.gov.uk"), code="email"
            )
        try:
            DomainNameValidator(accept_idna=False)(domain)
        except ValidationError:
            raise ValidationError(
                _("Enter an email domain in the correct format, like barnet.gov.uk"),
                code="invalid",
            ) from None
        error = shared_domain_error(domain)
        if error:
            raise ValidationError(error, code="shared")
        existing = CouncilEmailDomain.objects.filter(domain__iexact=domain).first()
        if existing is not None and existing.council_id == self.council.pk:
            raise ValidationError(
                _("%(council)s already uses %(domain)s")
                % {"council": self.council.short_name, "domain": domain},
                code="duplicate",
            )
        if existing is not None:
            raise ValidationError(
                _(
                    "Another council already uses %(domain)s. Contact the Idea Bank team "
                    "at %(support)s if it belongs to your council."
                )
                % {"domain": domain, "support": settings.SUPPORT_EMAIL},
                code="taken",
            )
        if not is_usual_council_domain(domain):
            raise ValidationError(
                _(
                    "Enter a domain ending in %(suffixes)s. To add %(domain)s, contact the "
                    "Idea Bank team at %(support)s: they check it belongs to your council."
                )
                % {
                    "suffixes": _(" or ").join(
                        [", ".join(COUNCIL_SUFFIXES[:-1]), COUNCIL_SUFFIXES[-1]]
                    ),
                    "domain": domain,
                    "support": settings.SUPPORT_EMAIL,
                },
                code="unusual",
            )
        held = self.council.email_domains.values_list("domain", flat=True)
        if not is_own_domain(domain, names=council_names(self.council), held=held):
            raise ValidationError(self.not_own_domain_message(domain), code="not_own")
        return domain

    def not_own_domain_message(self, domain):
        label = name_label(domain)
        owner = (
            Council.objects.exclude(pk=self.council.pk)
            .filter(Q(slug=label) | Q(gov_uk_slug=label))
            .first()
        )
        words = {
            "domain": domain,
            "owner": owner and owner.short_name,
            "council": self.council.short_name,
            "support": settings.SUPPORT_EMAIL,
        }
        if owner is not None:
            return (
                _(
                    "%(domain)s looks like %(owner)s's email domain. If it belongs to "
                    "%(council)s, contact the Idea Bank team at %(support)s: they check it."
                )
                % words
            )
        return _(
            "You can add domains with your council's name in them here, like "
            "%(example)s. To add %(domain)s, contact the Idea Bank team at %(support)s: "
            "they check it belongs to %(council)s."
        ) % {**words, "example": f"{self.council.slug}.gov.uk"}


class MembershipRequestForm(forms.Form):
    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=Council.objects.active(),
        empty_label=_("Choose a council"),
        error_messages={
            "required": _("Select the council you work for"),
            "invalid_choice": _("Select a council from the list"),
        },
    )
    message = forms.CharField(
        label=_("Why you need access"),
        help_text=_("Tell the council's admins your job and team, so they know who you are."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("Your message must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked = set(
            user.membership_requests.filter(status=MembershipRequest.Status.PENDING).values_list(
                "council_id", flat=True
            )
        )
        if self.asked:
            # Not offered again while they wait; a page from before still gets clean_council's
            # answer, because the field itself still accepts every active council.
            field = self.fields["council"]
            field.widget.choices = [
                choice for choice in field.choices if choice[0] not in self.asked
            ]

    def clean_council(self):
        council = self.cleaned_data["council"]
        if council.pk in self.asked:
            raise ValidationError(
                _("You have already asked %(council)s. They have not decided yet.")
                % {"council": council.short_name},
                code="pending",
            )
        return council
