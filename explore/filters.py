"""Browse filters for experiments and ideas: facets, search and a declared sort order.

Every FilterSet is given a queryset already scoped with `visible_to(user)`;
facet counts are computed from that same scoped queryset, so no count can
reveal something the person cannot see.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import CharField, Count, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Cast
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from councils.filters import choice_filter, council_type_filter, nation_filter
from councils.similarity import similar_council_ids
from councils.visibility import membership_of, own_council_filter
from ideabank.lib.counts import count_of
from ideas.models import Idea, Theme
from outcomes.models import Outcome, adoptions_counted_live
from pilots.models import Pilot

from .search import MAX_MATCHES, MAX_QUERY_LENGTH, MIN_QUERY_LENGTH, bounded, matching, ranked


def seen_adoptions(user):
    """The adoptions by other councils `user` may see (the rows the kept counts leave out)."""
    return adoptions_counted_live(Pilot.objects.visible_to(user), user)


def visible_adoption_count(user):
    """How many adoptions of each pilot the user can see (an invisible one is never counted)."""
    adoptions = Pilot.objects.visible_to(user).filter(adapted_from=OuterRef("pk"))
    return count_of(adoptions, "adapted_from")


@dataclass(frozen=True)
class Facet:
    """A filter whose options are shown with how many visible rows each would give."""

    name: str
    key: str
    label: str | None = None  # the field naming each option; None: the filter's choices


# Facets that describe the row's council: one GROUP BY council gives all their
# counts (see `facet_counts`). Each names the columns of its value and label.
COUNCIL_COLUMNS = {
    "council_slug": "council__slug",
    "council_name": "council__short_name",
    "council_nation": "council__nation",
    "council_region": "council__region",
    "council_type": "council__authority_type",
}
COUNCIL_FACETS = {
    "council": ("council_slug", "council_name"),
    "nation": ("council_nation", None),
    "region": ("council_region", "council_region"),
    "council_type": ("council_type", None),
}
FACETS = [
    Facet("partnership", "council__partnerships__slug", "council__partnerships__name"),
    Facet("theme", "themes__slug", "themes__name"),
    Facet("status", "status"),
]


def facet_columns(facet, value=None, label=None, *, council=False):
    """The columns of one branch of the facet counts, the same in every branch."""

    def text(expression):
        if expression is None:
            return Value("", output_field=CharField())
        return Cast(expression, CharField())

    columns = {"facet": Value(facet, output_field=CharField()), "value": text(value)}
    columns["label"] = text(label)
    for column, field in COUNCIL_COLUMNS.items():
        columns[column] = text(F(field) if council else None)
    return columns


# Filters the kept counts do not record: with one of them chosen, rows are counted.
ROW_ONLY_FILTERS = ("added_from", "added_to")
# How the kept counts name what a row reaches through a relation.
CELL_FIELDS = {"themes__": "theme__", "outcome__": ""}


def cell_field(field_name):
    """The kept counts' name for a row's `field_name` (`outcome__verdict`: `verdict`)."""
    for row_prefix, cell_prefix in CELL_FIELDS.items():
        if field_name.startswith(row_prefix):
            return cell_prefix + field_name.removeprefix(row_prefix)
    return field_name


OPTION_WITH_COUNT = _("%(option)s (%(count)s)")
OPTION_WITH_MORE_THAN = _("%(option)s (more than %(count)s)")
BY_COUNCIL = "*"  # the facet name of the rows counting matches per council


class ThemeField(forms.CharField):
    """A theme's slug: one naming no theme is an error, as a status not on the list is."""

    default_error_messages = {"unknown": _("Select a theme from the list")}

    def clean(self, value):
        value = super().clean(value)  # first the length and no NUL, then the database
        if value and not Theme.objects.filter(slug=value).exists():
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return value


class ThemeFilter(django_filters.CharFilter):
    field_class = ThemeField


