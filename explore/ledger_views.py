"""The ledger and dashboard pages: a council's, a partnership's and the whole country's."""

import django_filters
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from councils.models import Council, Partnership
from ideas.models import Theme

from .dashboards import dashboard
from .ledger import Period, Scope, build_ledger, financial_year_label, financial_year_of

YEARS_SHOWN = 10


def year_choices():
    """This financial year and the nine before it, newest first."""
    this_year = financial_year_of(timezone.localdate())
    return [
        (str(year), financial_year_label(year))
        for year in range(this_year, this_year - YEARS_SHOWN, -1)
    ]


class LedgerFilter(django_filters.FilterSet):
    """The period a ledger covers. A value that is not an option is ignored, never an error."""

    year = django_filters.ChoiceFilter(
        label=_("Financial year (April to March)"),
        choices=year_choices,
        empty_label=_("All years"),
        method="keep",
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All themes"),
        method="keep",
    )

    def keep(self, queryset, name, value):
        return queryset  # the ledger applies the period to each of its querysets itself

    def period(self):
        """The chosen year and theme; a bad value counts as not chosen."""
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        year = cleaned.get("year")
        return Period(year=int(year) if year else None, theme=cleaned.get("theme"))

    def shown_form(self):
        """The form to show: a bad value is left out, as if never chosen, with no error."""
        if not self.form.errors:
            return self.form
        kept = {name: value for name, value in self.data.items() if name not in self.form.errors}
        return LedgerFilter(kept, queryset=self.queryset).form


def ledger_page(request, *, scope, heading, context):
    filterset = LedgerFilter(request.GET, queryset=Theme.objects.none())
    period = filterset.period()
    ledger = build_ledger(request.user, scope, period)
    context = {
        **context,
        "heading": heading,
        "form": filterset.shown_form(),
        "period": period,
        "year_label": financial_year_label(period.year) if period.year else None,
        "ledger": ledger,
        "charts": dashboard(request.user, scope, period, ledger),
    }
    return render(request, "explore/ledger.html", context)


@require_safe
def national_ledger(request):
    return ledger_page(
        request, scope=Scope(), heading=_("Savings and results across all councils"), context={}
    )


@require_safe
def council_ledger(request, slug):
    council = get_object_or_404(Council, slug=slug)
    return ledger_page(
        request,
        scope=Scope(council_ids=(council.pk,)),
        heading=_("Savings and results at %(name)s") % {"name": council.short_name},
        context={"council": council, "adopters_apply": True},
    )


@require_safe
def partnership_ledger(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    member_ids = tuple(partnership.councils.values_list("pk", flat=True))
    return ledger_page(
        request,
        scope=Scope(council_ids=member_ids),
        heading=_("Savings and results in %(name)s") % {"name": partnership.name},
        context={"partnership": partnership, "adopters_apply": True},
    )
