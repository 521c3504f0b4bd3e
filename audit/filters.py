import django_filters
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    """The council admin's security log, by kind of event."""

    kind = django_filters.ChoiceFilter(
        label=_("What happened"),
        choices=AuditEvent.Kind.choices,
        empty_label=_("All events"),
        error_messages={"invalid_choice": _("Select what happened from the list")},
    )

    class Meta:
        model = AuditEvent
        fields = []