class BrowseForm(forms.Form):
    """The browse filters' form: a date range must run forwards."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("added_from"), cleaned.get("added_to")
        if start and end and end < start:
            message = _("Added on or before must be the same as or after %(date)s")
            self.add_error("added_to", message % {"date": date_format(start, "j F Y")})
        return cleaned


def facet_filter(label, field_name, max_length, all_label, filter_class=django_filters.CharFilter):
    """A filter whose options come from the data (see `show_facet_counts`)."""
    return filter_class(
        label=label,
        field_name=field_name,
        max_length=max_length,
        widget=forms.Select(attrs={"class": "govuk-!-width-full"}, choices=[("", all_label)]),
    )


def added_on(label, lookup_expr, invalid):
    """A bound on the day a row was added, typed as a GOV.UK date; `invalid` names it."""
    return django_filters.DateFilter(
        label=label,
        field_name="created_at",
        lookup_expr=lookup_expr,
        help_text=_("For example, 27 3 2026 or 2026-03-27"),
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
        error_messages={"invalid": invalid},
    )


def status_filter(choices):
    return choice_filter(
        _("Status"), _("Any status"), _("Select a status from the list"), choices=choices
    )


class BrowseFilter(django_filters.FilterSet):
    """What experiments and ideas share: search, where, what about, when, and the order."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="keep",
        min_length=MIN_QUERY_LENGTH,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "min_length": _("Search for at least 2 letters or numbers"),
            "max_length": _("Search for 200 characters or fewer"),
        },
    )
    council = facet_filter(_("Council"), "council__slug", 120, _("All councils"))
    partnership = facet_filter(
        _("Partnership"), "council__partnerships__slug", 150, _("All partnerships")
    )
    nation = nation_filter(field_name="council__nation")
    region = facet_filter(_("Region"), "council__region", 60, _("All regions"))
    council_type = council_type_filter(field_name="council__authority_type")
    like_mine = django_filters.BooleanFilter(
        label=_("Only councils like mine"),
        help_text=_("The 10 councils most like yours (listed on your council's page)"),
        method="councils_like_mine",
        widget=forms.CheckboxInput,
    )
    theme = facet_filter(_("Theme"), "themes__slug", 100, _("All themes"), ThemeFilter)
    added_from = added_on(
        _("Added on or after"),
        "date__gte",
        _("Added on or after must be a real date, for example 27 3 2026"),
    )
    added_to = added_on(
        _("Added on or before"),
        "date__lte",
        _("Added on or before must be a real date, for example 27 3 2026"),
    )
    sort = choice_filter(_("Sort by"), None, _("Select an order from the list"), method="keep")

    # Declared sort orders: the query string picks one by name, never a field.
    ORDERINGS = {
        "relevance": ("-rank", "-created_at", "-pk"),
        "newest": ("-created_at", "-pk"),
        "updated": ("-updated_at", "-pk"),
    }
    SORT_CHOICES = [
        ("relevance", _("Best match")),
        ("newest", _("Newest")),
        ("updated", _("Recently updated")),
    ]
    FACETS = FACETS
    # Statuses only the person's own council sees (a withdrawn idea, a planned card).
    OWN_COUNCIL_STATUSES = frozenset()

    class Meta:
        form = BrowseForm
        fields = []

    def __init__(self, data=None, *args, fixed=(), cells=None, every_match=False, **kwargs):
        super().__init__(data, *args, **kwargs)
        # The kept counts of the rows in `queryset`, by the same rule (None: count rows).
        self.cells = cells
        # A page reads a search's newest MAX_MATCHES matches (`bounded`); a download
        # holds them all, as its page says.
        self.every_match = every_match
        # A council or partnership page fixes those filters: they are not offered.
        for name in fixed:
            del self.filters[name]
        self.membership = membership_of(self.request.user) if self.request else None
        if self.membership is None:  # "like mine" needs a council of one's own
            self.filters.pop("like_mine", None)
        self.filters["sort"].extra["choices"] = self.SORT_CHOICES
        self.filters["sort"].extra["initial"] = "relevance"

    def councils_like_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(council__in=similar_council_ids(self.membership.council_id))

    def keep(self, queryset, name, value):
        # Search and sort are applied last, in filter_queryset.
        return queryset

    def search_terms(self):
        """The valid search terms, or "" (too short or too long is ignored, with a message)."""
        self.errors  # noqa: B018 (validating the form fills cleaned_data)
        return self.form.cleaned_data.get("q") or ""

    def filtered(self, *, without=frozenset(), facet=None, rows=None):
        """The scoped queryset (or `rows` of it) with the search and every valid filter
        but those in `without`."""
        queryset = (self.queryset if rows is None else rows).all()
        terms = self.search_terms()
        for name, value in self.form.cleaned_data.items():
            if name not in without:
                queryset = self.filters[name].filter(queryset, value)
        if "status" not in without:
            queryset = self.within_own_council(queryset)
        if not terms:
            return queryset
        matches = matching(queryset, terms)
        return matches if self.every_match else bounded(matches)

    def within_own_council(self, queryset):
        """For a status only the person's own council sees, their council's rows, said
        outright: the rule already leaves no others, but PostgreSQL cannot tell, and
        walks every row in date order to find one council's few (withdrawn ideas at
        1,000,000: 3 s, against 11 ms with the council named; docs/performance.md)."""
        if self.request is None or self.form.cleaned_data.get("status") not in (
            self.OWN_COUNCIL_STATUSES
        ):
            return queryset
        return queryset.filter(own_council_filter(self.request.user))

    def chosen_sort(self):
        """The declared order chosen: best match when searching, else newest by default."""
        sort = self.form.cleaned_data.get("sort") or "relevance"
        if sort == "relevance" and not self.search_terms():
            return "newest"
        return sort

    def filter_queryset(self, queryset):
        return self.order(self.filtered(), self.chosen_sort())

    def order(self, queryset, sort):
        if sort == "relevance":
            queryset = ranked(queryset, self.search_terms())
        return queryset.order_by(*self.ORDERINGS[sort])

    def page_rows(self, start, stop):
        """Rows `start` to `stop` of the list, in its order, without reading the rows before.

        A deferred join: the page's ids come first, through the index matching the
        order (a deep page passes over index entries, not whole rows with their
        joins), then only those rows are read, in the same order.
        """
        page = self.queryset.model.objects.filter(self.page_filter(start, stop))
        return self.order(page, self.chosen_sort())

    def page_filter(self, start, stop):
        """A Q object selecting rows `start` to `stop` of the list."""
        return Q(pk__in=self.qs.values("pk")[start:stop])

    def facet_counts(self):
        """How many rows match, and {facet: [(value, label, count)]}, in one or two queries.

        A facet counts the rows every other filter leaves, so it still offers its
        other options. Facets about the council (nation, region, type, council)
        come from one branch grouping by council, before any council filter; the
        rest are a GROUP BY each. The branches are joined with UNION ALL, so a
        page spends one round trip, and few scans, on all its counts.
        """
        council_facets = [name for name in COUNCIL_FACETS if name in self.filters]
        facets = [facet.name for facet in self.FACETS if facet.name in self.filters]
        counts = {name: {} for name in [*council_facets, *facets]}
        matching_count = 0
        for row in self.facet_rows():
            if row["facet"] == BY_COUNCIL:
                matching_count += self.count_council(row, council_facets, counts)
            elif row["value"] not in (None, ""):
                label, count = counts[row["facet"]].get(row["value"], (row["label"], 0))
                counts[row["facet"]][row["value"]] = (label, count + row["count"])
        return matching_count, {
            name: [(value, label, count) for value, (label, count) in options.items()]
            for name, options in counts.items()
        }

    def facet_rows(self):
        """The facet counts' rows: summed from the kept counts where they can answer (plus
        the rows they leave out, counted), else counted from the rows. One query, or two
        when some rows are left out."""
        if not self.counts_from_cells():
            branches = self.facet_branches(self.filtered, Count("pk"))
        else:
            branches = self.facet_branches(self.cells_filtered, Sum("count"), cells=True)
            # Few rows (adoptions elsewhere), fetched first: the visibility rule's lineage
            # is then checked once, not in every branch.
            ids = self.uncounted_ids()
            if ids:
                rows = self.queryset.model.objects.filter(pk__in=ids)
                branches += self.facet_branches(self.filtered, Count("pk"), rows=rows)
        first, *rest = branches
        return list(first.union(*rest, all=True))

    def facet_branches(self, filtered, total, *, cells=False, **where):
        """Every facet's counts over `filtered(...)`, rows or cells: one GROUP BY each."""
        branches = [
            filtered(without=set(COUNCIL_FACETS), **where)
            .order_by()
            .values(**facet_columns(BY_COUNCIL, council=True))
            .annotate(count=total)
        ]
        for facet in self.FACETS:
            if facet.name not in self.filters:
                continue
            key, label = facet.key, facet.label or facet.key
            if cells:
                key, label = cell_field(key), cell_field(label)
            branches.append(
                filtered(without={facet.name}, facet=facet.name, **where)
                .order_by()
                .values(**facet_columns(facet.name, F(key), F(label)))
                .annotate(count=total)
            )
        return branches

    def counts_from_cells(self):
        """True when the kept counts can answer: PostgreSQL, no search and no dates."""
        if self.cells is None or connection.vendor != "postgresql" or self.search_terms():
            return False
        return not any(self.form.cleaned_data.get(name) for name in ROW_ONLY_FILTERS)

    def cells_filtered(self, *, without=frozenset(), facet=None):
        """The cells the person may see, with every valid filter but those in `without`.

        A cell with a theme counts that theme's rows, one without counts them all:
        a chosen theme, or the theme facet, reads the former, anything else the latter.
        """
        cells = self.cells.all()
        for name, value in self.form.cleaned_data.items():
            if name in without or value in EMPTY_VALUES:
                continue
            chosen = self.filters[name]
            if chosen.method is not None:  # "like mine" (by council); search and sort: nothing
                cells = chosen.filter(cells, value)
            else:
                lookup = f"{cell_field(chosen.field_name)}__{chosen.lookup_expr}"
                cells = cells.filter(**{lookup: value})
        if "theme" in without or not self.form.cleaned_data.get("theme"):
            cells = cells.filter(theme__isnull=facet != "theme")
        return cells

    def uncounted_ids(self):
        """Ids of the rows the cells leave out, to count one by one (None: the cells hold
        them all)."""
        return None

    def count_council(self, row, council_facets, counts):
        """Add one council's rows to each council facet whose other filters it passes.

        Returns the rows it adds to the total (all if it passes every council filter).
        """
        chosen = {name: self.form.cleaned_data.get(name) for name in council_facets}
        failed = {
            name
            for name, value in chosen.items()
            if value and row[COUNCIL_FACETS[name][0]] != value
        }
        for name in council_facets:
            if failed - {name}:
                continue
            value_field, label_field = COUNCIL_FACETS[name]
            value = row[value_field]
            if value in (None, ""):
                continue
            label, count = counts[name].get(value, (row[label_field or value_field], 0))
            counts[name][value] = (label, count + row["count"])
        return 0 if failed else row["count"]

    def show_facet_counts(self, counts):
        """Offer each facet's options with their counts; a chosen option stays on the list."""
        with_count = self.count_labeller()
        for name, options in counts.items():
            widget = self.form.fields[name].widget
            empty, *declared = widget.choices
            counted = {value: (label, count) for value, label, count in options}
            if declared:  # a fixed list: keep its order, offer only what has rows
                offered = [(value, label) for value, label in declared if value in counted]
            else:  # options come from the data
                offered = sorted(
                    ((value, label) for value, (label, _n) in counted.items()),
                    key=lambda option: option[1].lower(),
                )
            chosen = self.form.cleaned_data.get(name)
            if chosen and chosen not in counted:
                offered.append((chosen, dict(declared).get(chosen, chosen)))
            counts = {value: count for value, (_label, count) in counted.items()}
            widget.choices = [
                empty,
                *((value, with_count(name, counts.get(value, 0))) for value, name in offered),
            ]

    def count_labeller(self):
        """A function writing an option with its count: a search counts up to MAX_MATCHES
        (`bounded`). The wording is translated here once, not for each of a page's 500
        options (that was 9 ms a browse page)."""
        with_count, more_than = str(OPTION_WITH_COUNT), str(OPTION_WITH_MORE_THAN)
        searching = bool(self.search_terms())

        def label(option, count):
            if count > MAX_MATCHES and searching:
                return more_than % {"option": option, "count": intcomma(MAX_MATCHES)}
            return with_count % {"option": option, "count": count}

        return label


