import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Council


def choice_filter(label, any_label, invalid, **options):
    """A filter with a list of options to choose from, in GOV.UK words."""
    return django_filters.ChoiceFilter(
        label=label, empty_label=any_label, error_messages={"invalid_choice": invalid}, **options
    )


def nation_filter(**options):
    return choice_filter(
        _("Nation"),
        _("All nations"),
        _("Select a nation from the list"),
        choices=Council.Nation.choices,
        **options,
    )


def council_type_filter(**options):
    return choice_filter(
        _("Type of council"),
        _("All types"),
        _("Select a type of council from the list"),
        choices=Council.AuthorityType.choices,
        **options,
    )


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
    nation = nation_filter()
    region = choice_filter(_("Region"), _("All regions"), _("Select a region from the list"))
    authority_type = council_type_filter()
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
