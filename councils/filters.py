import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Council


def region_choices():
    regions = (
        Council.objects.exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )
    return [(region, region) for region in regions]


class CouncilFilter(django_filters.FilterSet):
    """Search and filters for the councils list; current councils unless asked otherwise."""

    q = django_filters.CharFilter(
        label=_("Council name"),
        method="search",
        max_length=100,
        error_messages={"max_length": _("Council name must be 100 characters or fewer")},
    )
    nation = django_filters.ChoiceFilter(
        label=_("Nation"),
        choices=Council.Nation.choices,
        empty_label=_("All nations"),
        error_messages={"invalid_choice": _("Select a nation from the list")},
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        empty_label=_("All regions"),
        error_messages={"invalid_choice": _("Select a region from the list")},
    )
    authority_type = django_filters.ChoiceFilter(
        label=_("Type of council"),
        choices=Council.AuthorityType.choices,
        empty_label=_("All types"),
        error_messages={"invalid_choice": _("Select a type of council from the list")},
    )
    include_former = django_filters.BooleanFilter(
        label=_("Include former councils"),
        method="filter_include_former",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Council
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Regions come from the data, so they are read once per request.
        self.filters["region"].extra["choices"] = region_choices()

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(short_name__icontains=value)
            | Q(official_name__icontains=value)
            | Q(code__iexact=value)
            | Q(gss_code__iexact=value)
        )

    def filter_include_former(self, queryset, name, value):
        return queryset if value else queryset.active()