class ExperimentFilter(BrowseFilter):
    """Pilots with their outcomes."""

    section = "experiments"  # its template: explore/_browse_experiments.html

    status = status_filter([c for c in Pilot.Status.choices if c[0] != Pilot.Status.DISCARDED])
    OWN_COUNCIL_STATUSES = Pilot.UNSIGNED
    verdict = choice_filter(
        _("What happened"),
        _("Any result"),
        _("Select a result from the list"),
        field_name="outcome__verdict",
        choices=Outcome.Verdict.choices,
    )
    evidence = choice_filter(
        _("Evidence level"),
        _("Any evidence level"),
        _("Select an evidence level from the list"),
        field_name="outcome__evidence_level",
        choices=[(str(level), _("Level %(level)s") % {"level": level}) for level in range(1, 6)],
    )

    ORDERINGS = {
        **BrowseFilter.ORDERINGS,
        "adopted": ("-adoption_count", "-created_at", "-pk"),
    }
    SORT_CHOICES = [*BrowseFilter.SORT_CHOICES, ("adopted", _("Most adopted"))]
    FACETS = [
        *FACETS,
        Facet("verdict", "outcome__verdict"),
        Facet("evidence", "outcome__evidence_level"),
    ]

    class Meta:
        model = Pilot
        form = BrowseForm
        fields = []

    def uncounted_ids(self):
        # The cells count every pilot the person may see, so the scope is all of them.
        return list(seen_adoptions(self.request.user).values_list("pk", flat=True))

    def order(self, queryset, sort):
        if sort == "adopted":
            queryset = queryset.annotate(adoption_count=visible_adoption_count(self.request.user))
        return super().order(queryset, sort)

    def page_filter(self, start, stop):
        """Most adopted first: the few pilots with an adoption the person may see, in
        order, then the rest, newest first (the order "newest" reads from its index)."""
        if self.chosen_sort() != "adopted":
            return super().page_filter(start, stop)
        adopted = self.adopted_ids
        rows = Q(pk__in=adopted[start:stop])
        if stop > len(adopted):
            rest = self.filtered().exclude(pk__in=adopted).order_by(*self.ORDERINGS["newest"])
            rest = rest.values("pk")[max(start - len(adopted), 0) : stop - len(adopted)]
            rows |= Q(pk__in=rest)
        return rows

    @cached_property
    def adopted_ids(self):
        """The matching pilots with an adoption the person may see, most adopted first.

        Only pilots that were adopted at all are counted, found through the index of
        adoptions (`one_adoption_per_council`): a few rows, however many pilots match.
        """
        sources = Pilot.objects.filter(adapted_from__isnull=False).values("adapted_from_id")
        adopted = (
            self.filtered()
            .filter(pk__in=sources)
            .annotate(adoption_count=visible_adoption_count(self.request.user))
            .filter(adoption_count__gt=0)
            .order_by(*self.ORDERINGS["adopted"])
        )
        return list(adopted.values_list("pk", flat=True))


class DidNotWorkFilter(ExperimentFilter):
    """The "did not work" register: pilots that did not work or were stopped early."""

    section = "did_not_work"  # its template: explore/_browse_did_not_work.html

    class Meta:
        model = Pilot
        form = BrowseForm
        fields = []


class IdeaFilter(BrowseFilter):
    """Shared ideas (drafts belong on the author's own list, not here)."""

    section = "ideas"  # its template: explore/_browse_ideas.html

    status = status_filter([c for c in Idea.Status.choices if c[0] not in Idea.AUTHOR_ONLY])
    OWN_COUNCIL_STATUSES = Idea.OWN_COUNCIL_ONLY

    class Meta:
        model = Idea
        form = BrowseForm
        fields = []
